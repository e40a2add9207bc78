package org.avfusion.runtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void outOfRangeDurationsAreCountedAndTheMaxIsTheOneRecorded() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 0; i < 97; i++) {
            r.recordNanos(5_000_000); // 5 ms
        }
        r.recordNanos(-5);
        long stampedOnAnotherClock = 21_168_000_000_000_000L; // 245 days
        r.recordNanos(stampedOnAnotherClock);
        r.recordNanos(2 * LatencyRecorder.HIGHEST_NANOS);
        LatencySummary s = r.summary();
        assertEquals(100, s.count());
        assertEquals(2, s.aboveRangeCount());
        assertEquals(1, s.negativeCount());
        assertTrue(s.anyOutOfRange());
        assertEquals(stampedOnAnotherClock / 1e6, s.maxMillis(), 0.0, "the longest as recorded, not the 1-hour clamp");
        assertNear(5.0, s.p50Millis(), "p50 of the in-range samples");
        assertNear(LatencyRecorder.HIGHEST_NANOS / 1e6, s.p99Millis(), "the two long ones at the clamp");

        LatencySummary inRange = new LatencyRecorder().summary();
        assertFalse(inRange.anyOutOfRange());
        LatencyRecorder clean = new LatencyRecorder();
        clean.recordNanos(LatencyRecorder.HIGHEST_NANOS);
        clean.recordNanos(0);
        assertFalse(clean.summary().anyOutOfRange(), "the range's own edges are in range");
    }

    /** Out-of-range samples from two threads: every one counted, the max the largest of them. */
    @Test
    void outOfRangeCountsAndMaxHoldUnderConcurrentWriters() throws Exception {
        LatencyRecorder r = new LatencyRecorder();
        int perWriter = 50_000;
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            long base = LatencyRecorder.HIGHEST_NANOS + 1 + w;
            writers[w] = new Thread(() -> {
                for (int i = 0; i < perWriter; i++) {
                    r.recordNanos(base + 2L * i);
                    r.recordNanos(-1 - i);
                }
            });
            writers[w].start();
        }
        for (Thread t : writers) {
            t.join();
        }
        LatencySummary s = r.summary();
        assertEquals(2L * perWriter, s.aboveRangeCount());
        assertEquals(2L * perWriter, s.negativeCount());
        assertEquals((LatencyRecorder.HIGHEST_NANOS + 2 + 2L * (perWriter - 1)) / 1e6, s.maxMillis(), 0.0);
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

    /** The first summary comes while the vehicle drives: it must not make the recorder's second histogram then. */
    @Test
    void theFirstSummaryAllocatesNoHistogram() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "no counter");
        threads.setThreadAllocatedMemoryEnabled(true);
        new LatencyRecorder().summary(); // class loading and the summary's own first-use caches out of the way
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordNanos(5_000_000);
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        LatencySummary first = recorder.summary();
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(1, first.count());
        // a histogram of this range is 198 KB (what the first summary allocated before); the summary itself is a
        // few small objects
        assertTrue(allocated < 8 * 1024, "the first summary allocated " + allocated + " bytes");
    }
}
