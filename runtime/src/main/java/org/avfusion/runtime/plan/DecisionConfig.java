package org.avfusion.runtime.plan;

/**
 * Settings of the corridor check and decision policy.
 *
 * @param vehicleWidthMeters        ego width
 * @param frontOverhangMeters       base_link to front bumper
 * @param corridorMarginMeters      clearance added on each side of the ego's width
 * @param lookaheadMeters           how far along the path the corridor is checked
 * @param comfortDecelMetersPerSec2 deceleration assumed for the stopping distance
 * @param reactionTimeMillis        latency of the whole chain, sensor to brakes
 * @param standoffMeters            gap to keep to an obstacle when stopped
 * @param slowHeadwaySeconds        beyond stopping distance, obstacles within this many seconds of travel (plus
 *                                  the stand-off) give SLOW
 * @param releaseMillis             a STOP for an obstacle is released only after the corridor was clear this long
 * @param egoMotionMaxAgeMillis     the last speed/yaw rate may be held this long when GNSS/IMU drop out
 * @param maxCurvaturePerMeter      curvature clamp (noisy yaw rate at walking speed)
 * @param minCorridorCells          occupied cells needed at one station to count (noise rejection)
 */
public record DecisionConfig(
        double vehicleWidthMeters,
        double frontOverhangMeters,
        double corridorMarginMeters,
        double lookaheadMeters,
        double comfortDecelMetersPerSec2,
        double reactionTimeMillis,
        double standoffMeters,
        double slowHeadwaySeconds,
        double releaseMillis,
        double egoMotionMaxAgeMillis,
        double maxCurvaturePerMeter,
        int minCorridorCells) {

    public DecisionConfig {
        positive("decision.vehicleWidthMeters", vehicleWidthMeters);
        nonNegative("decision.frontOverhangMeters", frontOverhangMeters);
        nonNegative("decision.corridorMarginMeters", corridorMarginMeters);
        positive("decision.lookaheadMeters", lookaheadMeters);
        positive("decision.comfortDecelMetersPerSec2", comfortDecelMetersPerSec2);
        nonNegative("decision.reactionTimeMillis", reactionTimeMillis);
        nonNegative("decision.standoffMeters", standoffMeters);
        nonNegative("decision.slowHeadwaySeconds", slowHeadwaySeconds);
        nonNegative("decision.releaseMillis", releaseMillis);
        positive("decision.egoMotionMaxAgeMillis", egoMotionMaxAgeMillis);
        positive("decision.maxCurvaturePerMeter", maxCurvaturePerMeter);
        if (minCorridorCells < 1) {
            throw new IllegalArgumentException("decision.minCorridorCells must be >= 1, was " + minCorridorCells);
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + " must be > 0, was " + v);
        }
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + " must be >= 0, was " + v);
        }
    }

    /** Comfortable stopping distance at a speed, plus reaction distance and stand-off. */
    public double stoppingDistanceMeters(double speedMetersPerSecond) {
        double v = Math.max(0, speedMetersPerSecond);
        return v * v / (2 * comfortDecelMetersPerSec2) + v * reactionTimeMillis / 1000.0 + standoffMeters;
    }

    /** Distance within which an obstacle makes the ego slow down. */
    public double slowDistanceMeters(double speedMetersPerSecond) {
        double v = Math.max(0, speedMetersPerSecond);
        return stoppingDistanceMeters(v) + v * slowHeadwaySeconds + standoffMeters;
    }
}
