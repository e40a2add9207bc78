package org.avfusion.runtime.decimal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * Stateless, thread-safe; the caller owns the array and must leave {@link #MAX_BYTES} free at {@code at} (bytes
 * after the returned end may be overwritten).
 */
public final class JavaFloatText {
    /**
     * Room needed at the write position: the longest text ({@code -1.17549435E-38}, 15 bytes) and the bytes past the
     * text's end that a word store may overwrite.
     */
    public static final int MAX_BYTES = 16;
    private static final float PLAIN_MIN = 1e-3f;
    private static final float PLAIN_LIMIT = 1e7f;
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
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
     * decimal). s is scaled to exactly nine digits: the first, then the other eight as ASCII in one long
     * ({@link #eightDigits}), stored at once with the decimal point spliced in by shifts. Where the text ends follows
     * from the count of trailing zero digits (Schubfach's s often ends in zeros: it drops at most one digit itself).
     * No branch depends on the digits, and no loop: the decimal point's place and the digit count vary from float to
     * float, and a mispredicted branch costs more than formatting a digit.
     */
    private static int plain(int s, int k, byte[] out, int at) {
        int len = Schubfach.flog10pow2(Integer.SIZE - Integer.numberOfLeadingZeros(s));
        if (s >= POW10[len]) {
            len++;
        }
        int f = s * POW10[9 - len];
        int point = k + len; // value = 0.f 10^point, point in [-2, 7]
        int h = (int) (f * 1_441_151_881L >>> 57); // f / 10^8 (f < 10^9)
        long digits = eightDigits(f - 100_000_000 * h);
        int significant = 9 - (Long.numberOfLeadingZeros(digits) >>> 3);
        long ascii = digits | 0x3030_3030_3030_3030L;
        if (point > 0) {
            // h, the first point - 1 of the eight, '.', the rest: nine bytes after h, the last always the eighth
            int shift = 8 * (point - 1);
            long spliced = ascii & ((1L << shift) - 1) | (long) '.' << shift | ascii >>> shift << (shift + 8);
            out[at] = (byte) ('0' + h);
            LONG_LE.set(out, at + 1, spliced);
            out[at + 9] = (byte) (ascii >>> 56);
            return at + point + 1 + Math.max(significant - point, 1); // "d.0" when no digit follows the point
        }
        out[at] = '0';
        out[at + 1] = '.';
        out[at + 2] = '0';
        out[at + 3] = '0';
        int d = at + 2 - point;
        out[d] = (byte) ('0' + h);
        LONG_LE.set(out, d + 1, ascii);
        return d + significant;
    }

    /**
     * The eight decimal digits of {@code v < 10^8}, most significant in the lowest byte, as values 0-9 (not ASCII):
     * split into 4 + 4, 2 + 2 and 1 + 1 digits in the lanes of one long, each quotient by a multiplication
     * (v * 10486 &gt;&gt;&gt; 20 = v / 100 for v &lt; 43,699; w * 103 &gt;&gt;&gt; 10 = w / 10 for w &lt; 179).
     */
    static long eightDigits(int v) {
        int high = v / 10_000;
        long x = high | (long) (v - high * 10_000) << 32;
        long q = (x * 10_486 >>> 20) & 0x0000_007F_0000_007FL;
        x = q | (x - q * 100) << 16;
        q = (x * 103 >>> 10) & 0x000F_000F_000F_000FL;
        return q | (x - q * 10) << 8;
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
