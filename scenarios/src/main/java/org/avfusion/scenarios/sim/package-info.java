/**
 * The simulated drive: a deterministic, seeded world (road, obstacles, moving actors, ego) that is a
 * {@link org.avfusion.drivers.source.RecordedSource} like a recorded drive, emitting lidar, camera, GNSS (as real
 * NMEA through the NMEA decoder) and IMU frames with per-sensor clock offsets, jitter and latency; its ground
 * truth; and the strict YAML scenario catalogue ({@link org.avfusion.scenarios.sim.ScenarioCatalog}). A drive on a
 * real street map ({@link org.avfusion.scenarios.sim.MapDrive}, {@link org.avfusion.scenarios.sim.MapScenario}) follows
 * the routes the runtime publishes, routed on the OSM file with {@code drivers.map}.
 * Depends on the frame model, pools, sources, the GNSS NMEA codec, {@code drivers.map}, calibration, Jackson YAML and
 * the {@code sim.world} and {@code sim.render} algorithms.
 */
package org.avfusion.scenarios.sim;
