package org.avfusion.runtime.track;

/**
 * Ego motion from speed and yaw rate alone: the arc driven since the previous stamp at the mean of the two stamps'
 * speeds and yaw rates (exact for a circular arc at constant speed, and for constant acceleration along a line). A set without ego motion holds the last
 * values; before any, the ego is taken to stand still. Not thread-safe.
 */
public final class DeadReckoning implements EgoMotionSource {
    private long lastStamp = Long.MIN_VALUE;
    private double speed;
    private double yawRate;

    @Override
    public EgoMotion next(long stampNanos, double speedMetersPerSec, double yawRateRadPerSec) {
        EgoMotion m = EgoMotion.IDENTITY;
        boolean known = Double.isFinite(speedMetersPerSec) && Double.isFinite(yawRateRadPerSec);
        if (lastStamp != Long.MIN_VALUE && stampNanos > lastStamp) {
            // the mean of the two ends' speed and yaw rate: exact for constant acceleration (the previous end alone
            // under-ran the ego by a * dt^2 / 2 when it sped up, and every track's velocity took the error)
            double v = known ? (speed + speedMetersPerSec) / 2 : speed;
            double w = known ? (yawRate + yawRateRadPerSec) / 2 : yawRate;
            m = arc(v, w, (stampNanos - lastStamp) * 1e-9);
        }
        if (known) {
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
