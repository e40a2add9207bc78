package org.avfusion.runtime.track;

import org.avfusion.runtime.fusion.ObjectClass;

/**
 * Settings of {@link KalmanTracker}, validated here so that a bad value fails before anything is built.
 *
 * @param accelNoiseMetersPerSec2      process noise: standard deviation of the unmodelled acceleration (white noise
 *                                     acceleration model, Bar-Shalom), in (0, 50], default 2.0
 * @param measurementNoiseMeters       standard deviation of a measured position per axis, in (0, 10], default 0.3
 * @param initialSpeedStdMetersPerSec  velocity uncertainty of a new track, in (0, 100], default 10
 * @param gateChiSquare                a measurement may join a track when its squared Mahalanobis distance is at
 *                                     most this (2 degrees of freedom: 13.8 keeps 99.9%), in (0, 1000]
 * @param maxJumpMeters                and when it lies at most this far from the prediction, whatever the
 *                                     covariance (a new track's is wide), in (0, 100], default 5.0
 * @param birthHits                    consecutive hits before a track is confirmed and gets an id, in [1, 100],
 *                                     default 3
 * @param deathSecondsUnknown          a confirmed track of class unknown is dropped after this long without a
 *                                     measurement, in (0, 60] s, default 0.5
 * @param deathSecondsVehicle          the same for vehicles (default 1.5 s)
 * @param deathSecondsPedestrian       for pedestrians (default 1.0 s)
 * @param deathSecondsCyclist          for cyclists (default 1.0 s)
 * @param deathSecondsOther            for other objects (default 0.5 s)
 * @param minHeadingSpeedMetersPerSec  faster than this the heading is the velocity's direction, slower the box's yaw,
 *                                     in [0, 20], default 1.0
 * @param maxTracks                    tracks kept (tentative and confirmed); more are not started and counted, in
 *                                     [1, 2048], default 512 (and maxTracks x maxMeasurements at most 2^20)
 * @param maxMeasurements              measurements per update; more are dropped and counted, in [1, 2048],
 *                                     default 512
 */
public record TrackerConfig(double accelNoiseMetersPerSec2, double measurementNoiseMeters,
        double initialSpeedStdMetersPerSec, double gateChiSquare, double maxJumpMeters, int birthHits,
        double deathSecondsUnknown, double deathSecondsVehicle, double deathSecondsPedestrian,
        double deathSecondsCyclist, double deathSecondsOther, double minHeadingSpeedMetersPerSec, int maxTracks,
        int maxMeasurements) {
    /**
     * Largest {@code maxTracks} and {@code maxMeasurements}. The tracker preallocates a maxTracks x maxMeasurements
     * cost matrix of doubles: in the launcher's smallest heap (96 MB, a simulated drive's replay) 2000 x 512 and 1024 x
     * 1024 ran, 2048 x 2048 (32 MB) and 10000 x 512 ended in an OutOfMemoryError (2026-12 probe).
     */
    public static final int MAX_TRACKS = 2048;
    /** Largest maxTracks x maxMeasurements: 1024 x 1024, an 8 MB cost matrix. */
    public static final long MAX_ASSIGNMENT_CELLS = 1L << 20;


    public static final TrackerConfig DEFAULTS = new TrackerConfig(2.0, 0.3, 10.0, 13.8, 5.0, 3, 0.5, 1.5, 1.0, 1.0,
            0.5, 1.0, 512, 512);

    public TrackerConfig {
        range("accelNoiseMetersPerSec2", accelNoiseMetersPerSec2, 0, 50, false);
        range("measurementNoiseMeters", measurementNoiseMeters, 0, 10, false);
        range("initialSpeedStdMetersPerSec", initialSpeedStdMetersPerSec, 0, 100, false);
        range("gateChiSquare", gateChiSquare, 0, 1000, false);
        range("maxJumpMeters", maxJumpMeters, 0, 100, false);
        if (birthHits < 1 || birthHits > 100) {
            throw new IllegalArgumentException("tracker.birthHits must be in [1, 100], was " + birthHits);
        }
        range("deathSecondsUnknown", deathSecondsUnknown, 0, 60, false);
        range("deathSecondsVehicle", deathSecondsVehicle, 0, 60, false);
        range("deathSecondsPedestrian", deathSecondsPedestrian, 0, 60, false);
        range("deathSecondsCyclist", deathSecondsCyclist, 0, 60, false);
        range("deathSecondsOther", deathSecondsOther, 0, 60, false);
        range("minHeadingSpeedMetersPerSec", minHeadingSpeedMetersPerSec, 0, 20, true);
        if (maxTracks < 1 || maxTracks > MAX_TRACKS) {
            throw new IllegalArgumentException("tracker.maxTracks must be in [1, " + MAX_TRACKS + "], was "
                    + maxTracks);
        }
        if (maxMeasurements < 1 || maxMeasurements > MAX_TRACKS) {
            throw new IllegalArgumentException("tracker.maxMeasurements must be in [1, " + MAX_TRACKS + "], was "
                    + maxMeasurements);
        }
        if ((long) maxTracks * maxMeasurements > MAX_ASSIGNMENT_CELLS) {
            throw new IllegalArgumentException("tracker.maxTracks x tracker.maxMeasurements must be at most "
                    + MAX_ASSIGNMENT_CELLS + " (the assignment's cost matrix, 8 bytes a cell, is preallocated), was "
                    + maxTracks + " x " + maxMeasurements + " = " + (long) maxTracks * maxMeasurements
                    + ": lower one of them");
        }
    }

    /** How long a confirmed track of this class lives without a measurement, seconds. */
    public double deathSeconds(ObjectClass c) {
        return switch (c) {
            case UNKNOWN -> deathSecondsUnknown;
            case VEHICLE -> deathSecondsVehicle;
            case PEDESTRIAN -> deathSecondsPedestrian;
            case CYCLIST -> deathSecondsCyclist;
            case OTHER -> deathSecondsOther;
        };
    }

    /** This configuration with another birth count. */
    public TrackerConfig withBirthHits(int hits) {
        return new TrackerConfig(accelNoiseMetersPerSec2, measurementNoiseMeters, initialSpeedStdMetersPerSec,
                gateChiSquare, maxJumpMeters, hits, deathSecondsUnknown, deathSecondsVehicle, deathSecondsPedestrian,
                deathSecondsCyclist, deathSecondsOther, minHeadingSpeedMetersPerSec, maxTracks, maxMeasurements);
    }

    /** This configuration with one death time for every class. */
    public TrackerConfig withDeathSeconds(double seconds) {
        return new TrackerConfig(accelNoiseMetersPerSec2, measurementNoiseMeters, initialSpeedStdMetersPerSec,
                gateChiSquare, maxJumpMeters, birthHits, seconds, seconds, seconds, seconds, seconds,
                minHeadingSpeedMetersPerSec, maxTracks, maxMeasurements);
    }

    private static void range(String key, double v, double lo, double hi, boolean loInclusive) {
        boolean ok = (loInclusive ? v >= lo : v > lo) && v <= hi;
        if (!ok) {
            throw new IllegalArgumentException("tracker." + key + " must be in " + (loInclusive ? "[" : "(") + lo
                    + ", " + hi + "], was " + v);
        }
    }
}
