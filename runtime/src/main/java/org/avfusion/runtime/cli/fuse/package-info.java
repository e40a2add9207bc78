/**
 * {@code avfusion fuse}: runs the late fusion ({@code runtime.fusion}) on one KITTI object frame and prints one JSON
 * line per fused object. Plumbing only: reads the scan, image and calibration, runs the lidar pipeline (with the
 * {@code clusters} command's options), the detector and the lidar depth image, and formats the output.
 */
package org.avfusion.runtime.cli.fuse;
