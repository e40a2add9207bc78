/**
 * {@code avfusion calibrate}: the calibration tools on the command line (chessboard intrinsics, stereo, the
 * lidar-camera alignment check, the clock offset between two sensors, the rig file check). Each command parses its
 * arguments, calls {@code org.avfusion.calibration.opencv} / {@code org.avfusion.calibration.tools}, and prints the
 * result as YAML or JSON; bad input exits with 2 and a message naming the file and field. Depends on the calibration
 * and drivers modules, picocli and Jackson.
 */
package org.avfusion.runtime.cli.calibrate;
