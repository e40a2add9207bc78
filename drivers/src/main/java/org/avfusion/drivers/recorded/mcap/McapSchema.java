package org.avfusion.drivers.recorded.mcap;

import java.util.Objects;

/**
 * A Schema record.
 *
 * @param id       unique in the file, 1..65535 (0 means "no schema" and is never a record)
 * @param name     e.g. {@code sensor_msgs/msg/Imu}
 * @param encoding e.g. {@code ros2msg}, {@code jsonschema}; empty when no schema is available
 * @param data     the schema text or bytes; shared, do not modify
 */
public record McapSchema(int id, String name, String encoding, byte[] data) {
    public McapSchema {
        if (id < 1 || id > 0xFFFF) {
            throw new IllegalArgumentException("schema id must be in 1..65535, was " + id);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(data, "data");
    }
}
