package org.avfusion.calibration.geometry;

/**
 * Where a sensor sits on the vehicle: translation from {@code base_link} (x forward, y left, z up, origin on
 * the ground below the rear axle) and roll/pitch/yaw (intrinsic Z-Y-X, radians).
 */
public record MountPose(
        double xMeters, double yMeters, double zMeters, double rollRad, double pitchRad, double yawRad) {

    public static final MountPose IDENTITY = new MountPose(0, 0, 0, 0, 0, 0);

    public MountPose {
        if (!Double.isFinite(xMeters) || !Double.isFinite(yMeters) || !Double.isFinite(zMeters)
                || !Double.isFinite(rollRad) || !Double.isFinite(pitchRad) || !Double.isFinite(yawRad)) {
            throw new IllegalArgumentException("mount pose has a non-finite value: " + xMeters + ", " + yMeters
                    + ", " + zMeters + ", " + rollRad + ", " + pitchRad + ", " + yawRad);
        }
    }

    /** A mount with translation only. */
    public static MountPose at(double xMeters, double yMeters, double zMeters) {
        return new MountPose(xMeters, yMeters, zMeters, 0, 0, 0);
    }
}
