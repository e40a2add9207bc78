package org.avfusion.drivers.frame;

/**
 * The vehicle's own motion as its odometry reports it, in the vehicle frame (REP 103: x forward, z up, yaw rate
 * counter-clockwise positive): wheel encoders, the CAN speed signal, or a ROS {@code nav_msgs/Odometry} /
 * {@code geometry_msgs/TwistStamped} topic. The ego-motion filter fuses it as an odometry twist.
 *
 * @param forwardSpeedMetersPerSec speed along x, m/s (negative when reversing)
 * @param yawRateRadPerSec         angular velocity about z, rad/s; {@code NaN} when the source has no yaw rate
 *                                 (a plain speed signal)
 */
public record TwistSample(double forwardSpeedMetersPerSec, double yawRateRadPerSec) implements Payload {

    public TwistSample {
        if (!Double.isFinite(forwardSpeedMetersPerSec) || Double.isInfinite(yawRateRadPerSec)) {
            throw new IllegalArgumentException("odometry twist has a non-finite value: forward speed "
                    + forwardSpeedMetersPerSec + " m/s, yaw rate " + yawRateRadPerSec + " rad/s");
        }
    }

    /** Whether the source gave a yaw rate. */
    public boolean hasYawRate() {
        return !Double.isNaN(yawRateRadPerSec);
    }

    @Override
    public SensorKind kind() {
        return SensorKind.ODOMETRY;
    }
}
