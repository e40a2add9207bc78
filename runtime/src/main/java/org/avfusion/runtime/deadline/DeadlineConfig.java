package org.avfusion.runtime.deadline;

import static org.avfusion.calibration.yaml.Bounds.requireInRange;

/**
 * The profile's {@code deadline:} section: how old a decision may be when it is published, and how long the pipeline
 * may go without a decision before the watchdog issues the fail-safe STOP. Both are vehicle time (the runtime's
 * monotonic clock; in a replay at real time or slower, the recording's time as the replay plays it).
 *
 * @param budgetMillis         the most age (reference stamp, the oldest data in the decision, to publication) a
 *                             PROCEED / SLOW may have; older, it is published as STOP {@code DEADLINE_MISSED};
 *                             [10, 10000] ms
 * @param watchdogPeriodMillis no decision published for this long: the watchdog publishes a STOP
 *                             {@code WATCHDOG_NO_DECISION}, again every period while it lasts; [10, 60000] ms
 */
public record DeadlineConfig(double budgetMillis, double watchdogPeriodMillis) {

    public DeadlineConfig {
        requireInRange("deadline.budgetMillis", budgetMillis, 10, 10_000, "ms");
        requireInRange("deadline.watchdogPeriodMillis", watchdogPeriodMillis, 10, 60_000, "ms");
    }

    /** The budget as the publish stage applies it. */
    public LatencyBudget budget() {
        return LatencyBudget.ofMillis(budgetMillis);
    }

    public long watchdogPeriodNanos() {
        return Math.round(watchdogPeriodMillis * 1e6);
    }
}
