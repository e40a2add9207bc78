package org.avfusion.runtime.plan;

import static org.avfusion.runtime.occupancy.GridFixtures.emptyGrid;
import static org.avfusion.runtime.occupancy.GridFixtures.occupy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decision rules on the default profile. At 10 m/s: stopping distance 10^2/(2*3) + 10*0.5 + 6 = 27.67 m, slow-down
 * distance 27.67 + 10*2 + 6 = 53.67 m (beyond the 50 m look-ahead, so anything seen in the corridor is at least
 * SLOW). Obstacle distances are from the front bumper (3.7 m ahead of base_link).
 */
class DecisionPolicyTest {
    private static final long MS = 1_000_000L;
    private static final double BUMPER = PlanFixtures.FRONT_OVERHANG_METERS;
    private final DecisionConfig config = PlanFixtures.defaultConfig();

    private static OccupancyGrid gridWithCellAt(double x, double y) {
        OccupancyGrid grid = emptyGrid();
        occupy(grid, x, y);
        return grid;
    }

    @Test
    void stoppingAndSlowDistancesFollowTheFormula() {
        assertEquals(27.667, config.stoppingDistanceMeters(10), 1e-3);
        assertEquals(53.667, config.slowDistanceMeters(10), 1e-3);
        assertEquals(6.0, config.stoppingDistanceMeters(0), 1e-12);
        assertEquals(6.0, config.stoppingDistanceMeters(-1), 1e-12, "negative speed counts as standing still");
    }

    @ParameterizedTest(name = "{0} m/s, yaw rate {1}, cell at ({2}, {3}) -> {4} {5}")
    @CsvSource({
        // speed, yawRate, x,    y,    kind,    reason
        "10,      0,       15.1, 0.1,  STOP,    OBSTACLE_IN_PATH",   // 11.4 m from the bumper < 27.67
        "10,      0,       31.0, 0.1,  STOP,    OBSTACLE_IN_PATH",   // 27.3 m: just within
        "10,      0,       32.0, 0.1,  SLOW,    OBSTACLE_AHEAD",     // 28.3 m: just beyond
        "10,      0,       45.1, 0.1,  SLOW,    OBSTACLE_AHEAD",
        "10,      0,       15.1, 3.0,  PROCEED, PATH_CLEAR",         // beside the corridor
        "10,      0,       15.1, -3.0, PROCEED, PATH_CLEAR",
        "5,       0,       20.1, 0.1,  SLOW,    OBSTACLE_AHEAD",     // 5 m/s: stop 12.67, slow 28.67
        "5,       0,       40.1, 0.1,  PROCEED, PATH_CLEAR",         // 36.4 m > 28.67
        "0,       0,       8.0,  0.1,  STOP,    OBSTACLE_IN_PATH",   // standing: 4.3 m < stand-off 6
        "0,       0,       17.0, 0.1,  PROCEED, PATH_CLEAR",         // 13.3 m > slow distance 2 * stand-off
        "10,      0.5,     12.0, 4.0,  STOP,    OBSTACLE_IN_PATH",   // left curve R = 20 m, on the arc
        "10,      0.5,     12.0, 0.0,  PROCEED, PATH_CLEAR",         // outside of the curve, straight ahead
        "0.2,     0.1,     9.0,  2.2,  PROCEED, PATH_CLEAR",         // creeping: gyro noise bends no corridor
        "0.2,     0.1,     9.0,  0.1,  STOP,    OBSTACLE_IN_PATH",   // ...which stays straight ahead
    })
    void obstacleTable(double speed, double yawRate, double x, double y, DecisionKind kind, DecisionReason reason) {
        DecisionPolicy policy = new DecisionPolicy(config);
        Decision d = policy.decide(0, true, false, speed, yawRate, gridWithCellAt(x, y));
        assertEquals(kind, d.kind(), d.toString());
        assertEquals(reason, d.reason(), d.toString());
        assertEquals(speed, d.speedMetersPerSecond(), 1e-12);
        if (kind == DecisionKind.STOP) {
            assertEquals(0.0, d.targetSpeedMetersPerSecond());
        }
        if (kind == DecisionKind.PROCEED) {
            assertEquals(speed, d.targetSpeedMetersPerSecond(), 1e-12);
        }
    }

    @Test
    void clearGridProceedsAtCurrentSpeed() {
        Decision d = new DecisionPolicy(config).decide(0, true, false, 12, 0, emptyGrid());
        assertEquals(DecisionKind.PROCEED, d.kind());
        assertEquals(DecisionReason.PATH_CLEAR, d.reason());
        assertTrue(Double.isNaN(d.obstacleDistanceMeters()));
        assertEquals(12, d.targetSpeedMetersPerSecond());
    }

    /**
     * SLOW must actually slow: the target is below the current speed, lower the nearer the obstacle, and at the
     * target speed the obstacle sits at the edge of the slow-down distance (so the vehicle would proceed once it has
     * slowed, no flicker), and at or beyond the stopping distance.
     */
    @ParameterizedTest(name = "10 m/s, obstacle cell at x = {0}: SLOW with a target below 10 m/s")
    @CsvSource({"32.1", "36.1", "40.1", "45.1", "50.1"})
    void slowTargetIsBelowCurrentSpeedAndConsistent(double x) {
        DecisionPolicy policy = new DecisionPolicy(config);
        Decision d = policy.decide(0, true, false, 10, 0, gridWithCellAt(x, 0.1));
        assertEquals(DecisionKind.SLOW, d.kind(), d.toString());
        double target = d.targetSpeedMetersPerSecond();
        assertTrue(target > 0 && target < 10, "target " + target + " must be in (0, 10) for " + d);
        assertEquals(d.obstacleDistanceMeters(), config.slowDistanceMeters(target), 1e-6,
                "at the target speed the obstacle is at the slow-down distance");
        assertTrue(config.stoppingDistanceMeters(target) <= d.obstacleDistanceMeters());
    }

    @Test
    void nearerObstacleGivesLowerTarget() {
        double previous = Double.POSITIVE_INFINITY;
        for (double x = 50.1; x >= 32.1; x -= 3) {
            Decision d = new DecisionPolicy(config).decide(0, true, false, 10, 0, gridWithCellAt(x, 0.1));
            assertEquals(DecisionKind.SLOW, d.kind());
            assertTrue(d.targetSpeedMetersPerSecond() < previous, "target at x=" + x + ": " + d);
            previous = d.targetSpeedMetersPerSecond();
        }
    }

    @ParameterizedTest(name = "lidarPresent={0}, criticalSilent={1}, speed={2} -> STOP {3}")
    @CsvSource({
        "false, false, 10,  LIDAR_MISSING",
        "false, true,  10,  LIDAR_MISSING",             // the lidar rule comes first
        "true,  true,  10,  CRITICAL_SENSOR_SILENT",
        "true,  false, NaN, EGO_MOTION_STALE",          // never had ego motion
        "false, false, NaN, LIDAR_MISSING",
    })
    void failSafeStops(boolean lidarPresent, boolean criticalSilent, double speed, DecisionReason reason) {
        Decision d = new DecisionPolicy(config).decide(0, lidarPresent, criticalSilent, speed, 0.0, emptyGrid());
        assertEquals(DecisionKind.STOP, d.kind());
        assertEquals(reason, d.reason());
        assertEquals(0.0, d.targetSpeedMetersPerSecond());
    }

    /** egoMotionMaxAgeMillis 500: a gap up to 500 ms is bridged with the last speed and yaw rate. */
    @ParameterizedTest(name = "ego motion last seen {0} ms before -> {1} {2}")
    @CsvSource({
        "100,  PROCEED, PATH_CLEAR",
        "400,  PROCEED, PATH_CLEAR",
        "500,  PROCEED, PATH_CLEAR",
        "501,  STOP,    EGO_MOTION_STALE",
        "2000, STOP,    EGO_MOTION_STALE",
    })
    void egoMotionGapIsBridgedThenStale(long gapMillis, DecisionKind kind, DecisionReason reason) {
        DecisionPolicy policy = new DecisionPolicy(config);
        long t0 = 1_000 * MS;
        assertEquals(DecisionKind.PROCEED, policy.decide(t0, true, false, 8, 0.0, emptyGrid()).kind());
        Decision d = policy.decide(t0 + gapMillis * MS, true, false, Double.NaN, Double.NaN, emptyGrid());
        assertEquals(kind, d.kind(), d.toString());
        assertEquals(reason, d.reason(), d.toString());
        if (kind == DecisionKind.PROCEED) {
            assertEquals(8, d.speedMetersPerSecond(), "the held speed is used");
        }
    }

    @Test
    void bridgedYawRateStillBendsTheCorridor() {
        DecisionPolicy policy = new DecisionPolicy(config);
        policy.decide(0, true, false, 10, 0.5, emptyGrid());
        // 200 ms later GNSS/IMU are missing: the left curve is held, so the cell on the arc stops us
        Decision d = policy.decide(200 * MS, true, false, Double.NaN, Double.NaN, gridWithCellAt(12, 4));
        assertEquals(DecisionKind.STOP, d.kind(), d.toString());
        assertEquals(0.05, d.curvaturePerMeter(), 1e-12);
    }

    @Test
    void curvatureIsClamped() {
        // 3 rad/s at 5 m/s would be 0.6 /m; the clamp is 0.2
        Decision d = new DecisionPolicy(config).decide(0, true, false, 5, 3.0, emptyGrid());
        assertEquals(0.2, d.curvaturePerMeter(), 1e-12);
        Decision right = new DecisionPolicy(config).decide(0, true, false, 5, -3.0, emptyGrid());
        assertEquals(-0.2, right.curvaturePerMeter(), 1e-12);
    }

    /** releaseMillis 1000: after an obstacle STOP, a clear corridor is not trusted until 1 s has passed. */
    @Test
    void stopHoldsUntilReleaseMillisHavePassed() {
        DecisionPolicy policy = new DecisionPolicy(config);
        OccupancyGrid blocked = gridWithCellAt(10.1, 0.1);
        OccupancyGrid clear = emptyGrid();
        long t0 = 5_000 * MS;
        Object[][] table = {
            // ms after t0, grid, kind, reason
            {0L, blocked, DecisionKind.STOP, DecisionReason.OBSTACLE_IN_PATH},
            {100L, clear, DecisionKind.STOP, DecisionReason.HOLDING_AFTER_OBSTACLE},
            {500L, clear, DecisionKind.STOP, DecisionReason.HOLDING_AFTER_OBSTACLE},
            {999L, clear, DecisionKind.STOP, DecisionReason.HOLDING_AFTER_OBSTACLE},
            {1000L, clear, DecisionKind.PROCEED, DecisionReason.PATH_CLEAR},
            {1100L, blocked, DecisionKind.STOP, DecisionReason.OBSTACLE_IN_PATH},   // blocked again: a new hold
            {1500L, clear, DecisionKind.STOP, DecisionReason.HOLDING_AFTER_OBSTACLE},
            {2099L, clear, DecisionKind.STOP, DecisionReason.HOLDING_AFTER_OBSTACLE},
            {2100L, clear, DecisionKind.PROCEED, DecisionReason.PATH_CLEAR},
        };
        for (Object[] row : table) {
            long t = t0 + (Long) row[0] * MS;
            Decision d = policy.decide(t, true, false, 5, 0, (OccupancyGrid) row[1]);
            assertEquals(row[2], d.kind(), "at +" + row[0] + " ms: " + d);
            assertEquals(row[3], d.reason(), "at +" + row[0] + " ms: " + d);
        }
    }

    @Test
    void obstacleStopCarriesDistanceAndStoppingDistance() {
        Decision d = new DecisionPolicy(config).decide(42, true, false, 10, 0, gridWithCellAt(15.1, 0.1));
        assertEquals(42, d.referenceStampNanos());
        assertEquals(15.0 - BUMPER, d.obstacleDistanceMeters(), 0.25);
        assertEquals(config.stoppingDistanceMeters(10), d.stoppingDistanceMeters(), 1e-12);
    }
}
