package org.avfusion.runtime.output.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static long[] delays(ReconnectBackoff backoff, int count) {
        long[] delays = new long[count];
        for (int i = 0; i < count; i++) {
            delays[i] = backoff.nextDelayMillis();
        }
        return delays;
    }

    @Test
    void doublesFromHalfASecondAndCapsAtTenSeconds() {
        assertArrayEquals(new long[] {500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000},
                delays(new ReconnectBackoff(500, 10_000), 7));
    }

    @Test
    void resetStartsAgainFromTheMinimum() {
        ReconnectBackoff backoff = new ReconnectBackoff(100, 1_000);
        delays(backoff, 5);
        backoff.reset();
        assertArrayEquals(new long[] {100, 200}, delays(backoff, 2));
    }

    @Test
    void equalMinAndMaxIsAConstantDelay() {
        assertArrayEquals(new long[] {300, 300, 300}, delays(new ReconnectBackoff(300, 300), 3));
    }

    @Test
    void hugeMaximumDoesNotOverflow() {
        long[] delays = delays(new ReconnectBackoff(1, Long.MAX_VALUE), 70);
        for (int i = 1; i < delays.length; i++) {
            assertTrue(delays[i] >= delays[i - 1] && delays[i] > 0, "delay " + i + " = " + delays[i]);
        }
    }

    @Test
    void minAboveMaxIsRefusedNamingBoth() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ReconnectBackoff(2_000, 1_000));
        assertTrue(error.getMessage().contains("min=2000") && error.getMessage().contains("max=1000"),
                error.getMessage());
    }
}
