package org.avfusion.runtime.track;

/**
 * The ego's motion since the previous update: the pose of the base frame now, expressed in the base frame of the
 * previous update ({@code dx} forward, {@code dy} left, metres; {@code dyaw} counter-clockwise, radians). From
 * odometry or a pose source: {@code T_prev^-1 * T_now}.
 */
public record EgoMotion(double dxMeters, double dyMeters, double dyawRad) {
    /** No motion, or motion unknown (the tracker then tracks in the sensor frame). */
    public static final EgoMotion IDENTITY = new EgoMotion(0, 0, 0);

    public EgoMotion {
        if (!Double.isFinite(dxMeters) || !Double.isFinite(dyMeters) || !Double.isFinite(dyawRad)) {
            throw new IllegalArgumentException("ego motion must be finite, was (" + dxMeters + ", " + dyMeters + ", "
                    + dyawRad + ")");
        }
    }
}
