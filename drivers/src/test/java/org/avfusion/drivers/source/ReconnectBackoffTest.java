package org.avfusion.drivers.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    /** The delays after 1, 2, ... {@code count} failures in a row. */
    private static long[] delays(ReconnectBackoff backoff, int count) {
        long[] delays = new long[count];
        for (int i = 0; i < count; i++) {
            delays[i] = backoff.delayMillis(i + 1);
        }
        return delays;
    }

    @Test
    void doublesFromHalfASecondAndCapsAtTenSeconds() {
        assertArrayEquals(new long[] {500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000},
                delays(new ReconnectBackoff(500, 10_000), 7));
    }

    @Test
    void doublesUpToItsMaximumAndStaysThereAfterManyFailures() {
        ReconnectBackoff backoff = new ReconnectBackoff(100, 1_000);
        assertArrayEquals(new long[] {100, 200, 400, 800, 1_000, 1_000}, delays(backoff, 6));
        assertEquals(1_000, backoff.delayMillis(500));
        assertEquals(1_000, backoff.delayMillis(Integer.MAX_VALUE));
    }

    @Test
    void noFailureCountIsTheInitialDelay() {
        ReconnectBackoff backoff = new ReconnectBackoff(100, 1_000);
        assertEquals(100, backoff.delayMillis(0));
        assertEquals(100, backoff.delayMillis(-3));
    }

    @Test
    void defaultIsTwoHundredMillisecondsUpToFiveSeconds() {
        assertArrayEquals(new long[] {200, 400, 800, 1_600, 3_200, 5_000}, delays(ReconnectBackoff.DEFAULT, 6));
    }

    @Test
    void equalInitialAndMaxIsAConstantDelay() {
        assertArrayEquals(new long[] {300, 300, 300}, delays(new ReconnectBackoff(300, 300), 3));
    }

    @Test
    void hugeMaximumDoesNotOverflow() {
        long[] delays = delays(new ReconnectBackoff(1, Long.MAX_VALUE), 70);
        for (int i = 1; i < delays.length; i++) {
            assertTrue(delays[i] >= delays[i - 1] && delays[i] > 0, "delay " + i + " = " + delays[i]);
        }
        assertEquals(1L << 62, delays[62]);
        assertEquals(Long.MAX_VALUE, delays[69]);
    }

    @Test
    void impossibleDelaysAreRefusedNamingBothValues() {
        for (long[] bad : new long[][] {{0, 10}, {-5, 10}, {2_000, 1_000}}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> new ReconnectBackoff(bad[0], bad[1])).getMessage();
            assertTrue(message.contains("initialDelayMillis=" + bad[0]) && message.contains("maxDelayMillis="
                    + bad[1]), message);
        }
    }
}
