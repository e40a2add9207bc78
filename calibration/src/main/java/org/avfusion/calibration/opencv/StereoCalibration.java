package org.avfusion.calibration.opencv;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of a stereo calibration: each camera's intrinsics and the pose of the right camera in the left one's
 * frame, OpenCV's convention {@code X_right = R * X_left + T}.
 *
 * @param left                  the left camera's intrinsics (from its own views)
 * @param right                 the right camera's intrinsics
 * @param rotation              R, row-major 3x3
 * @param translationMeters     T, metres (the board's square side sets the scale)
 * @param baselineMeters        |T|
 * @param baselineStdErrorMeters jackknife standard error of the baseline (leave one pair out), metres
 * @param rotationAngleDegrees  the angle of R (0 for parallel cameras)
 * @param rmsPixels             RMS reprojection error of the stereo fit over both cameras, pixels
 * @param pairs                 the left/right image pairs used, left file first
 * @param rejected              images or pairs left out, and why
 */
public record StereoCalibration(
        CameraCalibration left,
        CameraCalibration right,
        double[] rotation,
        double[] translationMeters,
        double baselineMeters,
        double baselineStdErrorMeters,
        double rotationAngleDegrees,
        double rmsPixels,
        List<List<Path>> pairs,
        List<RejectedView> rejected) {

    public StereoCalibration {
        if (rotation == null || rotation.length != 9) {
            throw new IllegalArgumentException("rotation must be 3x3 (9 values)");
        }
        if (translationMeters == null || translationMeters.length != 3) {
            throw new IllegalArgumentException("translationMeters must have 3 values");
        }
        rotation = rotation.clone();
        translationMeters = translationMeters.clone();
        pairs = List.copyOf(pairs);
        rejected = List.copyOf(rejected);
    }

    @Override
    public double[] rotation() {
        return rotation.clone();
    }

    @Override
    public double[] translationMeters() {
        return translationMeters.clone();
    }
}
