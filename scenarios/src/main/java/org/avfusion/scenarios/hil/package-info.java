/**
 * The hardware-in-the-loop rig: {@link org.avfusion.scenarios.hil.HilRig} streams a simulated scenario to a runtime
 * under test through its real interfaces (Velodyne UDP, NMEA TCP/UDP), injects the scenario's wire faults, checks
 * its expectations on the runtime's MQTT topics ({@link org.avfusion.scenarios.hil.DecisionTap}) and measures
 * reaction times; plus the pcap replayer the loopback test uses. Depends on drivers, calibration's YAML binder and
 * Paho; never on the runtime: a rig drives a runtime from outside.
 */
package org.avfusion.scenarios.hil;
