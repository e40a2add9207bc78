package org.avfusion.runtime.output.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.avfusion.runtime.decimal.JavaFloatText;

/**
 * Writes numbers as avfusion's outputs always printed them, into a {@link JsonGenerator} without allocating:
 * {@link #fixed} rounds to a number of decimals (half away from zero on the scaled value, {@code -0.00} printed as
 * {@code 0.00}, NaN and infinities as null), {@link #javaFloat} and {@link #javaDouble} print what
 * {@code StringBuilder.append} prints (the JDK's {@code Float.toString}/{@code Double.toString} digits, NaN bare).
 * Not thread-safe: one per writer.
 */
public final class NumberText {
    /** Beyond this a value times 10^decimals overflows the long used for fixed-point formatting. */
    private static final double FIXED_POINT_LIMIT = 1e18;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final char[] text = new char[48];
    private final byte[] floatText = new byte[JavaFloatText.MAX_BYTES];
    private final StringBuilder java = new StringBuilder(32);

    /** {@code v} rounded to {@code decimals} places, or null when not finite. */
    public void fixed(JsonGenerator g, double v, int decimals) throws IOException {
        if (!Double.isFinite(v)) {
            g.writeNull();
            return;
        }
        long scale = POW10[Math.max(0, Math.min(decimals, 18))];
        if (decimals > 18 || Math.abs(v) * scale >= FIXED_POINT_LIMIT) {
            // the scaled value does not fit a long: rare, so the allocating exact path is fine
            g.writeNumber(new BigDecimal(v).setScale(Math.max(0, decimals), RoundingMode.HALF_UP).toPlainString());
            return;
        }
        if (decimals <= 0) {
            g.writeNumber(Math.round(v));
            return;
        }
        long scaled = Math.round(Math.abs(v) * scale);
        int n = 0;
        if (v < 0 && scaled != 0) {
            text[n++] = '-';
        }
        n = digits(scaled / scale, n);
        text[n++] = '.';
        long fraction = scaled % scale;
        for (int i = n + decimals - 1; i >= n; i--) {
            text[i] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        n += decimals;
        g.writeNumber(text, 0, n);
    }

    /**
     * {@code v} as {@code StringBuilder.append(float)} prints it ({@code NaN} and {@code Infinity} bare), through
     * {@link JavaFloatText}: no {@code FloatingDecimal} for whole numbers and magnitudes in [10^-3, 10^7).
     */
    public void javaFloat(JsonGenerator g, float v) throws IOException {
        int n = JavaFloatText.write(v, floatText, 0);
        for (int i = 0; i < n; i++) {
            text[i] = (char) floatText[i];
        }
        g.writeNumber(text, 0, n);
    }

    /** {@code v} as {@code StringBuilder.append(double)} prints it ({@code NaN} and {@code Infinity} bare). */
    public void javaDouble(JsonGenerator g, double v) throws IOException {
        java.setLength(0);
        java.append(v);
        copyJava(g);
    }

    private void copyJava(JsonGenerator g) throws IOException {
        int n = java.length();
        java.getChars(0, n, text, 0);
        g.writeNumber(text, 0, n);
    }

    /** Writes non-negative {@code v} at {@code at}; returns the end. */
    private int digits(long v, int at) {
        int len = 1;
        for (long t = v; t >= 10; t /= 10) {
            len++;
        }
        for (int i = at + len - 1; i >= at; i--) {
            text[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return at + len;
    }
}
