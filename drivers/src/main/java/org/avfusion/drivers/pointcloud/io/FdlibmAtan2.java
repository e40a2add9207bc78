package org.avfusion.drivers.pointcloud.io;

/**
 * {@code atan2(y, x)} in plain Java, giving to the bit the value of {@link StrictMath#atan2} (and so of
 * {@link Math#atan2}, which on JDK 17 calls it): a transcription of fdlibm 5.3's {@code e_atan2.c} and
 * {@code s_atan.c} (Sun Microsystems 1993, "Permission to use, copy, modify, and distribute this software is freely
 * granted, provided that this notice is preserved"), the C code behind {@code StrictMath.atan2}. Java's double
 * arithmetic is IEEE 754 round-to-nearest without fused operations, so the same operations in the same order give
 * the same bits. Why: on JDK 17 {@code Math.atan2} is a native call (60-110 ns measured in the KITTI replay), this is
 * a few divisions and multiplications that the JIT inlines.
 *
 * <p>Zeros, infinities and NaNs (fdlibm's special cases) are handed to {@link StrictMath#atan2} itself; every finite,
 * non-zero pair takes the transcribed path. {@code FdlibmAtan2Test} compares the two on the special values and on
 * millions of random and real (KITTI) directions.
 *
 * <p>Stateless, thread-safe.
 */
public final class FdlibmAtan2 {
    // atan(0.5), atan(1), atan(1.5), atan(inf), each split into a high and a low part (fdlibm's hex constants)
    private static final double[] ATAN_HI = {
        Double.longBitsToDouble(0x3FDDAC670561BB4FL),
        Double.longBitsToDouble(0x3FE921FB54442D18L),
        Double.longBitsToDouble(0x3FEF730BD281F69BL),
        Double.longBitsToDouble(0x3FF921FB54442D18L),
    };
    private static final double[] ATAN_LO = {
        Double.longBitsToDouble(0x3C7A2B7F222F65E2L),
        Double.longBitsToDouble(0x3C81A62633145C07L),
        Double.longBitsToDouble(0x3C7007887AF0CBBDL),
        Double.longBitsToDouble(0x3C91A62633145C07L),
    };
    private static final double AT0 = Double.longBitsToDouble(0x3FD555555555550DL);
    private static final double AT1 = Double.longBitsToDouble(0xBFC999999998EBC4L);
    private static final double AT2 = Double.longBitsToDouble(0x3FC24924920083FFL);
    private static final double AT3 = Double.longBitsToDouble(0xBFBC71C6FE231671L);
    private static final double AT4 = Double.longBitsToDouble(0x3FB745CDC54C206EL);
    private static final double AT5 = Double.longBitsToDouble(0xBFB3B0F2AF749A6DL);
    private static final double AT6 = Double.longBitsToDouble(0x3FB10D66A0D03D51L);
    private static final double AT7 = Double.longBitsToDouble(0xBFADDE2D52DEFD9AL);
    private static final double AT8 = Double.longBitsToDouble(0x3FA97B4B24760DEBL);
    private static final double AT9 = Double.longBitsToDouble(0xBFA2B4442C6A6C2FL);
    private static final double AT10 = Double.longBitsToDouble(0x3F90AD3AE322DA11L);
    private static final double PI_O_2 = Double.longBitsToDouble(0x3FF921FB54442D18L);
    private static final double PI = Double.longBitsToDouble(0x400921FB54442D18L);
    private static final double PI_LO = Double.longBitsToDouble(0x3CA1A62633145C07L);

    private FdlibmAtan2() {
    }

    /** The angle of ({@code x}, {@code y}) in radians, in [-pi, pi]; bit for bit {@code StrictMath.atan2(y, x)}. */
    public static double atan2(double y, double x) {
        long bx = Double.doubleToRawLongBits(x);
        long by = Double.doubleToRawLongBits(y);
        int hx = (int) (bx >>> 32);
        int hy = (int) (by >>> 32);
        int ix = hx & 0x7fffffff;
        int iy = hy & 0x7fffffff;
        // zeros, infinities, NaNs: fdlibm's special cases, left to the library
        if ((bx & 0x7fffffffffffffffL) == 0 || (by & 0x7fffffffffffffffL) == 0 || ix >= 0x7ff00000
                || iy >= 0x7ff00000) {
            return StrictMath.atan2(y, x);
        }
        if (bx == 0x3ff0000000000000L) {
            return atan(y); // x = 1.0
        }
        int m = ((hy >>> 31) & 1) | ((hx >>> 30) & 2); // 2 * sign(x) + sign(y)
        int k = (iy - ix) >> 20;
        double z;
        if (k > 60) {
            z = PI_O_2 + 0.5 * PI_LO; // |y/x| > 2^60
        } else if (hx < 0 && k < -60) {
            z = 0.0; // |y|/x < -2^60
        } else {
            z = atan(Math.abs(y / x));
        }
        switch (m) {
            case 0:
                return z;
            case 1:
                return -z;
            case 2:
                return PI - (z - PI_LO);
            default:
                return (z - PI_LO) - PI;
        }
    }

    /** fdlibm's {@code atan}, for finite {@code x} (the callers above never pass NaN or infinity). */
    static double atan(double x) {
        int hx = (int) (Double.doubleToRawLongBits(x) >>> 32);
        int ix = hx & 0x7fffffff;
        int id;
        if (ix >= 0x44100000) { // |x| >= 2^66
            return hx > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3];
        }
        if (ix < 0x3fdc0000) { // |x| < 0.4375
            if (ix < 0x3e200000) { // |x| < 2^-29
                return x;
            }
            id = -1;
        } else {
            x = Math.abs(x);
            if (ix < 0x3ff30000) { // |x| < 1.1875
                if (ix < 0x3fe60000) { // 7/16 <= |x| < 11/16
                    id = 0;
                    x = (2.0 * x - 1.0) / (2.0 + x);
                } else { // 11/16 <= |x| < 19/16
                    id = 1;
                    x = (x - 1.0) / (x + 1.0);
                }
            } else {
                if (ix < 0x40038000) { // |x| < 2.4375
                    id = 2;
                    x = (x - 1.5) / (1.0 + 1.5 * x);
                } else { // 2.4375 <= |x| < 2^66
                    id = 3;
                    x = -1.0 / x;
                }
            }
        }
        double z = x * x;
        double w = z * z;
        // the sum from i = 0 to 10 of aT[i] z^(i+1), split into odd and even polynomials
        double s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
        double s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
        if (id < 0) {
            return x - x * (s1 + s2);
        }
        z = ATAN_HI[id] - ((x * (s1 + s2) - ATAN_LO[id]) - x);
        return hx < 0 ? -z : z;
    }
}
