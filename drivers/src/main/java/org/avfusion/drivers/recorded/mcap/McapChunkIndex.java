package org.avfusion.drivers.recorded.mcap;

import java.util.Map;
import java.util.Objects;

/**
 * A Chunk Index record: where a chunk and its message indexes are, and what it holds.
 *
 * @param messageStartNanos    earliest log time in the chunk
 * @param messageEndNanos      latest log time in the chunk
 * @param chunkStartOffset     byte offset of the Chunk record from the start of the file
 * @param chunkLength          byte length of the Chunk record, opcode and length included
 * @param messageIndexOffsets  channel id to the offset of its Message Index record after the chunk
 * @param messageIndexLength   bytes of all Message Index records after the chunk
 * @param compression          the chunk's compression string ({@code ""}, {@code zstd}, {@code lz4}, or another)
 * @param compressedSize       bytes of the chunk's {@code records} field as stored
 * @param uncompressedSize     bytes of the records once decompressed
 */
public record McapChunkIndex(
        long messageStartNanos,
        long messageEndNanos,
        long chunkStartOffset,
        long chunkLength,
        Map<Integer, Long> messageIndexOffsets,
        long messageIndexLength,
        String compression,
        long compressedSize,
        long uncompressedSize) {

    public McapChunkIndex {
        messageIndexOffsets = Map.copyOf(Objects.requireNonNull(messageIndexOffsets, "messageIndexOffsets"));
        Objects.requireNonNull(compression, "compression");
    }
}
