package org.avfusion.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.io.RigYamlReader;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.calibration.rig.RigSensor;
import org.avfusion.calibration.rig.SensorType;
import org.avfusion.drivers.frame.SensorKind;

/**
 * Binds a profile to the vehicle's rig file ({@code vehicle.rigFile}): every configured sensor must be in the rig with
 * the same type, or start-up stops with the rig file and the sensors that do not fit (the runtime does not fuse with a
 * wrong rig); the rig's lidar mount and per-sensor clock offsets then replace the profile's.
 */
public final class RigBinding {
    private RigBinding() {
    }

    /**
     * The profile with its rig applied, or unchanged when it names none.
     *
     * @param profileFolder the folder the profile was read from (the rig path is relative to it), or null for the
     *                      working directory
     * @throws IllegalArgumentException naming the rig file and field when it is missing, invalid or lacks a sensor
     */
    public static RuntimeConfig apply(RuntimeConfig config, Path profileFolder) {
        VehicleConfig v = config.vehicle();
        if (!v.hasRig()) {
            return config;
        }
        Path file = profileFolder == null ? Path.of(v.rigFile()) : profileFolder.resolve(v.rigFile());
        String problem = ProfileFiles.fileProblem(file);
        if (problem != null) {
            throw new ConfigException("vehicle.rigFile: rig file " + problem + ": " + file.toAbsolutePath().normalize()
                    + " (give a rig file such as config/rigs/kitti.yaml, relative to the profile's folder, or \"\" "
                    + "for none)");
        }
        Rig rig = RigYamlReader.read(file);
        return apply(config, rig, file.toString());
    }

    /** The profile with {@code rig} applied; {@code source} names the rig in messages. */
    public static RuntimeConfig apply(RuntimeConfig config, Rig rig, String source) {
        Map<String, SensorType> used = new LinkedHashMap<>();
        for (SensorConfig s : config.sensors()) {
            used.put(s.name(), typeOf(s.kind()));
        }
        try {
            rig.requireSensors(used, "the profile's sensors[]");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
        List<SensorConfig> sensors = new ArrayList<>();
        for (SensorConfig s : config.sensors()) {
            RigSensor r = rig.sensor(s.name());
            sensors.add(new SensorConfig(s.name(), s.kind(), r.clockOffset().offsetNanos() / 1e6, s.timeoutMillis(),
                    s.ringFullPolicy(), s.critical()));
        }
        RigidTransform lidar = rig.baseFromSensor(config.alignment().referenceSensor());
        double[] rpy = lidar.rollPitchYawRad();
        VehicleConfig v = config.vehicle();
        VehicleConfig.MountConfig mount = new VehicleConfig.MountConfig(lidar.txMeters(), lidar.tyMeters(),
                lidar.tzMeters(), Math.toDegrees(rpy[0]), Math.toDegrees(rpy[1]), Math.toDegrees(rpy[2]));
        VehicleConfig vehicle = new VehicleConfig(v.id(), v.lengthMeters(), v.widthMeters(), v.rearOverhangMeters(),
                mount, v.rigFile());
        return config.withVehicleAndSensors(vehicle, sensors);
    }

    private static SensorType typeOf(SensorKind kind) {
        return switch (kind) {
            case LIDAR -> SensorType.LIDAR;
            case CAMERA -> SensorType.CAMERA;
            case GNSS -> SensorType.GNSS;
            case IMU -> SensorType.IMU;
            case ODOMETRY -> SensorType.ODOMETRY;
        };
    }
}
