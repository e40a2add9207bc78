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

    /** s 10^k, s &gt; 0, with 10^-3 &lt;= s 10^k &lt; 10^7: Float.toString's plain notation (at least one decimal). */
    private static int plain(int s, int k, byte[] out, int at) {
        while (s % 10 == 0) {
            s /= 10;
            k++;
        }
        int len = length(s);
        int point = len + k; // digits before the decimal point
        int n = at;
        if (point <= 0) {
            out[n++] = '0';
            out[n++] = '.';
            for (int i = point; i < 0; i++) {
                out[n++] = '0';
            }
            return digits(s, len, out, n);
        }
        if (k >= 0) {
            n = digits(s, len, out, n);
            for (int i = 0; i < k; i++) {
                out[n++] = '0';
            }
            out[n++] = '.';
            out[n++] = '0';
            return n;
        }
        // split s at the point: the leading digits, '.', the rest (s has no trailing zero, so the rest is not empty)
        int low = POW10[-k];
        n = digits(s / low, point, out, n);
        out[n++] = '.';
        return digits(s % low, -k, out, n);
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
