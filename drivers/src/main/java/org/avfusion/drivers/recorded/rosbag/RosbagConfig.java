package org.avfusion.drivers.recorded.rosbag;

import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.recorded.RecordedTimeBase;

/**
 * What to replay from a ROS 1 bag and how.
 *
 * @param topics          bag topic to sensor, e.g. {@code /fix -> gnss_main}; only these topics are replayed. Each
 *                        topic's message type must be one of {@link RosMessageKind} of the sensor's kind
 * @param timeBase        maps ROS time onto the vehicle time base; with {@link RecordedTimeBase#firstStampAt(long)}
 *                        the header stamp of the first replayed message is the origin
 * @param maxImageWidthPixels  widest image a pooled buffer holds
 * @param maxImageHeightPixels tallest image a pooled buffer holds
 * @param imageBuffers    most image buffers alive at once (per source)
 * @param maxCloudPoints  most points a pooled cloud holds
 * @param cloudBuffers    most cloud buffers alive at once (per source)
 * @param maxChunkBytes   largest decompressed chunk accepted; a chunk header claiming more is counted as corrupt
 *                        instead of allocated
 */
public record RosbagConfig(
        Map<String, SensorId> topics,
        RecordedTimeBase timeBase,
        int maxImageWidthPixels,
        int maxImageHeightPixels,
        int imageBuffers,
        int maxCloudPoints,
        int cloudBuffers,
        int maxChunkBytes) {

    /** Default largest decompressed chunk: 256 MiB (rosbag's default chunk is 768 KiB; a huge message gets its own). */
    public static final int DEFAULT_MAX_CHUNK_BYTES = 256 << 20;

    public RosbagConfig {
        topics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                Objects.requireNonNull(topics, "topics"))); // in the order given: the sensors' order
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("topics: name at least one bag topic to replay, e.g. /fix -> gnss");
        }
        Objects.requireNonNull(timeBase, "timeBase");
        requirePositive("maxImageWidthPixels", maxImageWidthPixels);
        requirePositive("maxImageHeightPixels", maxImageHeightPixels);
        requirePositive("imageBuffers", imageBuffers);
        requirePositive("maxCloudPoints", maxCloudPoints);
        requirePositive("cloudBuffers", cloudBuffers);
        requirePositive("maxChunkBytes", maxChunkBytes);
    }

    /**
     * The given topics, first header stamp at vehicle time 0, buffers for 1920x1080 images and 131,072-point
     * clouds, two of each, chunks up to {@link #DEFAULT_MAX_CHUNK_BYTES}.
     */
    public static RosbagConfig of(Map<String, SensorId> topics) {
        return new RosbagConfig(topics, RecordedTimeBase.firstStampAt(0), 1920, 1080, 2, 131_072, 2,
                DEFAULT_MAX_CHUNK_BYTES);
    }

    /** This config with another time base. */
    public RosbagConfig withTimeBase(RecordedTimeBase base) {
        return new RosbagConfig(topics, base, maxImageWidthPixels, maxImageHeightPixels, imageBuffers, maxCloudPoints,
                cloudBuffers, maxChunkBytes);
    }

    /** This config with other pool and chunk limits. */
    public RosbagConfig withLimits(int maxWidth, int maxHeight, int images, int cloudPoints, int clouds,
            int chunkBytes) {
        return new RosbagConfig(topics, timeBase, maxWidth, maxHeight, images, cloudPoints, clouds, chunkBytes);
    }

    private static void requirePositive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, was " + value);
        }
    }
}
