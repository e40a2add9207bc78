package org.avfusion.runtime.decimal;

import java.math.BigInteger;

/**
 * The shortest decimal of a float: R. Giulietti, "The Schubfach way to render doubles" (2020, revised 2021),
 * specialised to binary32 as in section 9 and the appendix of the paper. For a finite positive float {@code v} it
 * finds the decimal {@code d = s 10^k} with the fewest digits in the rounding interval of {@code v}, the one closest
 * to {@code v} among those (ties to an even {@code s}); that is the digit choice of the Java 19+ and the JDK 17
 * specification of {@code Float.toString} (JDK 17's implementation deviates from it outside [10^-3, 10^7)).
 *
 * <p>The 64-bit approximations {@code g1(k)} of {@code 10^-k} (the upper half of the paper's 126-bit {@code g}) are
 * computed exactly with {@link BigInteger} when the class is initialised. Stateless and allocation-free; the result
 * is packed into a long ({@link #significand}, {@link #exponent}) so that nothing is allocated per call.
 */
final class Schubfach {
    /** Precision of binary32, hidden bit included. */
    private static final int P = 24;
    /** Exponent of the least subnormal, {@code 2^Q_MIN}. */
    private static final int Q_MIN = -149;
    private static final int C_MIN = 1 << (P - 1);
    /** Subnormal significands below this are scaled by 10 first (section 9.1: the digit count is then right). */
    private static final int C_TINY = 8;
    private static final int T_MASK = C_MIN - 1;
    private static final int BQ_MASK = 0xFF;
    /** Range of k = floor(log10(2^q)) over the finite floats, with margin. */
    private static final int K_MIN = -46;
    private static final int K_MAX = 32;
    private static final long MASK_32 = (1L << 32) - 1;
    /** floor(10^-k 2^-r) + 1 with 2^125 &lt;= ... &lt; 2^126, shifted right 63: index k - K_MIN. */
    private static final long[] G1 = new long[K_MAX - K_MIN + 1];

    static {
        for (int k = K_MIN; k <= K_MAX; k++) {
            G1[k - K_MIN] = g(k).shiftRight(63).longValueExact();
        }
    }

    private Schubfach() {
    }

    /**
     * The paper's {@code g = floor(10^-k 2^-r) + 1}, where r = flog2pow10(-k) - 125 puts it in [2^125, 2^126].
     * Exact: 10^-k is an integer or the reciprocal of one.
     */
    static BigInteger g(int k) {
        int shift = 125 - flog2pow10(-k);
        BigInteger beta;
        if (k <= 0) {
            BigInteger p = BigInteger.TEN.pow(-k);
            beta = shift >= 0 ? p.shiftLeft(shift) : p.shiftRight(-shift);
        } else {
            beta = BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(k));
        }
        return beta.add(BigInteger.ONE);
    }

    /**
     * The shortest decimal of a finite, positive (non-zero) {@code v}, packed: read it with {@link #significand}
     * and {@link #exponent}; the significand may end in zeros.
     */
    static long shortest(float v) {
        int bits = Float.floatToRawIntBits(v);
        int t = bits & T_MASK;
        int bq = (bits >>> (P - 1)) & BQ_MASK;
        if (bits <= 0 || bq == BQ_MASK) {
            throw new IllegalArgumentException("not a finite positive float: " + v);
        }
        if (bq != 0) {
            return toDecimal(Q_MIN - 1 + bq, C_MIN | t, 0);
        }
        return t < C_TINY ? toDecimal(Q_MIN, 10 * t, -1) : toDecimal(Q_MIN, t, 0);
    }

    static int significand(long packed) {
        return (int) packed;
    }

    static int exponent(long packed) {
        return (int) (packed >> 32);
    }

    private static long pack(int s, int k) {
        return (long) k << 32 | (s & MASK_32);
    }

    /** v = c 2^q; dk corrects k when c was scaled by 10 (tiny subnormals). Section 9 and figure 4 of the paper. */
    private static long toDecimal(int q, int c, int dk) {
        int out = c & 0x1;
        long cb = (long) c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN | q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            // at a power of two the interval below is half as wide
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 33;
        long g = G1[k - K_MIN] + 1;
        int vb = rop(g, cb << h);
        int vbl = rop(g, cbl << h);
        int vbr = rop(g, cbr << h);

        int s = vb >> 2;
        if (s >= 100) {
            // one digit fewer? s' = floor(s / 10) = floor(s 1_717_986_919 / 2^34) for s < 10^9 (section 10)
            int sp10 = 10 * (int) (s * 1_717_986_919L >>> 34);
            int tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return pack(upin ? sp10 : tp10, k);
            }
        }
        int tt = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (tt << 2) + out <= vbr;
        if (uin != win) {
            return pack(uin ? s : tt, k + dk);
        }
        int cmp = vb - (s + tt << 1);
        return pack(cmp < 0 || cmp == 0 && (s & 0x1) == 0 ? s : tt, k + dk);
    }

    /** Round to odd of g cp / 2^95 (the paper's r_o, binary32 variant). */
    private static int rop(long g, long cp) {
        long x1 = Math.multiplyHigh(g, cp);
        long vbp = x1 >>> 31;
        return (int) (vbp | (x1 & MASK_32) + MASK_32 >>> 32);
    }

    /** floor(e log10(2)), exact for |e| &lt;= 5456721 (section 8 of the paper). */
    static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** floor(e log10(2) + log10(3/4)), exact for |e| &lt;= 5456721. */
    static int flog10threeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L + -274_743_187_321L >> 41);
    }

    /** floor(e log2(10)), exact for |e| &lt;= 1838394. */
    static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }
}
