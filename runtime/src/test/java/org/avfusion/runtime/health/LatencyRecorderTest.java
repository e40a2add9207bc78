package org.avfusion.runtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** LatencyRecorder (HdrHistogram) against a sorted-array reference on random durations (fixed seeds). */
class LatencyRecorderTest {
    /** Relative error of 3 significant digits, plus the 1 us resolution at the bottom. */
    private static void assertNear(double expectedMillis, double gotMillis, String where) {
        double tolerance = expectedMillis * 1e-3 + 1e-3;
        assertEquals(expectedMillis, gotMillis, tolerance, where);
    }

    private static double quantileMillis(long[] sorted, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * sorted.length));
        return sorted[(int) rank - 1] / 1e6;
    }

    private static void assertSummaryMatches(long[] nanos, LatencySummary s, String what) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        assertEquals(nanos.length, s.count(), what);
        assertNear(quantileMillis(sorted, 0.5), s.p50Millis(), what + " p50");
        assertNear(quantileMillis(sorted, 0.99), s.p99Millis(), what + " p99");
        assertNear(quantileMillis(sorted, 0.999), s.p999Millis(), what + " p99.9");
        assertNear(sorted[sorted.length - 1] / 1e6, s.maxMillis(), what + " max");
        double mean = Arrays.stream(nanos).asDoubleStream().sum() / nanos.length / 1e6;
        assertNear(mean, s.meanMillis(), what + " mean");
    }

    @Test
    void quantilesMatchASortedArrayOnLogUniformDurations() {
        for (long seed : new long[] {1, 2, 3, 42, 2024}) {
            SplittableRandom random = new SplittableRandom(seed);
            long[] nanos = new long[20_000];
            LatencyRecorder r = new LatencyRecorder();
            for (int i = 0; i < nanos.length; i++) {
                nanos[i] = Math.round(Math.pow(10, 3 + 8 * random.nextDouble())); // 1 us .. 100 s
                r.recordNanos(nanos[i]);
            }
            assertSummaryMatches(nanos, r.summary(), "seed " + seed);
        }
    }

    @Test
    void summariesAccumulateAcrossIntervals() {
        SplittableRandom random = new SplittableRandom(7);
        long[] nanos = new long[6_000];
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = 2_000_000 + random.nextLong(3_000_000);
            r.recordNanos(nanos[i]);
            if (i % 1000 == 999) {
                assertEquals(i + 1, r.summary().count(), "everything recorded so far");
            }
        }
        assertSummaryMatches(nanos, r.summary(), "after six intervals");
    }

    @Test
    void outOfRangeDurationsAreClampedNotThrown() {
        LatencyRecorder r = new LatencyRecorder();
        r.recordNanos(-5);
        r.recordNanos(Long.MAX_VALUE);
        LatencySummary s = r.summary();
        assertEquals(2, s.count());
        assertNear(LatencyRecorder.HIGHEST_NANOS / 1e6, s.maxMillis(), "clamped to an hour");
    }

    @Test
    void anEmptyRecorderSummarisesToNaN() {
        LatencySummary s = new LatencyRecorder().summary();
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.p50Millis()) && Double.isNaN(s.p999Millis()) && Double.isNaN(s.maxMillis()));
    }

    /** Writers on two threads while a reader summarises: nothing lost, the count never goes back. */
    @Test
    void concurrentWritersAndAReaderLoseNothing() throws Exception {
        LatencyRecorder r = new LatencyRecorder();
        int perWriter = 200_000;
        CountDownLatch go = new CountDownLatch(1);
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            long base = (w + 1) * 1_000_000L;
            writers[w] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perWriter; i++) {
                    r.recordNanos(base + i % 1000);
                }
            });
            writers[w].start();
        }
        go.countDown();
        long last = 0;
        while (writers[0].isAlive() || writers[1].isAlive()) {
            long n = r.summary().count();
            assertTrue(n >= last, "count went back from " + last + " to " + n);
            last = n;
        }
        for (Thread t : writers) {
            t.join();
        }
        LatencySummary s = r.summary();
        assertEquals(2L * perWriter, s.count());
        assertNear(2.000999, s.maxMillis(), "max");
    }
}
