/**
 * Pure calibration algorithms behind the {@code avfusion calibrate} tools: the clock offset between two sensors from
 * a motion signal both observe (cross-correlation), and the score of a lidar-to-camera alignment (projected depth
 * edges against image edges). Arrays in, values out: no I/O, no threads, no OpenCV; depends on the JDK only.
 */
package org.avfusion.calibration.tools;
