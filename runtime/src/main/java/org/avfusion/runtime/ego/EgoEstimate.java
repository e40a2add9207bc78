package org.avfusion.runtime.ego;

import java.util.Map;
import java.util.Objects;

/**
 * The filter's estimate at one instant. Position is in the local east-north-up frame anchored at the first GNSS
 * fix (metres; the origin when never anchored), and in WGS-84 degrees once anchored ({@code NaN} before).
 * Variances are the covariance diagonal of the matching state.
 *
 * @param stampNanos                 the instant, vehicle clock
 * @param eastMeters                 local east
 * @param northMeters                local north
 * @param latitudeDeg                WGS-84 latitude, {@code NaN} when not anchored
 * @param longitudeDeg               WGS-84 longitude, {@code NaN} when not anchored
 * @param headingDeg                 compass heading, degrees clockwise from north, [0, 360)
 * @param speedMetersPerSec          forward speed
 * @param yawRateRadPerSec           yaw rate, counter-clockwise positive
 * @param longitudinalAccelMetersPerSec2 forward acceleration
 * @param gyroBiasRadPerSec          estimated IMU yaw-rate bias
 * @param speedScale                 estimated wheel/CAN speed scale factor (measured = true * scale)
 * @param varianceEast               m^2
 * @param varianceNorth              m^2
 * @param varianceHeading            rad^2
 * @param varianceSpeed              (m/s)^2
 * @param varianceYawRate            (rad/s)^2
 * @param quality                    how far to trust it
 * @param absoluteFixAgeSeconds      age of the last accepted GNSS position; +infinity when there was none
 * @param deadReckonedSeconds        how long the position has been integrated without an absolute fix: the age of
 *                                   the last GNSS position, or, before the first one, the time since the filter's
 *                                   first measurement (a drive that starts before its receiver's first fix has been
 *                                   dead-reckoned only since it started, not forever); 0 before any measurement
 * @param sourceAgesSeconds          sources in use (their last sample younger than the configured limit) and
 *                                   their ages in seconds
 */
public record EgoEstimate(
        long stampNanos,
        double eastMeters,
        double northMeters,
        double latitudeDeg,
        double longitudeDeg,
        double headingDeg,
        double speedMetersPerSec,
        double yawRateRadPerSec,
        double longitudinalAccelMetersPerSec2,
        double gyroBiasRadPerSec,
        double speedScale,
        double varianceEast,
        double varianceNorth,
        double varianceHeading,
        double varianceSpeed,
        double varianceYawRate,
        EgoQuality quality,
        double absoluteFixAgeSeconds,
        double deadReckonedSeconds,
        Map<EgoSource, Double> sourceAgesSeconds) {

    public EgoEstimate {
        Objects.requireNonNull(quality, "quality");
        sourceAgesSeconds = Map.copyOf(sourceAgesSeconds);
        if (!(headingDeg >= 0 && headingDeg < 360) && !Double.isNaN(headingDeg)) {
            throw new IllegalArgumentException("headingDeg must be in [0, 360), was " + headingDeg);
        }
        if (!(deadReckonedSeconds >= 0)) {
            throw new IllegalArgumentException("deadReckonedSeconds must be >= 0, was " + deadReckonedSeconds);
        }
    }

    /** As the canonical constructor, dead-reckoned for as long as the fix is old ({@code absoluteFixAgeSeconds}). */
    public EgoEstimate(long stampNanos, double eastMeters, double northMeters, double latitudeDeg, double longitudeDeg,
            double headingDeg, double speedMetersPerSec, double yawRateRadPerSec,
            double longitudinalAccelMetersPerSec2, double gyroBiasRadPerSec, double speedScale, double varianceEast,
            double varianceNorth, double varianceHeading, double varianceSpeed, double varianceYawRate,
            EgoQuality quality, double absoluteFixAgeSeconds, Map<EgoSource, Double> sourceAgesSeconds) {
        this(stampNanos, eastMeters, northMeters, latitudeDeg, longitudeDeg, headingDeg, speedMetersPerSec,
                yawRateRadPerSec, longitudinalAccelMetersPerSec2, gyroBiasRadPerSec, speedScale, varianceEast,
                varianceNorth, varianceHeading, varianceSpeed, varianceYawRate, quality, absoluteFixAgeSeconds,
                absoluteFixAgeSeconds, sourceAgesSeconds);
    }
}
