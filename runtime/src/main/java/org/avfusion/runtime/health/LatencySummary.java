package org.avfusion.runtime.health;

import org.HdrHistogram.Histogram;

/**
 * Latency quantiles of a whole run so far, in milliseconds; NaN when nothing was recorded. Immutable.
 *
 * @param count       samples recorded
 * @param p50Millis   median
 * @param p99Millis   99th percentile
 * @param p999Millis  99.9th percentile
 * @param maxMillis   largest sample
 * @param meanMillis  mean
 */
public record LatencySummary(long count, double p50Millis, double p99Millis, double p999Millis, double maxMillis,
        double meanMillis) {

    public LatencySummary {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
    }

    /** The summary of {@code h}, whose values are nanoseconds. */
    static LatencySummary of(Histogram h) {
        long n = h.getTotalCount();
        if (n == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(n, h.getValueAtPercentile(50.0) / 1e6, h.getValueAtPercentile(99.0) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, h.getMean() / 1e6);
    }
}
