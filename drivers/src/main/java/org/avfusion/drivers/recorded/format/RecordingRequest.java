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
 *                    {@code timestamps.txt}), in [{@link #MIN_RATE_HZ}, {@link #MAX_RATE_HZ}]
 * @param topics      ROS bag topic to sensor name, e.g. {@code /fix -> gps}; empty: map each topic of a replayable
 *                    type to the sensor of its kind in {@code sensorNames} when that kind has one topic only
 * @param cloudBuffers pooled point clouds per lidar stream, >= 1
 * @param imageBuffers pooled images per camera stream, >= 1
 * @param decodeImagePixels true (the default): camera frames carry their decoded pixels; false: the replay has no
 *                    consumer of pixels, and a format that can tell an image's size without decoding it (KITTI raw's
 *                    PNGs, from their header) publishes each camera frame with its stamp and size but without pixels
 *                    ({@link org.avfusion.drivers.frame.CameraImage#hasPixels()} false, its {@code pixels()} throws);
 *                    formats that cannot (bags, MCAP, video) decode as before. Set false only when nothing downstream
 *                    reads pixels.
 */
public record RecordingRequest(Map<SensorKind, String> sensorNames, double rateHz, Map<String, String> topics,
        int cloudBuffers, int imageBuffers, boolean decodeImagePixels) {
    /** Rate of KITTI's synced frames and of most spinning lidars. */
    public static final double NOMINAL_RATE_HZ = 10.0;
    /**
     * Slowest rate a recording without timestamps is replayed at: a frame every 10 s. Between two frames the
     * pipeline keeps its clock and fails safe on the sensor's time-out (a STOP every few hundred ms), so a rate of
     * 0.001 Hz made 20 sweeps a 5.5-hour drive of time-outs that never ended as fast as possible.
     */
    public static final double MIN_RATE_HZ = 0.1;
    /** Fastest such rate. */
    public static final double MAX_RATE_HZ = 1000;

    public RecordingRequest {
        sensorNames = Map.copyOf(Objects.requireNonNull(sensorNames, "sensorNames"));
        topics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                Objects.requireNonNull(topics, "topics"))); // in the order given (--topic): the sensors' order
        if (!(rateHz >= MIN_RATE_HZ && rateHz <= MAX_RATE_HZ)) {
            throw new IllegalArgumentException("rateHz must be in [" + MIN_RATE_HZ + ", " + (int) MAX_RATE_HZ
                    + "] Hz, was " + rateHz);
        }
        if (cloudBuffers < 1 || imageBuffers < 1) {
            throw new IllegalArgumentException("cloudBuffers and imageBuffers must be >= 1, were " + cloudBuffers
                    + " and " + imageBuffers);
        }
    }

    /** As the canonical constructor, {@code poolBuffers} clouds and images per stream, image pixels decoded. */
    public RecordingRequest(Map<SensorKind, String> sensorNames, double rateHz, Map<String, String> topics,
            int poolBuffers) {
        this(sensorNames, rateHz, topics, poolBuffers, poolBuffers, true);
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
        return new RecordingRequest(sensorNames, hz, topics, cloudBuffers, imageBuffers, decodeImagePixels);
    }

    public RecordingRequest withTopics(Map<String, String> t) {
        return new RecordingRequest(sensorNames, rateHz, t, cloudBuffers, imageBuffers, decodeImagePixels);
    }

    /** This request with {@code buffers} pooled point clouds per lidar stream. */
    public RecordingRequest withCloudBuffers(int buffers) {
        return new RecordingRequest(sensorNames, rateHz, topics, buffers, imageBuffers, decodeImagePixels);
    }

    /** This request with camera pixels decoded ({@code true}) or, where the format can, left undecoded. */
    public RecordingRequest withDecodeImagePixels(boolean decode) {
        return new RecordingRequest(sensorNames, rateHz, topics, cloudBuffers, imageBuffers, decode);
    }

    public long periodNanos() {
        return Math.round(1e9 / rateHz);
    }
}
