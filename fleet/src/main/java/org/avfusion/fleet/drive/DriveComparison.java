package org.avfusion.fleet.drive;

import java.io.Serializable;
import java.util.List;
import org.avfusion.runtime.cli.diff.DecisionDiff;
import org.avfusion.runtime.replay.DecisionRecord;

/**
 * How the candidate's decisions on one drive differ from the baseline's, by the rules of {@code avfusion diff}
 * ({@link DecisionDiff}): decisions are matched by stamp, wall-clock fields are ignored.
 *
 * @param changedDecisions decisions that differ: matched pairs with a differing field, plus decisions one side lacks
 * @param firstIndex       position of the first divergence in the baseline stream, or -1 when none
 * @param firstStampNanos  its stamp, or -1
 * @param first            the {@code avfusion diff} message of the first divergence, or null
 */
public record DriveComparison(long changedDecisions, long firstIndex, long firstStampNanos, String first)
        implements Serializable {
    /** Whether any decision changed. */
    public boolean changed() {
        return changedDecisions > 0;
    }

    /** Compares {@code candidate} with {@code baseline}. */
    public static DriveComparison of(List<DecisionRecord> baseline, List<DecisionRecord> candidate) {
        DecisionDiff.Divergence d = DecisionStreams.firstDivergence(baseline, candidate);
        if (d == null) {
            return new DriveComparison(0, -1, -1, null);
        }
        long changed = 0;
        int i = 0;
        int j = 0;
        while (i < baseline.size() && j < candidate.size()) {
            DecisionRecord a = baseline.get(i);
            DecisionRecord b = candidate.get(j);
            if (a.stampNanos() < b.stampNanos()) {
                changed++;
                i++;
            } else if (b.stampNanos() < a.stampNanos()) {
                changed++;
                j++;
            } else {
                if (DecisionStreams.firstDivergence(List.of(a), List.of(b)) != null) {
                    changed++;
                }
                i++;
                j++;
            }
        }
        changed += (baseline.size() - i) + (candidate.size() - j);
        return new DriveComparison(Math.max(1, changed), d.index(), d.stampNanos(), d.message());
    }
}
