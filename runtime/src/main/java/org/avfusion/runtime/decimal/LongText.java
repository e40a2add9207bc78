package org.avfusion.runtime.decimal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a long as {@link Long#toString(long)} prints it, as ASCII bytes into a caller's array, without allocating:
 * eight digits at a time ({@link JavaFloatText#eightDigits}), the leading zeros of the first group dropped by a
 * shift. Stateless, thread-safe; the caller must leave {@link #MAX_BYTES} free at {@code at} (the bytes past the
 * text's end may be overwritten).
 */
public final class LongText {
    /** Room needed at the write position: 20 characters of {@code Long.MIN_VALUE}, rounded up to whole words. */
    public static final int MAX_BYTES = 24;
    private static final long TEN_TO_THE_8 = 100_000_000L;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030_3030_3030_3030L;

    private LongText() {
    }

    /** Writes {@code v} at {@code out[at]}; returns the index after the last digit. */
    public static int write(long v, byte[] out, int at) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                byte[] text = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, out, at, text.length);
                return at + text.length;
            }
            out[at++] = '-';
            v = -v;
        }
        if (v < TEN_TO_THE_8) {
            return leading((int) v, out, at);
        }
        long high = v / TEN_TO_THE_8;
        int low = (int) (v - high * TEN_TO_THE_8);
        int n;
        if (high < TEN_TO_THE_8) {
            n = leading((int) high, out, at);
        } else {
            long top = high / TEN_TO_THE_8; // v < 2^63: at most three digits
            n = leading((int) top, out, at);
            LONG_LE.set(out, n, JavaFloatText.eightDigits((int) (high - top * TEN_TO_THE_8)) | ZEROS);
            n += 8;
        }
        LONG_LE.set(out, n, JavaFloatText.eightDigits(low) | ZEROS);
        return n + 8;
    }

    /** The digits of {@code 0 <= v < 10^8} without leading zeros ("0" for 0). */
    private static int leading(int v, byte[] out, int at) {
        long digits = JavaFloatText.eightDigits(v);
        // leading zero digits are the low bytes that are 0; keep at least the last digit
        int zeros = Math.min(Long.numberOfTrailingZeros(digits) >>> 3, 7);
        LONG_LE.set(out, at, (digits | ZEROS) >>> (8 * zeros));
        return at + 8 - zeros;
    }
}
