package org.avfusion.runtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** LatencyHistogram against a sorted-array reference on random durations (fixed seeds). */
class LatencyHistogramTest {
    private static final double[] QUANTILES = {0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1.0};

    /** Width of the bucket holding {@code micros}: 1 us below 16 us, else 1/16 of its power of two. */
    private static long bucketWidthMicros(long micros) {
        return micros < 16 ? 1 : Long.highestOneBit(micros) / 16;
    }

    private static void assertQuantilesMatchReference(long[] nanos, long seed) {
        LatencyHistogram h = new LatencyHistogram();
        for (long v : nanos) {
            h.recordNanos(v);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        assertEquals(n, h.count());
        for (double q : QUANTILES) {
            long rank = Math.max(1, (long) Math.ceil(q * n));
            long refMicros = Math.max(1, sorted[(int) rank - 1] / 1000);
            double gotMicros = h.quantileMillis(q) * 1000;
            long width = bucketWidthMicros(refMicros);
            String where = "seed " + seed + ", q=" + q + ": reference " + refMicros + " us, histogram " + gotMicros + " us";
            assertTrue(gotMicros >= refMicros - 1e-6, where);
            assertTrue(gotMicros <= refMicros + width + 1e-6, where + " (bucket width " + width + " us)");
            assertTrue(gotMicros <= refMicros * (1 + 1.0 / 16) + 1 + 1e-6, where + ": over the documented 1/16");
        }
        assertEquals(sorted[n - 1] / 1e6, h.maxMillis(), 1e-12);
        double mean = Arrays.stream(nanos).asDoubleStream().sum() / n / 1e6;
        assertEquals(mean, h.meanMillis(), Math.abs(mean) * 1e-12);
    }

    @Test
    void quantilesMatchASortedArrayWithinOneBucketOnLogUniformDurations() {
        for (long seed : new long[] {1, 2, 3, 42, 2024}) {
            SplittableRandom random = new SplittableRandom(seed);
            long[] nanos = new long[20_000];
            for (int i = 0; i < nanos.length; i++) {
                // 100 ns .. 100 s, log-uniform
                nanos[i] = Math.round(Math.pow(10, 2 + 9 * random.nextDouble()));
            }
            assertQuantilesMatchReference(nanos, seed);
        }
    }

    @Test
    void quantilesMatchOnNarrowMillisecondDurations() {
        SplittableRandom random = new SplittableRandom(7);
        long[] nanos = new long[5_000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = 2_000_000 + random.nextLong(3_000_000);
        }
        assertQuantilesMatchReference(nanos, 7);
    }

    /** A quantile is its bucket's upper bound (1 us wide below 16 us), never above the maximum recorded. */
    @Test
    void smallCountsReportBucketUpperBoundsCappedAtTheMaximum() {
        long[] nanos = {5_000, 1_000, 3_000};
        assertQuantilesMatchReference(nanos, 0);
        LatencyHistogram h = new LatencyHistogram();
        for (long v : nanos) {
            h.recordNanos(v);
        }
        assertEquals(0.002, h.quantileMillis(0.0), 1e-12);
        assertEquals(0.004, h.quantileMillis(0.5), 1e-12);
        assertEquals(0.005, h.quantileMillis(1.0), 1e-12);
    }

    @Test
    void emptyHistogramHasNoQuantiles() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.count());
        assertTrue(Double.isNaN(h.quantileMillis(0.5)));
        assertTrue(Double.isNaN(h.meanMillis()));
    }

    @Test
    void durationsBeyondTheTopBucketReportTheirMaximum() {
        LatencyHistogram h = new LatencyHistogram();
        long hour = 3_600_000_000_000L;
        h.recordNanos(hour);
        h.recordNanos(2_000);
        assertEquals(hour / 1e6, h.quantileMillis(1.0), 1e-9);
        assertEquals(hour / 1e6, h.maxMillis(), 1e-9);
    }
}
