/**
 * Late fusion of lidar clusters, camera detections and depth into classified 3D objects, as Autoware's
 * {@code roi_cluster_fusion}: {@link org.avfusion.runtime.fusion.RoiClusterFusion} projects clusters into the image,
 * matches them to detections by IoU and gives detections without a cluster a position from lidar or model depth.
 * Pure algorithms over preallocated buffers: no ONNX Runtime, I/O or threads; depends on
 * {@code calibration.projection}, {@code perceive.lidar}, {@code perceive.detect}, {@code perceive.depth} and
 * {@code runtime.assign} only.
 */
package org.avfusion.runtime.fusion;
