package org.avfusion.drivers.recorded.ros2;

import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.rosbag.RosbagConfig;

/**
 * What to replay from an MCAP file of ROS 2 messages and how; the same knobs as {@link RosbagConfig} (whose
 * defaults it takes).
 *
 * @param topics          MCAP topic to sensor, e.g. {@code /fix -> gnss_main}; only these topics are replayed. A
 *                        topic's schema must be a {@link Ros2MessageType} of the sensor's kind; a channel whose
 *                        schema is not decodable is skipped and counted
 * @param timeBase        maps ROS time onto the vehicle time base; by default the header stamp of the first
 *                        replayed message is vehicle time 0
 * @param maxImageWidthPixels  widest image a pooled buffer holds
 * @param maxImageHeightPixels tallest image a pooled buffer holds
 * @param imageBuffers    most image buffers alive at once
 * @param maxCloudPoints  most points a pooled cloud holds
 * @param cloudBuffers    most cloud buffers alive at once
 * @param maxChunkBytes   largest chunk (stored or decompressed) the reader accepts; a larger one is counted and
 *                        skipped instead of allocated
 */
public record McapRos2Config(
        Map<String, SensorId> topics,
        RecordedTimeBase timeBase,
        int maxImageWidthPixels,
        int maxImageHeightPixels,
        int imageBuffers,
        int maxCloudPoints,
        int cloudBuffers,
        int maxChunkBytes) {

    public McapRos2Config {
        topics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                Objects.requireNonNull(topics, "topics"))); // in the order given: the sensors' order
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("topics: name at least one MCAP topic to replay, e.g. /fix -> gnss");
        }
        Objects.requireNonNull(timeBase, "timeBase");
        requireAtLeast("maxImageWidthPixels", maxImageWidthPixels, 1);
        requireAtLeast("maxImageHeightPixels", maxImageHeightPixels, 1);
        requireAtLeast("imageBuffers", imageBuffers, 1);
        requireAtLeast("maxCloudPoints", maxCloudPoints, 1);
        requireAtLeast("cloudBuffers", cloudBuffers, 1);
        requireAtLeast("maxChunkBytes", maxChunkBytes, 1024);
    }

    /** The given topics with {@link RosbagConfig#of}'s defaults. */
    public static McapRos2Config of(Map<String, SensorId> topics) {
        return from(RosbagConfig.of(topics));
    }

    /** The same topics, time base and limits as a bag's config. */
    public static McapRos2Config from(RosbagConfig bag) {
        return new McapRos2Config(bag.topics(), bag.timeBase(), bag.maxImageWidthPixels(),
                bag.maxImageHeightPixels(), bag.imageBuffers(), bag.maxCloudPoints(), bag.cloudBuffers(),
                bag.maxChunkBytes());
    }

    /** This config with another time base. */
    public McapRos2Config withTimeBase(RecordedTimeBase base) {
        return new McapRos2Config(topics, base, maxImageWidthPixels, maxImageHeightPixels, imageBuffers,
                maxCloudPoints, cloudBuffers, maxChunkBytes);
    }

    /** This config with other pool and chunk limits. */
    public McapRos2Config withLimits(int maxWidth, int maxHeight, int images, int cloudPoints, int clouds,
            int chunkBytes) {
        return new McapRos2Config(topics, timeBase, maxWidth, maxHeight, images, cloudPoints, clouds, chunkBytes);
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", was " + value);
        }
    }
}
