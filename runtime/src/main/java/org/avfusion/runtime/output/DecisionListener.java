package org.avfusion.runtime.output;

import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.plan.Decision;

/**
 * In-process observer of published decisions (the CLI's console line, the replay report). Called on the publish
 * stage's thread after the decision went to the output; must return quickly; the set is valid only during the call.
 */
@FunctionalInterface
public interface DecisionListener {
    DecisionListener NONE = (d, set, latency) -> { };

    /** @param latencyMillis vehicle time from the reference stamp to the decision's publication */
    void onDecision(Decision decision, AlignedSet set, double latencyMillis);
}
