package org.avfusion.drivers.recorded.mcap;

import java.util.Objects;

/**
 * How an {@link McapWriter} lays out a file.
 *
 * @param profile         the Header's profile, e.g. {@code ros2} or empty
 * @param library         the Header's library string
 * @param compression     chunk compression
 * @param chunkSizeBytes  a chunk is closed once its uncompressed records reach this size, 1 KiB..1 GiB
 *                        (the MCAP CLI's default is 4 MiB; smaller chunks seek finer, larger ones compress better)
 * @param chunked         false writes messages straight into the data section (no chunks, no indexes): readable
 *                        only by a linear scan; for tests of readers and for streams that must not buffer
 * @param summary         false ends the file with DataEnd and a Footer without a summary section
 */
public record McapWriterConfig(String profile, String library, McapCompression compression, int chunkSizeBytes,
        boolean chunked, boolean summary) {

    /** The library string this writer puts in the Header. */
    public static final String LIBRARY = "avfusion mcap 0.1";
    /** Default chunk size: 4 MiB, as the MCAP CLI. */
    public static final int DEFAULT_CHUNK_BYTES = 4 << 20;

    public McapWriterConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(compression, "compression");
        if (chunkSizeBytes < 1024 || chunkSizeBytes > (1 << 30)) {
            throw new IllegalArgumentException("chunkSizeBytes must be in 1024..1073741824 (1 KiB..1 GiB), was "
                    + chunkSizeBytes);
        }
    }

    /** Chunked, indexed, with a summary; {@code profile} e.g. {@code ros2} or {@code ""}. */
    public static McapWriterConfig of(String profile, McapCompression compression) {
        return new McapWriterConfig(profile, LIBRARY, compression, DEFAULT_CHUNK_BYTES, true, true);
    }

    public McapWriterConfig withChunkSizeBytes(int bytes) {
        return new McapWriterConfig(profile, library, compression, bytes, chunked, summary);
    }

    public McapWriterConfig withChunked(boolean on) {
        return new McapWriterConfig(profile, library, compression, chunkSizeBytes, on, summary);
    }

    public McapWriterConfig withSummary(boolean on) {
        return new McapWriterConfig(profile, library, compression, chunkSizeBytes, chunked, on);
    }

    public McapWriterConfig withLibrary(String name) {
        return new McapWriterConfig(profile, name, compression, chunkSizeBytes, chunked, summary);
    }
}
