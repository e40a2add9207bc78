package org.avfusion.runtime.track;

/**
 * Where the tracker's ego motion comes from: called once per aligned set, in stamp order, it returns the motion of
 * base_link since the previous call. {@link DeadReckoning} integrates the set's speed and yaw rate; a pose filter
 * (e.g. an EKF over GNSS, IMU and wheel odometry) can take its place behind this interface.
 *
 * <p>Implementations are called from one stage thread only.
 */
public interface EgoMotionSource {
    /**
     * @param stampNanos          the set's reference stamp (vehicle time)
     * @param speedMetersPerSec   the set's speed, NaN when it has none
     * @param yawRateRadPerSec    the set's yaw rate, NaN when it has none
     * @return base_link's motion since the previous call ({@link EgoMotion#IDENTITY} on the first)
     */
    EgoMotion next(long stampNanos, double speedMetersPerSec, double yawRateRadPerSec);
}
