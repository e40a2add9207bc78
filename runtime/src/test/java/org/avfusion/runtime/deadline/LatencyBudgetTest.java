package org.avfusion.runtime.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyBudgetTest {
    private static final LatencyBudget BUDGET = LatencyBudget.ofMillis(300);

    @ParameterizedTest(name = "{0} {1} aged {2} ms -> {3} {4}")
    @CsvSource({
            "PROCEED, PATH_CLEAR,        299.9, PROCEED, PATH_CLEAR",
            "PROCEED, PATH_CLEAR,        300.0, PROCEED, PATH_CLEAR",
            "PROCEED, PATH_CLEAR,        300.1, STOP,    DEADLINE_MISSED",
            "SLOW,    OBSTACLE_AHEAD,    5000,  STOP,    DEADLINE_MISSED",
            "STOP,    OBSTACLE_IN_PATH,  5000,  STOP,    OBSTACLE_IN_PATH",
            "STOP,    LIDAR_MISSING,     5000,  STOP,    LIDAR_MISSING"})
    void aDecisionPastTheBudgetIsPublishedAsStop(DecisionKind kind, DecisionReason reason, double ageMillis,
            DecisionKind expectedKind, DecisionReason expectedReason) {
        Decision d = new Decision(kind, reason, 7_000_000L, 12.0, 6.0, 5.0, kind == DecisionKind.STOP ? 0 : 5.0, 0.01);
        Decision out = BUDGET.enforce(d, Math.round(ageMillis * 1e6));
        assertEquals(expectedKind, out.kind());
        assertEquals(expectedReason, out.reason());
        assertEquals(d.referenceStampNanos(), out.referenceStampNanos(), "the stamp is kept");
        if (expectedKind == DecisionKind.STOP) {
            assertEquals(0.0, out.targetSpeedMetersPerSecond());
        }
        if (out.reason() == reason) {
            assertSame(d, out);
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "10001"})
    void rejectsBudgetsOutsideTheRange(double millis) {
        assertThrows(IllegalArgumentException.class, () -> LatencyBudget.ofMillis(millis));
    }
}
