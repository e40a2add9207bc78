package org.avfusion.fleet.drive;

import java.util.List;
import org.avfusion.runtime.cli.diff.DecisionDiff;
import org.avfusion.runtime.replay.DecisionRecord;

/** Compares decision streams exactly as {@code avfusion diff} compares decision files. */
public final class DecisionStreams {
    private DecisionStreams() {
    }

    /** Where {@code a} and {@code b} first differ (wall-clock fields ignored), or null when they are equal. */
    public static DecisionDiff.Divergence firstDivergence(List<DecisionRecord> a, List<DecisionRecord> b) {
        return DecisionDiff.first(a.stream().map(DecisionRecord::toJson).toList(),
                b.stream().map(DecisionRecord::toJson).toList());
    }
}
