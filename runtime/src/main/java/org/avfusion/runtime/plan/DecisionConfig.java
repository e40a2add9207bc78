package org.avfusion.runtime.plan;

import static org.avfusion.calibration.yaml.Bounds.*;

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
        requirePositive("decision.vehicleWidthMeters", vehicleWidthMeters, 10, "m");
        requireNonNegative("decision.frontOverhangMeters", frontOverhangMeters, 30, "m");
        requireNonNegative("decision.corridorMarginMeters", corridorMarginMeters, 10, "m");
        requirePositive("decision.lookaheadMeters", lookaheadMeters, 500, "m");
        requirePositive("decision.comfortDecelMetersPerSec2", comfortDecelMetersPerSec2, 15, "m/s^2");
        requireNonNegative("decision.reactionTimeMillis", reactionTimeMillis, 10_000, "ms");
        requireNonNegative("decision.standoffMeters", standoffMeters, 100, "m");
        requireNonNegative("decision.slowHeadwaySeconds", slowHeadwaySeconds, 60, "s");
        requireNonNegative("decision.releaseMillis", releaseMillis, 60_000, "ms");
        requirePositive("decision.egoMotionMaxAgeMillis", egoMotionMaxAgeMillis, 60_000, "ms");
        requirePositive("decision.maxCurvaturePerMeter", maxCurvaturePerMeter, 10, "1/m");
        requireInRange("decision.minCorridorCells", minCorridorCells, 1, 1000, "cells");
    }

    /** This config with another {@code minCorridorCells}. */
    public DecisionConfig withMinCorridorCells(int cells) {
        return new DecisionConfig(vehicleWidthMeters, frontOverhangMeters, corridorMarginMeters, lookaheadMeters,
                comfortDecelMetersPerSec2, reactionTimeMillis, standoffMeters, slowHeadwaySeconds, releaseMillis,
                egoMotionMaxAgeMillis, maxCurvaturePerMeter, cells);
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
