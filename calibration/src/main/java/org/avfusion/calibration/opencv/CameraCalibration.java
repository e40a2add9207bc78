package org.avfusion.calibration.opencv;

import java.util.List;

/**
 * The result of a chessboard intrinsic calibration: the pinhole camera matrix and OpenCV's five-coefficient
 * distortion model {@code (k1, k2, p1, p2, k3)}, with the reprojection errors that say how well they fit.
 *
 * @param widthPixels     image width the calibration holds for
 * @param heightPixels    image height
 * @param fxPixels        focal length along x, pixels
 * @param fyPixels        focal length along y, pixels
 * @param cxPixels        principal point x, pixels
 * @param cyPixels        principal point y, pixels
 * @param k1              radial distortion
 * @param k2              radial distortion
 * @param p1              tangential distortion
 * @param p2              tangential distortion
 * @param k3              radial distortion
 * @param rmsPixels       RMS reprojection error over every corner of every view used, pixels
 * @param views           per-view RMS errors, in input order
 * @param rejected        views left out (board not found), in input order
 */
public record CameraCalibration(
        int widthPixels,
        int heightPixels,
        double fxPixels,
        double fyPixels,
        double cxPixels,
        double cyPixels,
        double k1,
        double k2,
        double p1,
        double p2,
        double k3,
        double rmsPixels,
        List<ViewError> views,
        List<RejectedView> rejected) {

    public CameraCalibration {
        if (widthPixels < 1 || heightPixels < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + widthPixels + "x"
                    + heightPixels);
        }
        if (!(fxPixels > 0) || !(fyPixels > 0)) {
            throw new IllegalArgumentException("focal lengths must be positive, were " + fxPixels + ", " + fyPixels);
        }
        views = List.copyOf(views);
        rejected = List.copyOf(rejected);
    }

    /** The camera matrix, row-major 3x3. */
    public double[] cameraMatrix() {
        return new double[] {fxPixels, 0, cxPixels, 0, fyPixels, cyPixels, 0, 0, 1};
    }

    /** {@code (k1, k2, p1, p2, k3)}, OpenCV's order. */
    public double[] distortion() {
        return new double[] {k1, k2, p1, p2, k3};
    }
}
