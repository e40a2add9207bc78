package org.avfusion.runtime.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.avfusion.runtime.config.VehicleConfig;

/**
 * The part of the runtime config that describes the rig a recording was made on (per-sensor clock offsets, the
 * vehicle's body and lidar mount), kept in the recording's Metadata record {@value #NAME} so a replay of the
 * recording can run with the rig it was recorded with (a simulated drive adapts the profile to its own rig).
 * Stateless.
 */
public final class RecordedProfile {
    /** The MCAP Metadata record's name. */
    public static final String NAME = org.avfusion.runtime.output.record.Recorder.RIG_METADATA;

    private RecordedProfile() {
    }

    /** Opens what {@code request} asks for a pipeline of {@code config}, its rig written as metadata. */
    public static org.avfusion.runtime.output.record.Recorder open(
            org.avfusion.runtime.output.record.RecordRequest request, RuntimeConfig config) {
        SensorConfig ref = config.sensors().get(config.referenceIndex());
        return request.open(config.sensors().stream().map(SensorConfig::id).toList(),
                config.vehicle().lidarMount().toPose(), ref.name(), metadata(config));
    }

    public static Map<String, String> metadata(RuntimeConfig config) {
        Map<String, String> m = new LinkedHashMap<>();
        VehicleConfig v = config.vehicle();
        m.put("vehicle.id", v.id());
        m.put("vehicle.lengthMeters", Double.toString(v.lengthMeters()));
        m.put("vehicle.widthMeters", Double.toString(v.widthMeters()));
        m.put("vehicle.rearOverhangMeters", Double.toString(v.rearOverhangMeters()));
        VehicleConfig.MountConfig l = v.lidarMount();
        m.put("vehicle.lidarMount", l.xMeters() + "," + l.yMeters() + "," + l.zMeters() + "," + l.rollDeg() + ","
                + l.pitchDeg() + "," + l.yawDeg());
        for (SensorConfig s : config.sensors()) {
            m.put("sensor." + s.name() + ".clockOffsetMillis", Double.toString(s.clockOffsetNanos() / 1e6));
        }
        return m;
    }

    /**
     * {@code config} with the recorded rig: clock offsets of the sensors it names, the vehicle body and lidar mount.
     *
     * @throws ConfigException naming the key when a value does not parse
     */
    public static RuntimeConfig apply(RuntimeConfig config, Map<String, String> recorded) {
        if (recorded == null || recorded.isEmpty()) {
            return config;
        }
        try {
            List<SensorConfig> sensors = new ArrayList<>();
            for (SensorConfig s : config.sensors()) {
                String off = recorded.get("sensor." + s.name() + ".clockOffsetMillis");
                sensors.add(off == null ? s : new SensorConfig(s.name(), s.kind(), Double.parseDouble(off),
                        s.timeoutMillis(), s.ringFullPolicy(), s.critical()));
            }
            VehicleConfig v = config.vehicle();
            String[] mount = recorded.getOrDefault("vehicle.lidarMount", "").split(",");
            VehicleConfig.MountConfig lidar = mount.length == 6 ? new VehicleConfig.MountConfig(
                    Double.parseDouble(mount[0]), Double.parseDouble(mount[1]), Double.parseDouble(mount[2]),
                    Double.parseDouble(mount[3]), Double.parseDouble(mount[4]), Double.parseDouble(mount[5]))
                    : v.lidarMount();
            VehicleConfig vehicle = new VehicleConfig(v.id(),
                    number(recorded, "vehicle.lengthMeters", v.lengthMeters()),
                    number(recorded, "vehicle.widthMeters", v.widthMeters()),
                    number(recorded, "vehicle.rearOverhangMeters", v.rearOverhangMeters()), lidar);
            return config.withVehicleAndSensors(vehicle, sensors);
        } catch (NumberFormatException e) {
            throw new ConfigException("recording metadata " + NAME + ": " + e.getMessage());
        }
    }

    private static double number(Map<String, String> m, String key, double fallback) {
        String v = m.get(key);
        return v == null ? fallback : Double.parseDouble(v);
    }
}
