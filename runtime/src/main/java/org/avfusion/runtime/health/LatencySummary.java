package org.avfusion.runtime.health;

import org.HdrHistogram.Histogram;

/**
 * Latency quantiles of a whole run so far, in milliseconds; NaN when nothing was recorded. Immutable.
 *
 * @param count       samples recorded
 * @param p50Millis   median
 * @param p99Millis   99th percentile
 * @param p999Millis  99.9th percentile
 * @param maxMillis   largest sample, as recorded even when it lies above the histogram's range
 * @param meanMillis  mean (samples out of range counted at the range's edge)
 * @param aboveRangeCount samples longer than the histogram's range (1 hour): in the quantiles and the mean as 1 hour
 * @param negativeCount   negative samples (an end stamped after it was measured: clocks that disagree), in the
 *                        quantiles and the mean as 0
 */
public record LatencySummary(long count, double p50Millis, double p99Millis, double p999Millis, double maxMillis,
        double meanMillis, long aboveRangeCount, long negativeCount) {

    public LatencySummary {
        if (count < 0 || aboveRangeCount < 0 || negativeCount < 0) {
            throw new IllegalArgumentException("counts must be >= 0: count " + count + ", above range "
                    + aboveRangeCount + ", negative " + negativeCount);
        }
    }

    /** Whether some samples lay outside the histogram's range (see {@link #aboveRangeCount}, {@link #negativeCount}). */
    public boolean anyOutOfRange() {
        return aboveRangeCount > 0 || negativeCount > 0;
    }

    /**
     * The summary of {@code h}, whose values are nanoseconds: {@code aboveRange} of them were longer than its range
     * (the longest {@code aboveRangeMaxNanos}, ignored when none) and {@code negative} below 0.
     */
    static LatencySummary of(Histogram h, long aboveRange, long aboveRangeMaxNanos, long negative) {
        long n = h.getTotalCount();
        if (n == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
        double maxNanos = aboveRange > 0 ? aboveRangeMaxNanos : h.getMaxValue();
        return new LatencySummary(n, h.getValueAtPercentile(50.0) / 1e6, h.getValueAtPercentile(99.0) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, maxNanos / 1e6, h.getMean() / 1e6, aboveRange, negative);
    }
}
