/**
 * Projection between 3D frames and images: points of a lidar (or any frame) into a distorted camera image
 * without per-point allocation ({@link org.avfusion.calibration.projection.PointProjector}), pixel plus depth back
 * to a point or ray, 3D boxes to image boxes, and 3x4 projection matrices (KITTI, ROS). Pure math on
 * {@code geometry} and {@code camera}; no I/O, no threads.
 */
package org.avfusion.calibration.projection;
