package org.avfusion.runtime.track;

/**
 * Ego motion from speed and yaw rate alone: the arc driven at the last known speed and yaw rate since the previous
 * stamp (constant turn rate and velocity; exact for a circular arc). A set without ego motion holds the last
 * values; before any, the ego is taken to stand still. Not thread-safe.
 */
public final class DeadReckoning implements EgoMotionSource {
    private long lastStamp = Long.MIN_VALUE;
    private double speed;
    private double yawRate;

    @Override
    public EgoMotion next(long stampNanos, double speedMetersPerSec, double yawRateRadPerSec) {
        EgoMotion m = EgoMotion.IDENTITY;
        if (lastStamp != Long.MIN_VALUE && stampNanos > lastStamp) {
            m = arc(speed, yawRate, (stampNanos - lastStamp) * 1e-9);
        }
        if (Double.isFinite(speedMetersPerSec) && Double.isFinite(yawRateRadPerSec)) {
            speed = speedMetersPerSec;
            yawRate = yawRateRadPerSec;
        }
        lastStamp = Math.max(lastStamp, stampNanos);
        return m;
    }

    /** Pose after {@code dt} seconds on an arc of speed {@code v} and yaw rate {@code w}, in the start frame. */
    static EgoMotion arc(double v, double w, double dt) {
        double dyaw = w * dt;
        if (Math.abs(dyaw) < 1e-9) {
            return new EgoMotion(v * dt, 0, dyaw);
        }
        double r = v / w;
        return new EgoMotion(r * Math.sin(dyaw), r * (1 - Math.cos(dyaw)), dyaw);
    }
}
