package org.avfusion.calibration.camera;

/**
 * A calibrated camera: focal lengths and principal point in pixels, image size, and the OpenCV distortion
 * model. Camera frame (OpenCV optical frame): x right, y down, z forward along the optical axis; pixel
 * {@code (u, v)} has its origin at the centre of the top-left pixel, u to the right, v down (OpenCV).
 * Skew is not modelled (the camera matrix has {@code K[0][1] = 0}).
 *
 * <p>Immutable; the per-point methods do not allocate and are safe from any thread.
 *
 * @param fxPixels     focal length along x, pixels
 * @param fyPixels     focal length along y, pixels
 * @param cxPixels     principal point x, pixels
 * @param cyPixels     principal point y, pixels
 * @param widthPixels  image width, pixels
 * @param heightPixels image height, pixels
 * @param distortion   lens distortion; {@link DistortionCoefficients#NONE} for a rectified or ideal camera
 */
public record CameraIntrinsics(double fxPixels, double fyPixels, double cxPixels, double cyPixels, int widthPixels,
        int heightPixels, DistortionCoefficients distortion) {

    public CameraIntrinsics {
        if (!(fxPixels > 0) || !(fyPixels > 0) || !Double.isFinite(fxPixels) || !Double.isFinite(fyPixels)) {
            throw new IllegalArgumentException("focal lengths must be finite and > 0 pixels, were fx=" + fxPixels
                    + " fy=" + fyPixels);
        }
        if (!Double.isFinite(cxPixels) || !Double.isFinite(cyPixels)) {
            throw new IllegalArgumentException("principal point must be finite, was (" + cxPixels + ", " + cyPixels + ")");
        }
        if (widthPixels < 1 || heightPixels < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + widthPixels + "x" + heightPixels);
        }
        if (distortion == null) {
            throw new IllegalArgumentException("distortion must be given (DistortionCoefficients.NONE for none)");
        }
    }

    /** The same camera without distortion. */
    public static CameraIntrinsics of(PinholeIntrinsics pinhole) {
        return new CameraIntrinsics(pinhole.fxPixels(), pinhole.fyPixels(), pinhole.cxPixels(), pinhole.cyPixels(),
                pinhole.widthPixels(), pinhole.heightPixels(), DistortionCoefficients.NONE);
    }

    /**
     * From an OpenCV camera matrix (3x3 row-major {@code [fx 0 cx; 0 fy cy; 0 0 1]}).
     *
     * @throws IllegalArgumentException when the matrix is not 9 values, has skew, or its last row is not 0 0 1
     */
    public static CameraIntrinsics fromCameraMatrix(double[] kRowMajor, int widthPixels, int heightPixels,
            DistortionCoefficients distortion) {
        if (kRowMajor == null || kRowMajor.length != 9) {
            throw new IllegalArgumentException("camera matrix must be 3x3 (9 values), had "
                    + (kRowMajor == null ? "none" : kRowMajor.length + " values"));
        }
        if (kRowMajor[3] != 0 || kRowMajor[6] != 0 || kRowMajor[7] != 0 || Math.abs(kRowMajor[8] - 1) > 1e-12) {
            throw new IllegalArgumentException("camera matrix must have the form [fx 0 cx; 0 fy cy; 0 0 1], was "
                    + java.util.Arrays.toString(kRowMajor));
        }
        // relative to |fx|: with fx < 0 a zero skew failed this test, and the message blamed skew for the focal length
        if (Math.abs(kRowMajor[1]) > 1e-9 * Math.abs(kRowMajor[0])) {
            throw new IllegalArgumentException("camera matrix has skew K[0][1]=" + kRowMajor[1] + "; skew is not supported");
        }
        return new CameraIntrinsics(kRowMajor[0], kRowMajor[4], kRowMajor[2], kRowMajor[5], widthPixels, heightPixels,
                distortion);
    }

    /** The camera matrix {@code K}, row-major. */
    public double[] cameraMatrixRowMajor() {
        return new double[] {fxPixels, 0, cxPixels, 0, fyPixels, cyPixels, 0, 0, 1};
    }

    /** The pinhole part (drops distortion). */
    public PinholeIntrinsics toPinhole() {
        return new PinholeIntrinsics(fxPixels, fyPixels, cxPixels, cyPixels, widthPixels, heightPixels);
    }

    /** A copy with other distortion. */
    public CameraIntrinsics withDistortion(DistortionCoefficients d) {
        return new CameraIntrinsics(fxPixels, fyPixels, cxPixels, cyPixels, widthPixels, heightPixels, d);
    }

    /** Horizontal field of view of the undistorted pinhole, degrees. */
    public double horizontalFovDeg() {
        return Math.toDegrees(Math.atan(cxPixels / fxPixels) + Math.atan((widthPixels - cxPixels) / fxPixels));
    }

    /** Whether {@code (u, v)} lies on the image, {@code [-0.5, size - 0.5)} in pixel-centre coordinates. */
    public boolean isInImage(double uPixels, double vPixels) {
        return uPixels >= -0.5 && uPixels < widthPixels - 0.5 && vPixels >= -0.5 && vPixels < heightPixels - 0.5;
    }

    /**
     * Projects a camera-frame point with distortion; writes {@code u, v} into {@code uvOut[offset..offset+1]}.
     * Returns false (and writes NaN) for a point at or behind the camera ({@code z <= 0}). Does not check the
     * image bounds or the distortion's valid region: {@link org.avfusion.calibration.projection.PointProjector}
     * does both.
     */
    public boolean project(double xMeters, double yMeters, double zMeters, double[] uvOut, int offset) {
        if (!(zMeters > 0)) {
            uvOut[offset] = Double.NaN;
            uvOut[offset + 1] = Double.NaN;
            return false;
        }
        double x = xMeters / zMeters, y = yMeters / zMeters;
        distortion.distort(x, y, uvOut, offset);
        uvOut[offset] = fxPixels * uvOut[offset] + cxPixels;
        uvOut[offset + 1] = fyPixels * uvOut[offset + 1] + cyPixels;
        return true;
    }

    /**
     * The undistorted normalised coordinates {@code (X/Z, Y/Z)} of a pixel; false (NaN written) where the
     * distortion cannot be inverted.
     */
    public boolean pixelToNormalized(double uPixels, double vPixels, double[] out, int offset) {
        double xd = (uPixels - cxPixels) / fxPixels, yd = (vPixels - cyPixels) / fyPixels;
        if (distortion.isNone()) {
            out[offset] = xd;
            out[offset + 1] = yd;
            return true;
        }
        return distortion.undistort(xd, yd, out, offset);
    }

    /**
     * The camera-frame point seen at pixel {@code (u, v)} at depth {@code depthMeters} along the optical axis
     * (z, as a depth image stores it, not the range); writes x, y, z into {@code out[offset..offset+2]}.
     */
    public boolean pixelToPoint(double uPixels, double vPixels, double depthMeters, double[] out, int offset) {
        if (!pixelToNormalized(uPixels, vPixels, out, offset)) {
            out[offset + 2] = Double.NaN;
            return false;
        }
        out[offset] *= depthMeters;
        out[offset + 1] *= depthMeters;
        out[offset + 2] = depthMeters;
        return true;
    }

    /** The unit-length camera-frame ray through pixel {@code (u, v)}; writes x, y, z into {@code out}. */
    public boolean pixelToRay(double uPixels, double vPixels, double[] out, int offset) {
        if (!pixelToPoint(uPixels, vPixels, 1.0, out, offset)) {
            return false;
        }
        double n = Math.sqrt(out[offset] * out[offset] + out[offset + 1] * out[offset + 1] + 1.0);
        out[offset] /= n;
        out[offset + 1] /= n;
        out[offset + 2] /= n;
        return true;
    }
}
