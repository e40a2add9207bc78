package org.avfusion.scenarios.sim.world;

/**
 * Speed as a piecewise-linear function of time through keyframes (constant acceleration between two
 * keyframes), held constant before the first and after the last keyframe. Distance travelled is the exact
 * integral. Units: seconds, metres, metres per second.
 *
 * <p>Immutable and thread-safe; lookups do not allocate.
 */
public final class SpeedProfile {
    private final double[] timeSeconds;
    private final double[] speedMetersPerSecond;
    private final double[] distanceMeters;

    /**
     * @param timeSeconds           keyframe times, strictly increasing
     * @param speedMetersPerSecond  speed at each keyframe, >= 0
     */
    public SpeedProfile(double[] timeSeconds, double[] speedMetersPerSecond) {
        if (timeSeconds.length == 0 || timeSeconds.length != speedMetersPerSecond.length) {
            throw new IllegalArgumentException("a speed profile needs at least one keyframe, one speed per time");
        }
        this.timeSeconds = timeSeconds.clone();
        this.speedMetersPerSecond = speedMetersPerSecond.clone();
        distanceMeters = new double[timeSeconds.length];
        for (int i = 0; i < timeSeconds.length; i++) {
            if (!(speedMetersPerSecond[i] >= 0) || !Double.isFinite(speedMetersPerSecond[i])) {
                throw new IllegalArgumentException("keyframe " + i + ": speed must be >= 0 m/s, was "
                        + speedMetersPerSecond[i]);
            }
            if (i > 0) {
                if (!(timeSeconds[i] > timeSeconds[i - 1])) {
                    throw new IllegalArgumentException("keyframe " + i + ": times must increase, " + timeSeconds[i]
                            + " s follows " + timeSeconds[i - 1] + " s");
                }
                distanceMeters[i] = distanceMeters[i - 1] + 0.5 * (speedMetersPerSecond[i] + speedMetersPerSecond[i - 1])
                        * (timeSeconds[i] - timeSeconds[i - 1]);
            }
        }
    }

    /** A constant speed. */
    public static SpeedProfile constant(double speedMetersPerSecond) {
        return new SpeedProfile(new double[] {0}, new double[] {speedMetersPerSecond});
    }

    public double speedAt(double tSeconds) {
        int i = segment(tSeconds);
        if (i < 0) {
            return speedMetersPerSecond[0];
        }
        if (i >= timeSeconds.length - 1) {
            return speedMetersPerSecond[timeSeconds.length - 1];
        }
        return speedMetersPerSecond[i] + accel(i) * (tSeconds - timeSeconds[i]);
    }

    /** Acceleration, m/s^2 (the rate of the keyframe interval containing {@code tSeconds}). */
    public double accelAt(double tSeconds) {
        int i = segment(tSeconds);
        return i < 0 || i >= timeSeconds.length - 1 ? 0 : accel(i);
    }

    /** Distance travelled since time 0 (negative before 0), metres. */
    public double distanceAt(double tSeconds) {
        return rawDistance(tSeconds) - rawDistance(0);
    }

    private double rawDistance(double t) {
        int i = segment(t);
        int last = timeSeconds.length - 1;
        if (i < 0) {
            return speedMetersPerSecond[0] * (t - timeSeconds[0]);
        }
        if (i >= last) {
            return distanceMeters[last] + speedMetersPerSecond[last] * (t - timeSeconds[last]);
        }
        double dt = t - timeSeconds[i];
        return distanceMeters[i] + speedMetersPerSecond[i] * dt + 0.5 * accel(i) * dt * dt;
    }

    private double accel(int i) {
        return (speedMetersPerSecond[i + 1] - speedMetersPerSecond[i]) / (timeSeconds[i + 1] - timeSeconds[i]);
    }

    /** Index of the keyframe at or before t; -1 before the first. */
    private int segment(double t) {
        if (t < timeSeconds[0]) {
            return -1;
        }
        int i = timeSeconds.length - 1;
        while (timeSeconds[i] > t) {
            i--;
        }
        return i;
    }
}
