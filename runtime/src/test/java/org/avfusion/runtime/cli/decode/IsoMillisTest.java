package org.avfusion.runtime.cli.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IsoMillis against the DateTimeFormatter the TPV time was printed with before. */
class IsoMillisTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {0L, 1L, 999L, 86_399_999L, 951_782_400_000L /* 2000-02-29 */, 1_262_304_000_123L,
            -1L, -62_135_596_800_000L /* 0001-01-01 */, 253_402_300_799_999L /* 9999-12-31T23:59:59.999 */})
    void edgesMatchTheFormatter(long millis) {
        char[] out = new char[IsoMillis.CHARS];
        int n = IsoMillis.format(millis, out);
        assertEquals(REFERENCE.format(Instant.ofEpochMilli(millis)), new String(out, 0, n));
    }

    @Test
    void randomInstantsOfYears1To9999MatchTheFormatter() {
        SplittableRandom random = new SplittableRandom(3);
        char[] out = new char[IsoMillis.CHARS];
        for (int i = 0; i < 100_000; i++) {
            long millis = random.nextLong(-62_135_596_800_000L, 253_402_300_800_000L);
            int n = IsoMillis.format(millis, out);
            assertEquals(REFERENCE.format(Instant.ofEpochMilli(millis)), new String(out, 0, n), "millis " + millis);
        }
    }

    @Test
    void yearsOutsideOneTo9999AreLeftToTheFormatter() {
        char[] out = new char[IsoMillis.CHARS];
        assertEquals(-1, IsoMillis.format(-62_135_596_800_001L, out));
        assertEquals(-1, IsoMillis.format(253_402_300_800_000L, out));
    }
}
