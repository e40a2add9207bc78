package org.avfusion.runtime.stage;

import org.avfusion.runtime.health.LatencyHistogram;

/** Per-stage processing time of the events that carried a set (one writer: the stage thread). */
public final class StageTimer {
    private final String stage;
    private final LatencyHistogram histogram = new LatencyHistogram();
    private volatile long lastNanos;

    public StageTimer(String stage) {
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }

    public LatencyHistogram histogram() {
        return histogram;
    }

    /** How long the stage took on the last set it processed (any thread may read it). */
    public long lastNanos() {
        return lastNanos;
    }

    void record(long startNanos) {
        long took = System.nanoTime() - startNanos;
        lastNanos = took;
        histogram.recordNanos(took);
    }
}
