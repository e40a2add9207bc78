package org.avfusion.fleet.drive;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avfusion.runtime.replay.DecisionRecord;

/**
 * One drive replayed under one or two configurations: what a fleet-replay task returns.
 *
 * @param runs       one summary per configuration, baseline first
 * @param decisions  each configuration's decisions in order, by configuration name (empty for a failed run)
 * @param comparison candidate against baseline, or null with one configuration or when a run failed
 */
public record DriveResult(DriveTask task, List<RunSummary> runs, Map<String, List<DecisionRecord>> decisions,
        DriveComparison comparison) implements Serializable {
    public DriveResult {
        Objects.requireNonNull(task, "task");
        runs = new java.util.ArrayList<>(runs);
        decisions = new java.util.LinkedHashMap<>(decisions);
    }

    /** {@code ok} when every run finished, else {@code failed}. */
    public String status() {
        return runs.stream().allMatch(RunSummary::ok) ? RunSummary.OK : RunSummary.FAILED;
    }

    /** The first failed run's reason, or null. */
    public String reason() {
        return runs.stream().filter(r -> !r.ok()).map(r -> r.config() + ": " + r.reason()).findFirst().orElse(null);
    }
}
