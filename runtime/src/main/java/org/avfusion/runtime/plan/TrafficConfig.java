package org.avfusion.runtime.plan;

import static org.avfusion.calibration.yaml.Bounds.*;

/**
 * Settings of the track-based half of the decision ({@link TrafficPolicy}): following a lead vehicle, objects
 * predicted to enter the corridor, camera-only objects, and the hysteresis that keeps decisions from flickering.
 *
 * @param timeGapSeconds                 following: the gap to hold behind a lead vehicle, as time at its speed
 * @param minGapMeters                   following: gap held at standstill (added to the time gap)
 * @param gapCloseSeconds                following: how fast a gap error is closed (the target speed is the lead's
 *                                       speed plus gap error / this)
 * @param stopGapMeters                  STOP when the gap to an object in the corridor falls under this
 * @param movingSpeedMetersPerSec        a pedestrian or cyclist track faster than this is moving: it goes on the
 *                                       dynamic layer (its grid cells do not count as static obstacles) and is
 *                                       predicted
 * @param movingSpeedLargeMetersPerSec   the same for vehicles and unclassified objects, whose box centre drifts
 *                                       with the part of them in view by more than a pedestrian walks
 * @param horizonSeconds                 how far ahead tracks are predicted (constant velocity)
 * @param predictionStepMillis           time step of the prediction
 * @param pedestrianStopMarginMeters     an object predicted to enter the corridor: the ego slows so that it can stop
 *                                       this far before it
 * @param onMillis                       a track-based SLOW or STOP must hold this long before it is issued (an
 *                                       emergency STOP, a required deceleration beyond the comfort limit, is issued
 *                                       at once)
 * @param offMillis                      and is released only after its cause has been gone this long
 * @param trackMarginMeters              a grid cell within this of a moving track's box belongs to the track
 * @param lidarDropoutMaxMillis          lidar dropout: for this long after the last sweep, decisions come from the
 *                                       camera's tracks (placed by the depth model or the flat-ground range) with
 *                                       the two settings below, instead of the fail-safe STOP; past it, or when the
 *                                       camera is missing too, STOP {@code LIDAR_MISSING}. [0, 10000] ms, default
 *                                       3000 (30 m at 36 km/h: about the range where a flat-ground range from a box's
 *                                       bottom edge keeps a few per cent); 0 = STOP at once, as before
 * @param lidarDropoutSpeedFactor        lidar dropout: the target speed is at most this times the ego's speed at the
 *                                       last sweep, (0, 1], default 0.7
 * @param lidarDropoutTimeGapFactor      lidar dropout: the time gap held behind a lead vehicle is
 *                                       {@code timeGapSeconds} times this, [1, 5], default 1.5
 */
public record TrafficConfig(
        double timeGapSeconds,
        double minGapMeters,
        double gapCloseSeconds,
        double stopGapMeters,
        double movingSpeedMetersPerSec,
        double movingSpeedLargeMetersPerSec,
        double horizonSeconds,
        double predictionStepMillis,
        double pedestrianStopMarginMeters,
        double onMillis,
        double offMillis,
        double trackMarginMeters,
        double lidarDropoutMaxMillis,
        double lidarDropoutSpeedFactor,
        double lidarDropoutTimeGapFactor) {

    /** The values of {@code config/default.yaml}, for tests and tools. */
    public static final TrafficConfig DEFAULTS = new TrafficConfig(2.0, 2.0, 3.0, 2.0, 1.0, 3.0, 4.0, 100, 3.0, 300,
            1000, 0.5, 3000, 0.7, 1.5);

    /** The settings without the lidar-dropout ones: those at their defaults. */
    public TrafficConfig(double timeGapSeconds, double minGapMeters, double gapCloseSeconds, double stopGapMeters,
            double movingSpeedMetersPerSec, double movingSpeedLargeMetersPerSec, double horizonSeconds,
            double predictionStepMillis, double pedestrianStopMarginMeters, double onMillis, double offMillis,
            double trackMarginMeters) {
        this(timeGapSeconds, minGapMeters, gapCloseSeconds, stopGapMeters, movingSpeedMetersPerSec,
                movingSpeedLargeMetersPerSec, horizonSeconds, predictionStepMillis, pedestrianStopMarginMeters, onMillis,
                offMillis, trackMarginMeters, 3000, 0.7, 1.5);
    }

    public TrafficConfig {
        requirePositive("traffic.timeGapSeconds", timeGapSeconds, 10, "s");
        requireNonNegative("traffic.minGapMeters", minGapMeters, 100, "m");
        requirePositive("traffic.gapCloseSeconds", gapCloseSeconds, 60, "s");
        requireNonNegative("traffic.stopGapMeters", stopGapMeters, 100, "m");
        requirePositive("traffic.movingSpeedMetersPerSec", movingSpeedMetersPerSec, 20, "m/s");
        requirePositive("traffic.movingSpeedLargeMetersPerSec", movingSpeedLargeMetersPerSec, 20, "m/s");
        requirePositive("traffic.horizonSeconds", horizonSeconds, 30, "s");
        requireInRange("traffic.predictionStepMillis", predictionStepMillis, 10, 1000, "ms");
        requireNonNegative("traffic.pedestrianStopMarginMeters", pedestrianStopMarginMeters, 50, "m");
        requireNonNegative("traffic.onMillis", onMillis, 10_000, "ms");
        requireNonNegative("traffic.offMillis", offMillis, 60_000, "ms");
        requireNonNegative("traffic.trackMarginMeters", trackMarginMeters, 10, "m");
        requireNonNegative("traffic.lidarDropoutMaxMillis", lidarDropoutMaxMillis, 10_000, "ms");
        requirePositive("traffic.lidarDropoutSpeedFactor", lidarDropoutSpeedFactor, 1, "");
        requireInRange("traffic.lidarDropoutTimeGapFactor", lidarDropoutTimeGapFactor, 1, 5, "");
    }

    /**
     * These settings with the time gap a lidar dropout holds: {@code timeGapSeconds * lidarDropoutTimeGapFactor}, at
     * most 10 s.
     */
    public TrafficConfig forLidarDropout() {
        return new TrafficConfig(Math.min(10, timeGapSeconds * lidarDropoutTimeGapFactor), minGapMeters, gapCloseSeconds,
                stopGapMeters, movingSpeedMetersPerSec, movingSpeedLargeMetersPerSec, horizonSeconds,
                predictionStepMillis, pedestrianStopMarginMeters, onMillis, offMillis, trackMarginMeters,
                lidarDropoutMaxMillis, lidarDropoutSpeedFactor, lidarDropoutTimeGapFactor);
    }
}
