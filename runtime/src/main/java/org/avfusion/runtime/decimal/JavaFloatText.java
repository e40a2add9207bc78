package org.avfusion.runtime.decimal;

import java.nio.charset.StandardCharsets;

/**
 * Writes a float as JDK 17's {@code Float.toString} (and so {@code StringBuilder.append(float)}) prints it, as ASCII
 * bytes into a caller's array, without allocating for the values a sensor produces:
 * <ul>
 *   <li>whole numbers below 10^7 in magnitude (zeros included, {@code -0.0} too): their digits and {@code .0};</li>
 *   <li>other magnitudes in [10^-3, 10^7): the shortest decimal ({@link Schubfach}) in plain notation. JDK 17's
 *       {@code FloatingDecimal} picks the same digits for every float in that range (checked exhaustively, see
 *       {@code JavaFloatTextExhaustiveCheck}), not outside it (e.g. 8.1109158E8 vs Schubfach's 8.110916E8);</li>
 *   <li>everything else (below 10^-3, from 10^7, NaN, infinities): {@link Float#toString}, which allocates.</li>
 * </ul>
 * Stateless, thread-safe; the caller owns the array and must leave {@link #MAX_BYTES} free at {@code at}.
 */
public final class JavaFloatText {
    /** The longest text written, e.g. {@code -1.17549435E-38}. */
    public static final int MAX_BYTES = 16;
    private static final float PLAIN_MIN = 1e-3f;
    private static final float PLAIN_LIMIT = 1e7f;
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};
    private static final int MASK_28 = (1 << 28) - 1;
    /** ceil(2^84 / 10^8). */
    static final long Y_MULTIPLIER = 193_428_131_138_340_668L;
    /** "00" "01" ... "99": two digits per division. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private JavaFloatText() {
    }

    /** Writes {@code v} at {@code out[at]}; returns the index after the last byte written. */
    public static int write(float v, byte[] out, int at) {
        float a = Math.abs(v);
        int n = at;
        if (a < PLAIN_LIMIT && a == (int) a) {
            if (Float.floatToRawIntBits(v) < 0) {
                out[n++] = '-';
            }
            n = digits((int) a, out, n);
            out[n++] = '.';
            out[n++] = '0';
            return n;
        }
        if (a >= PLAIN_MIN && a < PLAIN_LIMIT) {
            if (v < 0) {
                out[n++] = '-';
            }
            long d = Schubfach.shortest(a);
            return plain(Schubfach.significand(d), Schubfach.exponent(d), out, n);
        }
        byte[] text = Float.toString(v).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, out, n, text.length);
        return n + text.length;
    }

    /** True where {@link #write} takes the Schubfach path (magnitudes in [10^-3, 10^7) that are not whole). */
    public static boolean isShortestPath(float v) {
        float a = Math.abs(v);
        return a >= PLAIN_MIN && a < PLAIN_LIMIT && a != (int) a;
    }

    /**
     * s 10^k, 0 &lt; s &lt; 10^9, with 10^-3 &lt;= s 10^k &lt; 10^7: Float.toString's plain notation (at least one
     * decimal). As JDK 19's {@code FloatToDecimal.toChars}: s is scaled to exactly nine digits, which come out left
     * to right by multiplication, not division. Unlike it, the nine digits go to positions computed without a branch
     * (the decimal point's place and the number of trailing zeros vary from float to float, and a mispredicted loop
     * exit costs more than a digit).
     */
    private static int plain(int s, int k, byte[] out, int at) {
        int len = Schubfach.flog10pow2(Integer.SIZE - Integer.numberOfLeadingZeros(s));
        if (s >= POW10[len]) {
            len++;
        }
        int f = s * POW10[9 - len];
        int point = k + len; // value = 0.f 10^point, point in [-2, 7]
        int h = (int) (f * 1_441_151_881L >>> 57); // f / 10^8 (f < 10^9)
        int y = y(f - 100_000_000 * h);
        // Schubfach's s often ends in zeros (it drops at most one digit itself): the text ends after the last
        // non-zero digit, tracked without a branch (last += (pos - last) when the digit is not 0)
        int last;
        if (point > 0) {
            // digit j at at + j before the point, at + j + 1 after it
            out[at] = (byte) ('0' + h);
            last = at;
            for (int j = 1; j <= 8; j++) {
                int t = 10 * y;
                int digit = t >>> 28;
                int pos = at + j + ((point - 1 - j) >>> 31);
                out[pos] = (byte) ('0' + digit);
                last += (pos - last) & -((-digit) >>> 31);
                y = t & MASK_28;
            }
            out[at + point] = '.';
            return Math.max(last + 1, at + point + 2); // "d.0" when no digit follows the point
        }
        out[at] = '0';
        out[at + 1] = '.';
        out[at + 2] = '0';
        out[at + 3] = '0';
        int d = at + 2 - point;
        out[d] = (byte) ('0' + h);
        last = d;
        for (int j = 1; j <= 8; j++) {
            int t = 10 * y;
            int digit = t >>> 28;
            out[d + j] = (byte) ('0' + digit);
            last += (d + j - last) & -((-digit) >>> 31);
            y = t & MASK_28;
        }
        return last + 1;
    }

    /**
     * The fraction a / 10^8 in 4.28 fixed point, for a &lt; 10^8: each digit is then the integer part of ten times
     * the rest (Bouvier and Zimmermann, "Division-free binary-to-decimal conversion", 2014, algorithm 1:
     * floor((a + 1) 2^28 / 10^8) - 1, the division done as a multiplication by ceil(2^84 / 10^8)).
     */
    static int y(int a) {
        return (int) (Math.multiplyHigh((long) (a + 1) << 28, Y_MULTIPLIER) >>> 20) - 1;
    }

    private static int length(int v) {
        int len = 1;
        while (len < 10 && v >= POW10[len]) {
            len++;
        }
        return len;
    }

    private static int digits(int v, byte[] out, int at) {
        return digits(v, length(v), out, at);
    }

    /** The {@code len} last decimal digits of non-negative {@code v}, zero-padded on the left. */
    private static int digits(int v, int len, byte[] out, int at) {
        int i = at + len;
        while (i - at >= 2) {
            int q = v / 100;
            int r = (v - q * 100) << 1;
            v = q;
            out[--i] = PAIRS[r + 1];
            out[--i] = PAIRS[r];
        }
        if (i > at) {
            out[--i] = (byte) ('0' + v % 10);
        }
        return at + len;
    }
}
