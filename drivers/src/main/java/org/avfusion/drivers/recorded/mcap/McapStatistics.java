package org.avfusion.drivers.recorded.mcap;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Statistics record of a summary (or the same numbers counted by a linear scan).
 *
 * @param messageCount          Message records in the file
 * @param schemaCount           distinct schema ids
 * @param channelCount          distinct channel ids
 * @param attachmentCount       Attachment records
 * @param metadataCount         Metadata records
 * @param chunkCount            Chunk records
 * @param messageStartNanos     earliest message log time, 0 without messages
 * @param messageEndNanos       latest message log time, 0 without messages
 * @param channelMessageCounts  channel id to its message count, in id order; empty when the writer did not count
 */
public record McapStatistics(
        long messageCount,
        int schemaCount,
        long channelCount,
        long attachmentCount,
        long metadataCount,
        long chunkCount,
        long messageStartNanos,
        long messageEndNanos,
        Map<Integer, Long> channelMessageCounts) {

    public McapStatistics {
        channelMessageCounts = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(channelMessageCounts,
                "channelMessageCounts")));
    }
}
