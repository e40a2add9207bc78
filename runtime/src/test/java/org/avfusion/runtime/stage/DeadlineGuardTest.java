package org.avfusion.runtime.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.avfusion.runtime.deadline.LatencyBudget;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionReason;
import org.junit.jupiter.api.Test;

/**
 * The guard names the stage that was slow. The test hook: {@link StageTimer#record(long)} given a start in the past
 * is exactly what a stage that took that long records.
 */
class DeadlineGuardTest {
    private static final long MS = 1_000_000L;

    private static Decision proceed() {
        return new Decision(DecisionKind.PROCEED, DecisionReason.PATH_CLEAR, 0, Double.NaN, 4.0, 5.0, 5.0, 0.0);
    }

    @Test
    void aSlowStageTurnsProceedIntoDeadlineMissedAndIsNamed() {
        StageTimer align = new StageTimer("align");
        StageTimer perceive = new StageTimer("perceive");
        StageTimer decide = new StageTimer("decide");
        DeadlineGuard guard = new DeadlineGuard(LatencyBudget.ofMillis(200), List.of(align, perceive, decide));

        align.record(System.nanoTime() - 2 * MS);
        perceive.record(System.nanoTime() - 5 * MS);
        decide.record(System.nanoTime() - MS);
        assertEquals(DecisionKind.PROCEED, guard.enforce(proceed(), 150 * MS).kind());
        assertEquals(0, guard.missed());
        assertNull(guard.lastSlowStage());

        perceive.record(System.nanoTime() - 400 * MS); // perception made artificially slow
        Decision out = guard.enforce(proceed(), 410 * MS);
        assertEquals(DecisionKind.STOP, out.kind());
        assertEquals(DecisionReason.DEADLINE_MISSED, out.reason());
        assertEquals("perceive", guard.lastSlowStage());

        perceive.record(System.nanoTime() - 5 * MS);
        guard.enforce(proceed(), 300 * MS); // late, but no stage stands out: it waited
        assertEquals("queue", guard.lastSlowStage());
        guard.enforce(new Decision(DecisionKind.STOP, DecisionReason.OBSTACLE_IN_PATH, 0, 2.0, 4.0, 0, 0, 0),
                300 * MS);

        assertEquals(3, guard.missed());
        assertEquals(2, guard.convertedToStop());
        assertEquals(Map.of("perceive", 1L, "queue", 2L), guard.missedBySlowestStage());
    }
}
