package org.avfusion.runtime.ego;

import static org.avfusion.calibration.yaml.Bounds.*;

/**
 * The profile's {@code ego:} section: whether the ring's ego motion comes from the {@link EgoMotionFilter}, how long
 * a dead-reckoned estimate may drive decisions, lidar odometry as a source, and the filter's noise and limits.
 *
 * @param filterEnabled           true: every GNSS / IMU frame updates the filter on the align thread and sets carry
 *                                its estimate; false: the aligner's interpolated GNSS speed / IMU yaw rate (the
 *                                fallback path, decided by {@code decision.egoMotionMaxAgeMillis})
 * @param lidarOdometry           true: the reference lidar's sweeps also go through lidar odometry (KISS-ICP style)
 *                                and its forward speed and yaw rate update the filter as an odometry twist (only
 *                                sweeps it tracked); for drives without IMU / GNSS. Default off. It does not flag a
 *                                scan that leaves the along-track translation unconstrained (a flat featureless
 *                                world, a tunnel): there it under-estimates the speed (docs/EGO.md)
 * @param deadReckonedMaxMillis   GNSS lost: decisions may use a dead-reckoned estimate for this long after the last
 *                                GNSS position, then STOP ({@code EGO_DEAD_RECKONED_TOO_LONG}); only when a GNSS
 *                                sensor is configured (a profile without one is dead-reckoned by design), (0, 600000]
 * @param filter                  the filter's noise per source, process noise, gates and quality limits
 */
public record EgoConfig(
        boolean filterEnabled,
        boolean lidarOdometry,
        double deadReckonedMaxMillis,
        EgoFilterConfig filter) {

    public EgoConfig {
        requirePositive("ego.deadReckonedMaxMillis", deadReckonedMaxMillis, 600_000, "ms");
        required("ego.filter", filter, "{gyroNoiseRadPerSec: 0.01, ...}");
    }

    /** Filter on, lidar odometry off, 5 s of dead reckoning, the filter's defaults. */
    public static EgoConfig defaults() {
        return new EgoConfig(true, false, 5000, EgoFilterConfig.defaults());
    }

    public EgoConfig withFilterEnabled(boolean enabled) {
        return new EgoConfig(enabled, lidarOdometry, deadReckonedMaxMillis, filter);
    }

    public EgoConfig withLidarOdometry(boolean on) {
        return new EgoConfig(filterEnabled, on, deadReckonedMaxMillis, filter);
    }
}
