package org.avfusion.drivers.recorded.mcap;

import java.util.Map;
import java.util.Objects;

/** A Metadata record: a name and key-value pairs (rosbag2 writes {@code rosbag2} with the bag's description). */
public record McapMetadata(String name, Map<String, String> metadata) {
    public McapMetadata {
        Objects.requireNonNull(name, "name");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }
}
