package org.avfusion.drivers.recorded.foxglove;

import java.util.LinkedHashMap;
import java.util.Map;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;

/**
 * How a sensor's frames are laid out on MCAP channels in our recordings: topic {@code /sensors/NAME}, the schema of
 * its kind, and channel metadata naming the sensor and its kind (what {@link McapRecordingSource} reads back).
 * Stateless.
 */
public final class InputChannels {
    /** Channel metadata key: the sensor's name. */
    public static final String META_SENSOR = "avfusion.sensor";
    /** Channel metadata key: the sensor's {@link SensorKind}. */
    public static final String META_KIND = "avfusion.kind";
    /** Channel metadata key on every channel: {@code input} or {@code output}. */
    public static final String META_ROLE = "avfusion.role";

    private InputChannels() {
    }

    public static String topic(SensorId sensor) {
        return "/sensors/" + sensor.name();
    }

    /** The schema name of frames of {@code kind}. */
    public static String schemaName(SensorKind kind) {
        return switch (kind) {
            case LIDAR -> FoxgloveSchemas.POINT_CLOUD;
            case CAMERA -> FoxgloveSchemas.COMPRESSED_IMAGE;
            case GNSS -> FoxgloveSchemas.LOCATION_FIX;
            case IMU -> FoxgloveSchemas.IMU;
            case ODOMETRY -> FoxgloveSchemas.TWIST;
        };
    }

    public static Map<String, String> metadata(SensorId sensor) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(META_ROLE, "input");
        m.put(META_SENSOR, sensor.name());
        m.put(META_KIND, sensor.kind().name());
        return m;
    }

    /** The sensor an input channel carries, or null when the metadata does not name one. */
    public static SensorId sensorOf(Map<String, String> metadata) {
        String name = metadata.get(META_SENSOR);
        String kind = metadata.get(META_KIND);
        if (name == null || kind == null) {
            return null;
        }
        try {
            return new SensorId(name, SensorKind.valueOf(kind));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
