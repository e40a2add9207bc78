package org.avfusion.runtime.deadline;

import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionReason;

/**
 * A decision may be acted on only while its data is fresh: when its age (vehicle time from the reference stamp, the
 * oldest data in it, to publication) exceeds {@code budgetNanos}, anything but a STOP becomes a STOP with reason
 * {@link DecisionReason#DEADLINE_MISSED}; a STOP stays a STOP. Stateless, immutable, thread-safe.
 *
 * @param budgetNanos the most age a PROCEED / SLOW may have, in (0, 10 s]
 */
public record LatencyBudget(long budgetNanos) {

    public LatencyBudget {
        if (budgetNanos <= 0 || budgetNanos > 10_000_000_000L) {
            throw new IllegalArgumentException("latency budget must be in (0, 10000] ms: " + budgetNanos / 1e6
                    + " ms");
        }
    }

    public static LatencyBudget ofMillis(double millis) {
        return new LatencyBudget(Math.round(millis * 1e6));
    }

    /** Whether a decision of this age is past the budget. */
    public boolean missed(long ageNanos) {
        return ageNanos > budgetNanos;
    }

    /** The decision to publish at age {@code ageNanos}: {@code d} itself, or the fail-safe STOP. */
    public Decision enforce(Decision d, long ageNanos) {
        if (!missed(ageNanos) || d.kind() == DecisionKind.STOP) {
            return d;
        }
        return new Decision(DecisionKind.STOP, DecisionReason.DEADLINE_MISSED, d.referenceStampNanos(),
                d.obstacleDistanceMeters(), d.stoppingDistanceMeters(), d.speedMetersPerSecond(), 0.0,
                d.curvaturePerMeter());
    }
}
