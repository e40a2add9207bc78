package org.avfusion.runtime.replay;

import java.util.List;
import org.avfusion.runtime.pipeline.ReplayJob;

/**
 * A finished in-process replay: its decisions in order and its summary (counts per kind, latencies, drops, stage
 * errors, the JSON report).
 */
public record ReplayOutcome(ReplayInput input, List<DecisionRecord> decisions, ReplayJob.Result summary) {
    public ReplayOutcome {
        decisions = List.copyOf(decisions);
    }
}
