package org.avfusion.runtime.stage;

import org.avfusion.runtime.health.LatencyRecorder;

/** Per-stage processing time of the events that carried a set (recorded on the stage thread, read on any). */
public final class StageTimer {
    private final String stage;
    private final LatencyRecorder latency = new LatencyRecorder();

    public StageTimer(String stage) {
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }

    public LatencyRecorder latency() {
        return latency;
    }

    void record(long startNanos) {
        latency.recordNanos(System.nanoTime() - startNanos);
    }
}
