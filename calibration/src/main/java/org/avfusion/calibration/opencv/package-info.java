/**
 * The image side of the {@code avfusion calibrate} tools, on OpenCV (JavaCV's presets): chessboard detection and
 * camera / stereo calibration (calib3d), and the lidar-to-camera alignment check (Canny, distance transform,
 * drawing). Reads and writes image files. The pure algorithms they share live in
 * {@code org.avfusion.calibration.tools}; this package may depend on it, on the rest of {@code calibration} and on
 * OpenCV, never on drivers or anything above (the bag's motion signals for the clock-offset estimate are read by
 * {@code drivers.recorded.rosbag.BagMotionSignals}).
 */
package org.avfusion.calibration.opencv;
