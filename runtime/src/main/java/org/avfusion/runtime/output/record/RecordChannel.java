package org.avfusion.runtime.output.record;

import java.util.Map;
import java.util.Objects;

/**
 * One channel of a recording or live view: topic, schema (name and JSON Schema text) and metadata. Message encoding
 * is always JSON.
 *
 * @param index position in the recorder's channel list (what {@link ChannelSink#write} is given)
 */
public record RecordChannel(int index, String topic, String schemaName, byte[] schema, Map<String, String> metadata) {
    public RecordChannel {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(schemaName, "schemaName");
        Objects.requireNonNull(schema, "schema");
        metadata = Map.copyOf(metadata);
    }
}
