/**
 * {@code avfusion hil}: the command line of the hardware-in-the-loop rig. Parsing and exit codes only; the rig,
 * its faults, expectations and reports live in {@code org.avfusion.scenarios.hil}.
 */
package org.avfusion.runtime.cli.hil;
