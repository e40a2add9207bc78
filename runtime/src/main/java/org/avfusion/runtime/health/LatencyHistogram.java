package org.avfusion.runtime.health;

/**
 * A log-linear histogram of durations from 1 us to about 17 minutes with at most 1/16 (6 %) relative bucket width.
 * One writer thread records; any thread may read (a racy but never torn snapshot on 64-bit JVMs: good enough
 * for monitoring, and exact once the writer has stopped). No allocation on {@link #recordNanos}.
 */
public final class LatencyHistogram {
    private static final int SUB_BUCKETS = 16;
    private static final int MAGNITUDES = 40;
    private final long[] counts = new long[SUB_BUCKETS * MAGNITUDES];
    private volatile long total;
    private long maxNanos;
    private long sumNanos;

    public void recordNanos(long nanos) {
        long micros = Math.max(1, nanos / 1000);
        int magnitude = 63 - Long.numberOfLeadingZeros(micros);
        int index;
        if (magnitude < 4) {
            index = (int) micros;
        } else {
            int sub = (int) ((micros >>> (magnitude - 4)) & (SUB_BUCKETS - 1));
            index = (magnitude - 3) * SUB_BUCKETS + sub;
        }
        if (index >= counts.length) {
            index = counts.length - 1;
        }
        counts[index]++;
        sumNanos += nanos;
        if (nanos > maxNanos) {
            maxNanos = nanos;
        }
        total = total + 1;
    }

    private static long upperMicros(int index) {
        if (index < SUB_BUCKETS) {
            return index + 1;
        }
        int magnitude = index / SUB_BUCKETS + 3;
        int sub = index % SUB_BUCKETS;
        return ((long) (SUB_BUCKETS + sub + 1)) << (magnitude - 4);
    }

    public long count() {
        return total;
    }

    /** The value at quantile q in [0, 1], in milliseconds (bucket upper bound), or NaN when empty. */
    public double quantileMillis(double q) {
        long n = total;
        if (n == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * n);
        if (rank < 1) {
            rank = 1;
        }
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperMicros(i), Math.max(1, maxNanos / 1000)) / 1000.0;
            }
        }
        return maxNanos / 1e6;
    }

    public double maxMillis() {
        return maxNanos / 1e6;
    }

    public double meanMillis() {
        long n = total;
        return n == 0 ? Double.NaN : sumNanos / 1e6 / n;
    }
}
