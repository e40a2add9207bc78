package org.avfusion.runtime.health;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Durations recorded by their owner's thread(s) into an HdrHistogram {@link Recorder} (wait-free, no allocation per
 * sample), summarised by any thread: {@link #summary()} takes the interval histogram recorded since the last call
 * and adds it to the run's total, so that readers never see a histogram being written. From 1 us to 1 hour with 3
 * significant digits (0.1 % relative error); longer durations are recorded as 1 hour, shorter as 0.
 * See Gil Tene, HdrHistogram (http://hdrhistogram.org/).
 */
public final class LatencyRecorder {
    static final long LOWEST_NANOS = 1_000L;
    static final long HIGHEST_NANOS = 3_600_000_000_000L;
    static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private Histogram interval;

    /** Records one duration; any thread, wait-free. */
    public void recordNanos(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(HIGHEST_NANOS, nanos)));
    }

    /** The whole run so far (everything recorded before this call); any thread. */
    public synchronized LatencySummary summary() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return LatencySummary.of(total);
    }
}
