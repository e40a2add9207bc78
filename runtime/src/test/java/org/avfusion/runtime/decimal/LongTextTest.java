package org.avfusion.runtime.decimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LongText} against {@link Long#toString(long)}: edges, every power of ten and its neighbours, random longs. */
class LongTextTest {
    private final byte[] buffer = new byte[64];

    private void same(long v) {
        int end = LongText.write(v, buffer, 5);
        assertEquals(Long.toString(v), new String(buffer, 5, end - 5, StandardCharsets.US_ASCII));
    }

    @Test
    void printsWhatLongToStringPrints() {
        for (long v : new long[] {0, 1, -1, 9, 10, 99_999_999, 100_000_000, 332_917_037_000L, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            same(v);
        }
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1}) {
                same(v);
                same(-v);
            }
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 2_000_000; i++) {
            long v = random.nextLong();
            same(v);
            same(v >> random.nextInt(64)); // every digit count
        }
    }
}
