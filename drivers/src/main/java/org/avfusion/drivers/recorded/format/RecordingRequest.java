package org.avfusion.drivers.recorded.format;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;

/**
 * What the replay asks of a recording.
 *
 * @param sensorNames the sensor a recording's stream of each kind is published as, unless the format names its
 *                    sensors itself (KITTI raw uses its rig's names; a bag's topics and a drive manifest name them)
 * @param rateHz      frame rate of recordings without timestamps (folders of sweeps, KITTI synced folders without
 *                    {@code timestamps.txt}), in (0, 1000]
 * @param topics      ROS bag topic to sensor name, e.g. {@code /fix -> gps}; empty: map each topic of a replayable
 *                    type to the sensor of its kind in {@code sensorNames} when that kind has one topic only
 * @param poolBuffers pooled buffers per stream (images, clouds), >= 1
 */
public record RecordingRequest(Map<SensorKind, String> sensorNames, double rateHz, Map<String, String> topics,
        int poolBuffers) {
    /** Rate of KITTI's synced frames and of most spinning lidars. */
    public static final double NOMINAL_RATE_HZ = 10.0;

    public RecordingRequest {
        sensorNames = Map.copyOf(Objects.requireNonNull(sensorNames, "sensorNames"));
        topics = Map.copyOf(Objects.requireNonNull(topics, "topics"));
        if (!(rateHz > 0 && rateHz <= 1000)) {
            throw new IllegalArgumentException("rateHz must be in (0, 1000], was " + rateHz);
        }
        if (poolBuffers < 1) {
            throw new IllegalArgumentException("poolBuffers must be >= 1, was " + poolBuffers);
        }
    }

    /** Sensors {@code lidar_top}, {@code camera_front}, {@code gnss}, {@code imu} (the default profile's) and
     * {@code odometry}, 10 Hz. */
    public static RecordingRequest defaults() {
        Map<SensorKind, String> names = new EnumMap<>(SensorKind.class);
        names.put(SensorKind.LIDAR, "lidar_top");
        names.put(SensorKind.CAMERA, "camera_front");
        names.put(SensorKind.GNSS, "gnss");
        names.put(SensorKind.IMU, "imu");
        names.put(SensorKind.ODOMETRY, "odometry");
        return new RecordingRequest(names, NOMINAL_RATE_HZ, Map.of(), 8);
    }

    /** The sensor a stream of {@code kind} is published as (falls back to the kind's name in lower case). */
    public SensorId sensor(SensorKind kind) {
        return new SensorId(sensorNames.getOrDefault(kind, kind.name().toLowerCase(java.util.Locale.ROOT)), kind);
    }

    public RecordingRequest withRateHz(double hz) {
        return new RecordingRequest(sensorNames, hz, topics, poolBuffers);
    }

    public RecordingRequest withTopics(Map<String, String> t) {
        return new RecordingRequest(sensorNames, rateHz, t, poolBuffers);
    }

    public long periodNanos() {
        return Math.round(1e9 / rateHz);
    }
}
