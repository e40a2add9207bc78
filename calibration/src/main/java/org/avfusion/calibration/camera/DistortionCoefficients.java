package org.avfusion.calibration.camera;

import java.util.Arrays;

/**
 * The OpenCV lens distortion model (Brown-Conrady radial + tangential, with the rational extension), applied to
 * normalised image coordinates {@code (x, y) = (X/Z, Y/Z)} in the camera frame (x right, y down, z forward):
 * <pre>
 *   r2 = x^2 + y^2
 *   radial = (1 + k1 r2 + k2 r2^2 + k3 r2^3) / (1 + k4 r2 + k5 r2^2 + k6 r2^3)
 *   xd = x radial + 2 p1 x y + p2 (r2 + 2 x^2)
 *   yd = y radial + p1 (r2 + 2 y^2) + 2 p2 x y
 * </pre>
 * as in OpenCV's {@code projectPoints} (docs: "Camera Calibration and 3D Reconstruction", calib3d) and ROS
 * {@code plumb_bob} (5 coefficients) / {@code rational_polynomial} (8). The thin-prism ({@code s1..s4}) and tilt
 * ({@code tauX, tauY}) terms of the 12- and 14-coefficient forms are not supported.
 *
 * <p>Unitless values. Immutable; {@link #distort} and {@link #undistort} do not allocate.
 */
public record DistortionCoefficients(double k1, double k2, double p1, double p2, double k3, double k4, double k5,
        double k6) {

    /** No distortion. */
    public static final DistortionCoefficients NONE = new DistortionCoefficients(0, 0, 0, 0, 0, 0, 0, 0);

    private static final int UNDISTORT_MAX_ITERATIONS = 30;
    private static final double UNDISTORT_TOLERANCE = 1e-12;

    public DistortionCoefficients {
        double[] all = {k1, k2, p1, p2, k3, k4, k5, k6};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("distortion coefficients must be finite, were " + Arrays.toString(all));
            }
        }
    }

    /**
     * From OpenCV's order {@code (k1, k2, p1, p2[, k3[, k4, k5, k6]])}: 0, 4, 5 or 8 values.
     *
     * @throws IllegalArgumentException for any other count (12 and 14 carry unsupported thin-prism/tilt terms)
     */
    public static DistortionCoefficients ofOpenCv(double... c) {
        return switch (c.length) {
            case 0 -> NONE;
            case 4 -> new DistortionCoefficients(c[0], c[1], c[2], c[3], 0, 0, 0, 0);
            case 5 -> new DistortionCoefficients(c[0], c[1], c[2], c[3], c[4], 0, 0, 0);
            case 8 -> new DistortionCoefficients(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
            default -> throw new IllegalArgumentException("distortion needs 0, 4, 5 or 8 coefficients (OpenCV order k1 k2"
                    + " p1 p2 k3 k4 k5 k6; thin-prism and tilt terms are not supported), had " + c.length);
        };
    }

    /** OpenCV order; 5 values unless a rational term is set, then 8. */
    public double[] toOpenCv() {
        return isRational() ? new double[] {k1, k2, p1, p2, k3, k4, k5, k6} : new double[] {k1, k2, p1, p2, k3};
    }

    /** Whether any of the denominator terms k4..k6 is set (ROS {@code rational_polynomial}). */
    public boolean isRational() {
        return k4 != 0 || k5 != 0 || k6 != 0;
    }

    /**
     * Written out with the record's contract (components compared as {@link Double#compare} does): the generated one
     * is bound through method handles on its first call, at start-up (see {@code SensorId.equals}).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof DistortionCoefficients d && Double.compare(k1, d.k1) == 0 && Double.compare(k2, d.k2) == 0
                && Double.compare(p1, d.p1) == 0 && Double.compare(p2, d.p2) == 0 && Double.compare(k3, d.k3) == 0
                && Double.compare(k4, d.k4) == 0 && Double.compare(k5, d.k5) == 0 && Double.compare(k6, d.k6) == 0;
    }

    @Override
    public int hashCode() {
        int h = Double.hashCode(k1);
        h = 31 * h + Double.hashCode(k2);
        h = 31 * h + Double.hashCode(p1);
        h = 31 * h + Double.hashCode(p2);
        h = 31 * h + Double.hashCode(k3);
        h = 31 * h + Double.hashCode(k4);
        h = 31 * h + Double.hashCode(k5);
        return 31 * h + Double.hashCode(k6);
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** Distorts normalised coordinates; writes {@code xd, yd} into {@code out[offset], out[offset+1]}. */
    public void distort(double x, double y, double[] out, int offset) {
        double r2 = x * x + y * y;
        double radial = radial(r2);
        double xy = x * y;
        out[offset] = x * radial + 2 * p1 * xy + p2 * (r2 + 2 * x * x);
        out[offset + 1] = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * xy;
    }

    /** The radial factor at squared radius {@code r2}. */
    public double radial(double r2) {
        double num = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
        double den = 1 + r2 * (k4 + r2 * (k5 + r2 * k6));
        return num / den;
    }

    /**
     * Inverts {@link #distort} by Newton's method from {@code (xd, yd)}; writes the undistorted normalised
     * {@code x, y} into {@code out}. Returns false (and writes NaN) when it does not converge, which happens
     * outside the region where the model is invertible (see {@link #maxMonotonicRadius()}).
     */
    public boolean undistort(double xd, double yd, double[] out, int offset) {
        double x = xd, y = yd;
        for (int it = 0; it < UNDISTORT_MAX_ITERATIONS; it++) {
            double r2 = x * x + y * y;
            double num = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
            double den = 1 + r2 * (k4 + r2 * (k5 + r2 * k6));
            double radial = num / den;
            double dNum = k1 + r2 * (2 * k2 + r2 * 3 * k3);
            double dDen = k4 + r2 * (2 * k5 + r2 * 3 * k6);
            double dRadial = (dNum * den - num * dDen) / (den * den);
            double xy = x * y;
            double fx = x * radial + 2 * p1 * xy + p2 * (r2 + 2 * x * x) - xd;
            double fy = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * xy - yd;
            double jxx = radial + 2 * x * x * dRadial + 2 * p1 * y + 6 * p2 * x;
            double jxy = 2 * x * y * dRadial + 2 * p1 * x + 2 * p2 * y;
            double jyx = jxy;
            double jyy = radial + 2 * y * y * dRadial + 6 * p1 * y + 2 * p2 * x;
            double det = jxx * jyy - jxy * jyx;
            if (!(Math.abs(det) > 1e-15)) {
                break;
            }
            double dx = (jyy * fx - jxy * fy) / det;
            double dy = (jxx * fy - jyx * fx) / det;
            x -= dx;
            y -= dy;
            if (dx * dx + dy * dy < UNDISTORT_TOLERANCE * UNDISTORT_TOLERANCE) {
                out[offset] = x;
                out[offset + 1] = y;
                return true;
            }
        }
        out[offset] = Double.NaN;
        out[offset + 1] = Double.NaN;
        return false;
    }

    /**
     * The largest undistorted radius {@code r} (in normalised coordinates, searched up to 10) up to which the
     * radial mapping {@code r -> r * radial(r^2)} keeps increasing. Beyond it a polynomial fitted to a
     * finite field of view folds back, and points far outside the image would land inside it; projectors reject
     * them. {@code Double.POSITIVE_INFINITY} when the mapping is monotonic over the searched range.
     */
    public double maxMonotonicRadius() {
        final double step = 1e-3;
        double prev = 0;
        for (double r = step; r <= 10; r += step) {
            double d = r * radial(r * r);
            if (!(d > prev) || radial(r * r) <= 0) {
                return r - step;
            }
            prev = d;
        }
        return Double.POSITIVE_INFINITY;
    }
}
