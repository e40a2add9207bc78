package org.avfusion.drivers.recorded.mcap;

import java.util.Objects;

/**
 * How an {@link McapReader} reads.
 *
 * @param order          which order messages come in
 * @param strict         true: every problem throws {@link McapFormatException}; false: a problem that spoils one
 *                       chunk (CRC mismatch, unknown compression, corrupt compressed data, a record that overruns
 *                       the chunk), one message (unknown channel) or the summary (its CRC, a bad record) is counted
 *                       in {@link McapReader#problems()} and reading goes on. Damage to the file's framing (a
 *                       truncated file) ends reading with an exception in both modes
 * @param verifyCrcs     check the chunk, data section and summary CRCs where the writer stored them (non-zero)
 * @param maxRecordBytes largest record read into memory (a chunk as stored, a message outside a chunk, the
 *                       summary), 1 KiB..2 GiB; a larger one is a problem, not an allocation
 * @param maxChunkBytes  largest decompressed chunk, 1 KiB..2 GiB
 */
public record McapReaderConfig(McapReadOrder order, boolean strict, boolean verifyCrcs, int maxRecordBytes,
        int maxChunkBytes) {

    /** Default limit on records and decompressed chunks: 256 MiB. */
    public static final int DEFAULT_MAX_BYTES = 256 << 20;

    public McapReaderConfig {
        Objects.requireNonNull(order, "order");
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("maxRecordBytes must be >= 1024, was " + maxRecordBytes);
        }
        if (maxChunkBytes < 1024) {
            throw new IllegalArgumentException("maxChunkBytes must be >= 1024, was " + maxChunkBytes);
        }
    }

    /** Log time order, lenient, CRCs checked, 256 MiB limits. */
    public static McapReaderConfig defaults() {
        return new McapReaderConfig(McapReadOrder.LOG_TIME, false, true, DEFAULT_MAX_BYTES, DEFAULT_MAX_BYTES);
    }

    /** File order, strict, CRCs checked: what a validator wants. */
    public static McapReaderConfig strictFileOrder() {
        return new McapReaderConfig(McapReadOrder.FILE, true, true, DEFAULT_MAX_BYTES, DEFAULT_MAX_BYTES);
    }

    public McapReaderConfig withOrder(McapReadOrder o) {
        return new McapReaderConfig(o, strict, verifyCrcs, maxRecordBytes, maxChunkBytes);
    }

    public McapReaderConfig withStrict(boolean on) {
        return new McapReaderConfig(order, on, verifyCrcs, maxRecordBytes, maxChunkBytes);
    }

    public McapReaderConfig withLimits(int recordBytes, int chunkBytes) {
        return new McapReaderConfig(order, strict, verifyCrcs, recordBytes, chunkBytes);
    }
}
