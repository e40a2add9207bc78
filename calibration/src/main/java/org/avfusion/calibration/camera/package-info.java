/**
 * Camera models: pinhole intrinsics (and, with the calibration issue, OpenCV distortion). Pure math, no I/O.
 */
package org.avfusion.calibration.camera;
