/**
 * Dense metric depth per camera frame: lidar points rendered into a sparse depth image ({@link
 * org.avfusion.runtime.perceive.depth.LidarDepthImage}), a monocular model's relative inverse depth scaled to metres
 * against it ({@link org.avfusion.runtime.perceive.depth.DepthScaleFit}), and one robust depth per detection box
 * ({@link org.avfusion.runtime.perceive.depth.DetectionDepth}); the model's input and its metric output at the
 * camera's resolution ({@link org.avfusion.runtime.perceive.depth.ModelDepthScaler}, pooled
 * {@link org.avfusion.runtime.perceive.depth.ModelDepthImage}). Pure algorithms over preallocated buffers: no ONNX
 * Runtime, I/O or threads; depends on {@code calibration.projection}, {@code drivers.frame}, {@code drivers.pool}
 * and {@code perceive.detect} only.
 */
package org.avfusion.runtime.perceive.depth;
