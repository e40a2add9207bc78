/**
 * Calibration files in and out: the rig YAML ({@code config/rigs/*.yaml}), KITTI raw and object calibration and
 * labels, OpenCV FileStorage YAML and ROS {@code camera_info} YAML. The only package of the module that does I/O;
 * it may use Jackson YAML and the model packages, and reports bad input as
 * {@link org.avfusion.calibration.io.CalibrationFileException} naming the file and the field.
 */
package org.avfusion.calibration.io;
