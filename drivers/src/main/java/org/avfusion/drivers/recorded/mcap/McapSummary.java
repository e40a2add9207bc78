package org.avfusion.drivers.recorded.mcap;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a file holds, either as its summary section says ({@link #fromSummarySection()}) or as a linear scan of its
 * data section counted it (a file without a summary, or whose summary could not be used).
 *
 * @param header              the Header record
 * @param statistics          the Statistics record; null when the summary section has none
 * @param schemas             schema id to schema, in id order
 * @param channels            channel id to channel, in id order
 * @param chunkIndexes        one per chunk, in file order (a scan fills them from the Chunk records, without
 *                            message index offsets)
 * @param attachmentIndexes   one per attachment
 * @param metadataIndexes     one per Metadata record
 * @param fromSummarySection  true when read from the summary section, false when counted by a scan
 */
public record McapSummary(
        McapHeader header,
        McapStatistics statistics,
        Map<Integer, McapSchema> schemas,
        Map<Integer, McapChannel> channels,
        List<McapChunkIndex> chunkIndexes,
        List<McapIndexEntry> attachmentIndexes,
        List<McapIndexEntry> metadataIndexes,
        boolean fromSummarySection) {

    public McapSummary {
        Objects.requireNonNull(header, "header");
        schemas = Collections.unmodifiableMap(new TreeMap<>(schemas));
        channels = Collections.unmodifiableMap(new TreeMap<>(channels));
        chunkIndexes = List.copyOf(chunkIndexes);
        attachmentIndexes = List.copyOf(attachmentIndexes);
        metadataIndexes = List.copyOf(metadataIndexes);
    }

    /** The schema of {@code channel}, or null for a schemaless channel or an unknown schema id. */
    public McapSchema schemaOf(McapChannel channel) {
        return channel.schemaId() == 0 ? null : schemas.get(channel.schemaId());
    }
}
