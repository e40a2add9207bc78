package org.avfusion.runtime.health;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Durations recorded by their owner's thread(s) into an HdrHistogram {@link Recorder} (wait-free, no allocation per
 * sample), summarised by any thread: {@link #summary()} takes the interval histogram recorded since the last call
 * and adds it to the run's total, so that readers never see a histogram being written. From 1 us to 1 hour with 3
 * significant digits (0.1 % relative error).
 *
 * <p>Out of that range: a longer duration goes into the histogram as 1 hour and a negative one as 0, so the
 * quantiles stay defined, but neither is hidden. Both are counted ({@link LatencySummary#aboveRangeCount},
 * {@link LatencySummary#negativeCount}), and the summary's maximum is the longest duration as recorded, not the
 * clamp (a frame stamped on another clock read as 3,601,330 ms, the histogram's top, when it was 2.1e10 ms). Only
 * out-of-range samples touch the atomic counters.
 * See Gil Tene, HdrHistogram (http://hdrhistogram.org/).
 */
public final class LatencyRecorder {
    static final long LOWEST_NANOS = 1_000L;
    static final long HIGHEST_NANOS = 3_600_000_000_000L;
    static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private final AtomicLong aboveRange = new AtomicLong();
    private final AtomicLong aboveRangeMaxNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong negative = new AtomicLong();
    private Histogram interval;

    public LatencyRecorder() {
        // the recorder makes its second histogram at its first swap: take that swap now, so that the first summary,
        // which comes while the vehicle drives, allocates nothing (198 KB a recorder, 1.8 MB over a KITTI
        // replay's recorders in its first second: docs/PERFORMANCE.md, "The ring's own buffers before the clock")
        interval = recorder.getIntervalHistogram();
    }

    /** Records one duration; any thread, wait-free. */
    public void recordNanos(long nanos) {
        if (nanos > HIGHEST_NANOS) {
            aboveRange.incrementAndGet();
            long max = aboveRangeMaxNanos.get();
            while (nanos > max && !aboveRangeMaxNanos.compareAndSet(max, nanos)) {
                max = aboveRangeMaxNanos.get();
            }
            nanos = HIGHEST_NANOS;
        } else if (nanos < 0) {
            negative.incrementAndGet();
            nanos = 0;
        }
        recorder.recordValue(nanos);
    }

    /** The whole run so far (everything recorded before this call); any thread. */
    public synchronized LatencySummary summary() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        // counters read after the histogram: a sample recorded in between is counted here and not yet there, which
        // only shows it one summary early
        long above = aboveRange.get();
        return LatencySummary.of(total, above, above > 0 ? aboveRangeMaxNanos.get() : -1, negative.get());
    }
}
