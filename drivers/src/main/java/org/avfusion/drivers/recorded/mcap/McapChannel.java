package org.avfusion.drivers.recorded.mcap;

import java.util.Map;
import java.util.Objects;

/**
 * A Channel record.
 *
 * @param id              unique in the file, 0..65535
 * @param schemaId        the schema of its messages, or 0 for none
 * @param topic           e.g. {@code /imu}
 * @param messageEncoding e.g. {@code cdr}, {@code json}
 * @param metadata        free key-value pairs (rosbag2 puts the QoS profiles here)
 */
public record McapChannel(int id, int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {
    public McapChannel {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("channel id must be in 0..65535, was " + id);
        }
        if (schemaId < 0 || schemaId > 0xFFFF) {
            throw new IllegalArgumentException("schema id must be in 0..65535, was " + schemaId);
        }
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(messageEncoding, "messageEncoding");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }
}
