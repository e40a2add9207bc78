package org.avfusion.runtime.config;

import static org.avfusion.calibration.yaml.Bounds.*;

import org.avfusion.calibration.geometry.MountPose;

/**
 * The vehicle: its id (MQTT topics), body and where the reference lidar sits.
 *
 * @param id                   vehicle id, {@code [a-z0-9_-]+}; topics are {@code avfusion/<id>/...}
 * @param lengthMeters         body length
 * @param widthMeters          body width
 * @param rearOverhangMeters   body behind base_link (rear axle)
 * @param lidarMount           the reference lidar's mount on base_link
 * @param rigFile              the vehicle's rig file (config/rigs/*.yaml), relative to the profile's folder; when
 *                             given, every configured sensor must be in it, and its lidar mount and clock offsets
 *                             replace the profile's; empty for none
 */
public record VehicleConfig(
        String id, double lengthMeters, double widthMeters, double rearOverhangMeters, MountConfig lidarMount,
        String rigFile) {

    /** Without a rig file: mounts and clock offsets come from the profile. */
    public VehicleConfig(String id, double lengthMeters, double widthMeters, double rearOverhangMeters,
            MountConfig lidarMount) {
        this(id, lengthMeters, widthMeters, rearOverhangMeters, lidarMount, "");
    }

    /** This vehicle under another id (checked as {@code vehicle.id} is), e.g. one per test run on a shared broker. */
    public VehicleConfig withId(String otherId) {
        return new VehicleConfig(otherId, lengthMeters, widthMeters, rearOverhangMeters, lidarMount, rigFile);
    }

    public VehicleConfig {
        required("vehicle.id", id, "sim01");
        if (!id.matches("[a-z0-9_-]{1,64}")) {
            throw new ConfigException("vehicle.id must match [a-z0-9_-]{1,64} (it is an MQTT topic level), was '" + id + "'");
        }
        requirePositive("vehicle.lengthMeters", lengthMeters, 30, "m");
        requirePositive("vehicle.widthMeters", widthMeters, 10, "m");
        requireNonNegative("vehicle.rearOverhangMeters", rearOverhangMeters, 30, "m");
        if (rearOverhangMeters >= lengthMeters) {
            throw new ConfigException("vehicle.rearOverhangMeters (" + rearOverhangMeters
                    + ") must be < vehicle.lengthMeters (" + lengthMeters + ")");
        }
        required("vehicle.lidarMount", lidarMount, "{xMeters: 1.2, yMeters: 0, zMeters: 1.8, rollDeg: 0, pitchDeg: 0, yawDeg: 0}");
        rigFile = rigFile == null ? "" : rigFile.strip();
    }

    /** True when the profile names a rig file (see {@code RigBinding}). */
    public boolean hasRig() {
        return !rigFile.isEmpty();
    }

    /** base_link to the front bumper. */
    public double frontOverhangMeters() {
        return lengthMeters - rearOverhangMeters;
    }

    /**
     * A mount in config units: metres and degrees.
     */
    public record MountConfig(double xMeters, double yMeters, double zMeters, double rollDeg, double pitchDeg,
            double yawDeg) {
        public MountConfig {
            requireInRange("vehicle.lidarMount.xMeters", xMeters, -50, 50, "m");
            requireInRange("vehicle.lidarMount.yMeters", yMeters, -50, 50, "m");
            requireInRange("vehicle.lidarMount.zMeters", zMeters, -50, 50, "m");
            requireInRange("vehicle.lidarMount.rollDeg", rollDeg, -360, 360, "degrees");
            requireInRange("vehicle.lidarMount.pitchDeg", pitchDeg, -360, 360, "degrees");
            requireInRange("vehicle.lidarMount.yawDeg", yawDeg, -360, 360, "degrees");
        }

        public MountPose toPose() {
            return new MountPose(xMeters, yMeters, zMeters, Math.toRadians(rollDeg), Math.toRadians(pitchDeg),
                    Math.toRadians(yawDeg));
        }

        public static MountConfig of(MountPose p) {
            return new MountConfig(p.xMeters(), p.yMeters(), p.zMeters(), Math.toDegrees(p.rollRad()),
                    Math.toDegrees(p.pitchRad()), Math.toDegrees(p.yawRad()));
        }
    }
}
