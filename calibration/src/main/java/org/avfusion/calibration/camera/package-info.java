/**
 * Camera models: pinhole intrinsics, calibrated intrinsics with the OpenCV distortion model
 * ({@link org.avfusion.calibration.camera.CameraIntrinsics}, {@link org.avfusion.calibration.camera.DistortionCoefficients}),
 * projection of camera-frame points and back-projection of pixels to rays. Pure math on the JDK only, no I/O.
 */
package org.avfusion.calibration.camera;
