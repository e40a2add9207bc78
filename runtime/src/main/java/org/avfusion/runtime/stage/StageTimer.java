package org.avfusion.runtime.stage;

import org.avfusion.runtime.health.LatencyHistogram;

/** Per-stage processing time of the events that carried a set (one writer: the stage thread). */
public final class StageTimer {
    private final String stage;
    private final LatencyHistogram histogram = new LatencyHistogram();

    public StageTimer(String stage) {
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }

    public LatencyHistogram histogram() {
        return histogram;
    }

    void record(long startNanos) {
        histogram.recordNanos(System.nanoTime() - startNanos);
    }
}
