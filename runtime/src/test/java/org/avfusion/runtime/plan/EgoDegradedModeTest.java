package org.avfusion.runtime.plan;

import static org.avfusion.runtime.occupancy.GridFixtures.emptyGrid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoQuality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision's degraded-mode check on the ego-motion filter's estimate (deadReckonedMaxMillis 5000), on a clear
 * corridor at 10 m/s: which quality / GNSS fix age / GNSS configured combinations PROCEED and which STOP, and why.
 */
class EgoDegradedModeTest {
    private static EgoEstimate estimate(EgoQuality quality, double fixAgeSeconds) {
        return new EgoEstimate(0, 0, 0, Double.NaN, Double.NaN, 0, 10.0, 0.0, 0, 0, 1, 1, 1, 0.01, 0.01, 0.001,
                quality, fixAgeSeconds, Map.of());
    }

    @ParameterizedTest(name = "{0}, fix {1} s old, GNSS configured {2} -> {3} {4}")
    @CsvSource({
        // quality,      fixAge,   gnss,  kind,    reason
        "FUSED,          0.1,      true,  PROCEED, PATH_CLEAR",
        "DEAD_RECKONED,  1.5,      true,  PROCEED, PATH_CLEAR",                 // GNSS lost 1.5 s: still allowed
        "DEAD_RECKONED,  4.99,     true,  PROCEED, PATH_CLEAR",
        "DEAD_RECKONED,  5.01,     true,  STOP,    EGO_DEAD_RECKONED_TOO_LONG", // past the bound
        "DEAD_RECKONED,  Infinity, true,  STOP,    EGO_DEAD_RECKONED_TOO_LONG", // never had a fix
        "DEAD_RECKONED,  Infinity, false, PROCEED, PATH_CLEAR",                 // no GNSS in the profile: by design
        "UNKNOWN,        0.1,      true,  STOP,    EGO_MOTION_UNKNOWN",
        "UNKNOWN,        Infinity, false, STOP,    EGO_MOTION_UNKNOWN",
    })
    void table(EgoQuality quality, double fixAge, boolean gnss, DecisionKind kind, DecisionReason reason) {
        DecisionPolicy policy = new DecisionPolicy(PlanFixtures.defaultConfig(), new EgoDegradedMode(gnss, 5000));
        EgoEstimate e = estimate(quality, fixAge);
        boolean known = quality != EgoQuality.UNKNOWN;
        Decision d = policy.decide(1_000_000_000L, true, false, known ? 10.0 : Double.NaN, known ? 0.0 : Double.NaN,
                e, emptyGrid());
        assertEquals(kind + " " + reason + " " + quality, d.kind() + " " + d.reason() + " " + d.egoQuality(),
                d.toString());
    }

    /**
     * Start-up before the receiver's first fix (fix age infinite): the bound runs from the filter's first measurement
     * ({@link EgoEstimate#deadReckonedSeconds()}), not from a fix that never was.
     */
    @ParameterizedTest(name = "no fix yet, dead-reckoned {0} s since the start -> {1} {2}")
    @CsvSource({
        // deadReckoned, kind,    reason
        "0.1,            PROCEED, PATH_CLEAR",                 // the first sets of a drive
        "4.99,           PROCEED, PATH_CLEAR",
        "5.01,           STOP,    EGO_DEAD_RECKONED_TOO_LONG", // a receiver that never delivers a fix
    })
    void beforeTheFirstFixDeadReckoningCountsFromTheStart(double deadReckoned, DecisionKind kind,
            DecisionReason reason) {
        DecisionPolicy policy = new DecisionPolicy(PlanFixtures.defaultConfig(), new EgoDegradedMode(true, 5000));
        EgoEstimate e = new EgoEstimate(0, 0, 0, Double.NaN, Double.NaN, 0, 10.0, 0.0, 0, 0, 1, 1, 1, 0.01, 0.01,
                0.001, EgoQuality.DEAD_RECKONED, Double.POSITIVE_INFINITY, deadReckoned, Map.of());
        Decision d = policy.decide(1_000_000_000L, true, false, 10.0, 0.0, e, emptyGrid());
        assertEquals(kind + " " + reason, d.kind() + " " + d.reason(), d.toString());
    }

    @Test
    void lidarAndCriticalSensorRulesComeFirst() {
        DecisionPolicy policy = new DecisionPolicy(PlanFixtures.defaultConfig(), new EgoDegradedMode(true, 5000));
        EgoEstimate unknown = estimate(EgoQuality.UNKNOWN, Double.POSITIVE_INFINITY);
        assertEquals(DecisionReason.LIDAR_MISSING,
                policy.decide(0, false, false, Double.NaN, Double.NaN, unknown, emptyGrid()).reason());
        assertEquals(DecisionReason.CRITICAL_SENSOR_SILENT,
                policy.decide(0, true, true, Double.NaN, Double.NaN, unknown, emptyGrid()).reason());
    }

    @Test
    void withoutAnEstimateTheFallbackSaysStaleAndCarriesNoQuality() {
        DecisionPolicy policy = new DecisionPolicy(PlanFixtures.defaultConfig(), new EgoDegradedMode(true, 5000));
        Decision d = policy.decide(0, true, false, Double.NaN, Double.NaN, null, emptyGrid());
        assertEquals(DecisionReason.EGO_MOTION_STALE, d.reason());
        assertEquals(null, d.egoQuality());
    }
}
