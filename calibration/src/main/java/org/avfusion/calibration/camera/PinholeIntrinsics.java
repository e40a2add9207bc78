package org.avfusion.calibration.camera;

/**
 * Pinhole camera intrinsics without distortion. Camera frame: x right, y down, z forward (OpenCV).
 *
 * @param fxPixels     focal length along x, pixels
 * @param fyPixels     focal length along y, pixels
 * @param cxPixels     principal point x, pixels
 * @param cyPixels     principal point y, pixels
 * @param widthPixels  image width
 * @param heightPixels image height
 */
public record PinholeIntrinsics(
        double fxPixels, double fyPixels, double cxPixels, double cyPixels, int widthPixels, int heightPixels) {

    public PinholeIntrinsics {
        if (!(fxPixels > 0) || !(fyPixels > 0)) {
            throw new IllegalArgumentException("focal lengths must be > 0 pixels, were fx=" + fxPixels + " fy=" + fyPixels);
        }
        if (widthPixels < 1 || heightPixels < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + widthPixels + "x" + heightPixels);
        }
    }

    /** Intrinsics for a horizontal field of view, principal point at the image centre, square pixels. */
    public static PinholeIntrinsics fromHorizontalFov(double horizontalFovDeg, int widthPixels, int heightPixels) {
        if (!(horizontalFovDeg > 0 && horizontalFovDeg < 180)) {
            throw new IllegalArgumentException("horizontal field of view must be in (0, 180) degrees, was "
                    + horizontalFovDeg);
        }
        double f = (widthPixels / 2.0) / Math.tan(Math.toRadians(horizontalFovDeg) / 2.0);
        return new PinholeIntrinsics(f, f, widthPixels / 2.0, heightPixels / 2.0, widthPixels, heightPixels);
    }

    /** Pixel column of a camera-frame point (z > 0). */
    public double projectU(double xMeters, double zMeters) {
        return fxPixels * xMeters / zMeters + cxPixels;
    }

    /** Pixel row of a camera-frame point (z > 0). */
    public double projectV(double yMeters, double zMeters) {
        return fyPixels * yMeters / zMeters + cyPixels;
    }

    /** These intrinsics with a lens distortion model. */
    public CameraIntrinsics withDistortion(DistortionCoefficients distortion) {
        return new CameraIntrinsics(fxPixels, fyPixels, cxPixels, cyPixels, widthPixels, heightPixels, distortion);
    }
}
