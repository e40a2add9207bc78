/**
 * The OpenCV and file side of the {@code avfusion calibrate} tools: chessboard detection and camera / stereo
 * calibration (OpenCV calib3d), the lidar-to-camera alignment check (Canny, distance transform, drawing) and the
 * motion signals read from a ROS bag for the clock-offset estimate. The pure algorithms live in
 * {@code org.avfusion.calibration.tools}; this package may depend on it, on {@code org.avfusion.drivers.recorded},
 * {@code .frame} and JavaCV/OpenCV.
 */
package org.avfusion.calibration.opencv;
