package org.avfusion.runtime.perceive.lidar;

/**
 * The azimuth sector of a direction without {@link Math#atan2} for almost every point: a polynomial arctangent
 * (Abramowitz and Stegun, "Handbook of Mathematical Functions", 1964, formula 4.4.49 after Hastings: error at most
 * 2e-8 rad on [0, 1], extended to the full circle by octant symmetry) gives the sector whenever the angle is
 * farther than {@link #MARGIN_RAD} from a sector boundary; otherwise the caller computes it with {@code Math.atan2}
 * as before. The sector is therefore exactly the one {@code (int) (atan2(dy, dx) mod 2 pi * binsPerRad)} gives, at
 * about a fifth of the cost ({@code Math.atan2} is a native call on JDK 17, about 60-110 ns per point on the
 * development machine, 150,000 points per HDL-64E sweep in the ground grids).
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
public final class AzimuthBin {
    /**
     * Angles closer than this to a sector boundary go to the exact path: 50 times the polynomial's error bound, which
     * also covers the rounding of the normalisation and of the product with the sectors per radian.
     */
    static final double MARGIN_RAD = 1e-6;
    private static final double HALF_PI = Math.PI / 2;
    private static final double TWO_PI = 2 * Math.PI;
    // Abramowitz and Stegun 4.4.49: atan(x) / x = 1 + sum a_2k x^2k, 0 <= x <= 1, |error| <= 2e-8
    private static final double A2 = -0.3333314528;
    private static final double A4 = 0.1999355085;
    private static final double A6 = -0.1420889944;
    private static final double A8 = 0.1065626393;
    private static final double A10 = -0.0752896400;
    private static final double A12 = 0.0429096138;
    private static final double A14 = -0.0161657367;
    private static final double A16 = 0.0028662257;

    private AzimuthBin() {
    }

    /**
     * The sector {@code floor(a * binsPerRad)} of the direction {@code (dx, dy)}, with {@code a} its azimuth
     * {@code atan2(dy, dx)} taken into {@code [0, 2 pi)}, when the approximation decides it; -1 when the direction
     * lies within {@link #MARGIN_RAD} of a sector boundary (including azimuth 0) or is not a direction (zero, not
     * finite): the caller then uses {@code Math.atan2}. The result may equal the sector count at most in the exact
     * path's own terms (a caller that wraps it to 0 keeps doing so).
     */
    public static int sectorOrMinusOne(double dx, double dy, double binsPerRad) {
        double ax = Math.abs(dx), ay = Math.abs(dy);
        boolean steep = ay > ax;
        double z = steep ? ax / ay : ay / ax;
        if (!(z >= 0 && z <= 1)) { // 0/0, inf/inf, NaN
            return -1;
        }
        double z2 = z * z;
        double p = z * (1 + z2 * (A2 + z2 * (A4 + z2 * (A6 + z2 * (A8 + z2 * (A10 + z2 * (A12 + z2 * (A14
                + z2 * A16))))))));
        double a = steep ? HALF_PI - p : p;
        if (dx < 0) {
            a = Math.PI - a;
        }
        if (dy < 0) {
            a = TWO_PI - a;
        }
        double t = a * binsPerRad;
        double sector = Math.floor(t);
        double margin = MARGIN_RAD * binsPerRad;
        if (t - sector < margin || sector + 1 - t < margin) {
            return -1;
        }
        return (int) sector;
    }
}
