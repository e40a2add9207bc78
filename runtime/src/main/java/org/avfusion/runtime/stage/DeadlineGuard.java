package org.avfusion.runtime.stage;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.deadline.LatencyBudget;

/**
 * Applies a {@link LatencyBudget} just before a decision is published and keeps the account: how many decisions
 * missed it, how many of those were turned from PROCEED / SLOW into STOP, and which stage was the slowest on each
 * missed set (the stage whose {@link StageTimer#lastNanos()} was largest then; a set still waiting in the ring is
 * counted under {@code "queue"} when no stage took more than half the budget).
 *
 * <p>Threading: {@link #enforce} is called by the publish stage's thread only; the counters may be read from any
 * thread (health).
 */
public final class DeadlineGuard {
    private static final String QUEUE = "queue";

    private final LatencyBudget budget;
    private final StageTimer[] stages;
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong converted = new AtomicLong();
    private final AtomicLongArray missedBySlowest;
    private volatile String lastSlowStage;
    private volatile long lastMissAgeNanos;

    /** @param stages the pipeline's stage timers, in pipeline order */
    public DeadlineGuard(LatencyBudget budget, List<StageTimer> stages) {
        this.budget = budget;
        this.stages = stages.toArray(new StageTimer[0]);
        this.missedBySlowest = new AtomicLongArray(this.stages.length + 1);
    }

    /**
     * The decision to publish.
     *
     * @param ageNanos vehicle time from the decision's reference stamp to now
     */
    public Decision enforce(Decision d, long ageNanos) {
        if (!budget.missed(ageNanos)) {
            return d;
        }
        missed.incrementAndGet();
        lastMissAgeNanos = ageNanos;
        int slowest = slowestStage();
        missedBySlowest.incrementAndGet(slowest);
        lastSlowStage = slowest == stages.length ? QUEUE : stages[slowest].stage();
        Decision out = budget.enforce(d, ageNanos);
        if (out != d) {
            converted.incrementAndGet();
        }
        return out;
    }

    private int slowestStage() {
        int slowest = stages.length;
        long most = budget.budgetNanos() / 2;
        for (int i = 0; i < stages.length; i++) {
            long took = stages[i].lastNanos();
            if (took > most) {
                most = took;
                slowest = i;
            }
        }
        return slowest;
    }

    public LatencyBudget budget() {
        return budget;
    }

    /** Decisions past the budget (STOPs included). */
    public long missed() {
        return missed.get();
    }

    /** PROCEED / SLOW decisions published as STOP DEADLINE_MISSED instead. */
    public long convertedToStop() {
        return converted.get();
    }

    /** The slowest stage on the last missed set, or null when none missed. */
    public String lastSlowStage() {
        return lastSlowStage;
    }

    /** Age of the last decision that missed, nanoseconds (0 when none). */
    public long lastMissAgeNanos() {
        return lastMissAgeNanos;
    }

    /** Missed decisions by the stage that was slowest on them ({@code "queue"}: none stood out). */
    public Map<String, Long> missedBySlowestStage() {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i <= stages.length; i++) {
            long n = missedBySlowest.get(i);
            if (n > 0) {
                out.put(i == stages.length ? QUEUE : stages[i].stage(), n);
            }
        }
        return out;
    }

    /** Whether {@code kind} is one the guard would hold back when late. */
    static boolean actionable(DecisionKind kind) {
        return kind != DecisionKind.STOP;
    }
}
