package org.avfusion.runtime.stage;

import org.avfusion.runtime.health.LatencyRecorder;

/** Per-stage processing time of the events that carried a set (recorded on the stage thread, read on any). */
public final class StageTimer {
    private final String stage;
    private final LatencyRecorder latency = new LatencyRecorder();
    private volatile long lastNanos;

    public StageTimer(String stage) {
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }

    public LatencyRecorder latency() {
        return latency;
    }

    /** How long the stage took on the last set it processed (any thread may read it). */
    public long lastNanos() {
        return lastNanos;
    }

    void record(long startNanos) {
        long took = System.nanoTime() - startNanos;
        lastNanos = took;
        latency.recordNanos(took);
    }
}
