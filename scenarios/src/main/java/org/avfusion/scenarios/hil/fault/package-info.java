/**
 * Faults a HIL rig injects on the wire: their YAML schema ({@link org.avfusion.scenarios.hil.fault.WireFault}, bound
 * strictly from a scenario's {@code faults:} list) and the plain algorithm that applies them to a rig's packets
 * ({@link org.avfusion.scenarios.hil.fault.WireFaultInjector}). No I/O, no threads; depends on calibration's binder
 * and the wire packet type only.
 */
package org.avfusion.scenarios.hil.fault;
