/**
 * {@code avfusion clusters}: runs the lidar obstacle pipeline ({@code runtime.perceive.lidar}) over KITTI Velodyne
 * scans and prints one JSON line per cluster. Plumbing only: reads the scan and the KITTI calibration file, builds
 * the ground prior from it and formats the output; the algorithms live in the perceive package.
 */
package org.avfusion.runtime.cli.clusters;
