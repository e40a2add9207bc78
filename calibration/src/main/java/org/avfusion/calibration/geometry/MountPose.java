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

    /**
     * Written out with the record's contract (components compared as {@link Double#compare} does): the generated one
     * is bound through method handles on its first call, at start-up (see {@code SensorId.equals}).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MountPose p && Double.compare(xMeters, p.xMeters) == 0
                && Double.compare(yMeters, p.yMeters) == 0 && Double.compare(zMeters, p.zMeters) == 0
                && Double.compare(rollRad, p.rollRad) == 0 && Double.compare(pitchRad, p.pitchRad) == 0
                && Double.compare(yawRad, p.yawRad) == 0;
    }

    @Override
    public int hashCode() {
        int h = Double.hashCode(xMeters);
        h = 31 * h + Double.hashCode(yMeters);
        h = 31 * h + Double.hashCode(zMeters);
        h = 31 * h + Double.hashCode(rollRad);
        h = 31 * h + Double.hashCode(pitchRad);
        return 31 * h + Double.hashCode(yawRad);
    }

    /** A mount with translation only. */
    public static MountPose at(double xMeters, double yMeters, double zMeters) {
        return new MountPose(xMeters, yMeters, zMeters, 0, 0, 0);
    }
}
