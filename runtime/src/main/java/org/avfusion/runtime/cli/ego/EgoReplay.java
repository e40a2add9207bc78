package org.avfusion.runtime.cli.ego;

import java.util.function.Consumer;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoMotionFilter;

/**
 * Feeds a recording to an {@link EgoMotionFilter} in arrival order and hands out an estimate every
 * {@code periodNanos} of arrival time (after predicting to that tick), as a stage fed by a clock would.
 */
public final class EgoReplay {
    private EgoReplay() {
    }

    public static void run(Recording recording, EgoMotionFilter filter, long periodNanos, Consumer<EgoEstimate> out) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("periodNanos must be positive, was " + periodNanos);
        }
        long nextTick = Long.MIN_VALUE;
        for (TimedMeasurement tm : recording.measurements()) {
            long arrival = tm.arrivalNanos();
            if (nextTick == Long.MIN_VALUE) {
                nextTick = arrival + periodNanos;
            }
            while (arrival >= nextTick) {
                filter.predict(nextTick);
                if (filter.anchored() || filter.timeNanos() != Long.MIN_VALUE) {
                    out.accept(filter.estimate());
                }
                nextTick += periodNanos;
            }
            filter.update(tm.measurement());
        }
    }
}
