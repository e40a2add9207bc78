/**
 * {@code avfusion ego}: replays a recording (a comma2k19 segment folder or a ROS 1 bag) through the ego-motion
 * filter and prints the fused trajectory as JSON lines, a GeoJSON export and the GNSS latency it estimated.
 * Plumbing only: the readers turn recordings into {@link org.avfusion.runtime.ego.EgoMeasurement}s with their
 * arrival times, {@link org.avfusion.runtime.cli.ego.EgoReplay} feeds the filter in arrival order. Depends on
 * {@code org.avfusion.runtime.ego}, the recorded-drive readers of {@code org.avfusion.drivers}, picocli and Jackson.
 */
package org.avfusion.runtime.cli.ego;
