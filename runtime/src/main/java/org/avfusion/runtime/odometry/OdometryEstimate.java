package org.avfusion.runtime.odometry;

import java.util.Objects;
import org.avfusion.calibration.geometry.RigidTransform;

/**
 * What {@link LidarOdometry} made of one sweep.
 *
 * @param stampNanos                    the sweep's stamp (the time its per-point offsets count from)
 * @param poseTimeNanos                 when the pose holds: the middle of the sweep (stamp plus the mean of its
 *                                      earliest and latest point offset; the stamp when offsets are all 0), the
 *                                      instant the sweep was deskewed to. For a rejected sweep, the last pose's time
 * @param odomFromLidar                 the lidar pose at {@code poseTimeNanos} in the odometry frame (the lidar frame
 *                                      of the first sweep)
 * @param lastFromCurrent               the motion over the last interval: the current lidar frame in the previous
 *                                      sweep's lidar frame (identity for the first sweep and rejected sweeps)
 * @param intervalNanos                 time since the previous processed sweep's pose, 0 for the first and
 *                                      rejected ones
 * @param forwardSpeedMetersPerSec      lidar x velocity over the last interval (negative when reversing)
 * @param speedMetersPerSec             translation speed over the last interval, >= 0
 * @param yawRateRadPerSec              rotation rate about the lidar z axis over the last interval,
 *                                      counter-clockwise positive
 * @param correspondences               point pairs within the threshold in the last ICP iteration
 * @param thresholdMeters               the adaptive threshold sigma used; correspondences were searched within 3 sigma
 * @param iterations                    Gauss-Newton iterations run
 * @param converged                     whether the update norm fell below the convergence epsilon
 * @param quality                       how far to trust this estimate
 */
public record OdometryEstimate(long stampNanos, long poseTimeNanos, RigidTransform odomFromLidar, RigidTransform lastFromCurrent,
        long intervalNanos, double forwardSpeedMetersPerSec, double speedMetersPerSec, double yawRateRadPerSec,
        int correspondences, double thresholdMeters, int iterations, boolean converged, OdometryQuality quality) {

    public OdometryEstimate {
        Objects.requireNonNull(odomFromLidar, "odomFromLidar");
        Objects.requireNonNull(lastFromCurrent, "lastFromCurrent");
        Objects.requireNonNull(quality, "quality");
        if (intervalNanos < 0 || correspondences < 0 || iterations < 0) {
            throw new IllegalArgumentException("intervalNanos, correspondences and iterations must be >= 0, were "
                    + intervalNanos + ", " + correspondences + ", " + iterations);
        }
        if (!Double.isFinite(forwardSpeedMetersPerSec) || !(speedMetersPerSec >= 0)
                || !Double.isFinite(speedMetersPerSec) || !Double.isFinite(yawRateRadPerSec)
                || !(thresholdMeters >= 0)) {
            throw new IllegalArgumentException("odometry velocities must be finite, speed and threshold >= 0, were "
                    + forwardSpeedMetersPerSec + ", " + speedMetersPerSec + ", " + yawRateRadPerSec + ", "
                    + thresholdMeters);
        }
    }
}
