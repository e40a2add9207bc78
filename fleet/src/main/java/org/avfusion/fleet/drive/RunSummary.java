package org.avfusion.fleet.drive;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one drive did under one configuration: a row of the {@code summaries} table. Unknown numbers are NaN.
 *
 * @param status             {@code ok} or {@code failed}
 * @param reason             why it failed (exception and message), or null
 * @param minGapMeters       smallest obstacle distance ahead any decision saw (the gap to the nearest tracked
 *                           object in the corridor), NaN when no decision saw one
 * @param sensorNotOk        per sensor, the decisions whose aligned set lacked it or had it stale (status other than
 *                           {@code OK})
 * @param latencyP50Millis   end-to-end latency percentiles (wall clock: differ from run to run)
 * @param wallSeconds        wall time of the replay
 */
public record RunSummary(String config, String status, String reason, long frames, long decisions, long proceed,
        long slow, long stop, long reroute, double minGapMeters, double latencyP50Millis, double latencyP99Millis,
        double latencyMaxMillis, long droppedFrames, long skippedFrames, long stageErrors,
        Map<String, Long> sensorNotOk, List<String> missing, double wallSeconds) implements Serializable {
    /** Status of a replay that ran to its end. */
    public static final String OK = "ok";
    /** Status of a replay that could not run: unreadable, unsupported or corrupt recording, bad rig, ... */
    public static final String FAILED = "failed";

    public RunSummary {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(status, "status");
        sensorNotOk = new java.util.TreeMap<>(sensorNotOk);
        missing = new java.util.ArrayList<>(missing);
    }

    /** A failed run. */
    public static RunSummary failed(String config, String reason) {
        return new RunSummary(config, FAILED, reason, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0, 0, 0, Map.of(), List.of(), 0);
    }

    public boolean ok() {
        return OK.equals(status);
    }
}
