package org.avfusion.runtime.output.record;

import org.avfusion.drivers.recorded.mcap.McapCompression;

/**
 * Recording settings.
 *
 * @param queueMessages  messages waiting for the writer thread before new ones are dropped, in [16, 1,000,000]
 * @param queueBytes     bytes waiting (copied clouds and images) before new messages are dropped, in [1 MiB, 16 GiB]
 * @param maxFileBytes   a directory recording starts a new file after this many bytes, in [1 MiB, 1 TiB]
 * @param maxFileSeconds a directory recording starts a new file after this much wall time, in [1, 86,400] s
 * @param minFreeBytes   recording stops when the file system has less than this free, in [0, 1 TiB]
 * @param jpegQuality    JPEG quality of recorded camera images, in [1, 100]
 * @param compression    MCAP chunk compression
 */
public record RecordConfig(int queueMessages, long queueBytes, long maxFileBytes, long maxFileSeconds,
        long minFreeBytes, int jpegQuality, McapCompression compression) {
    private static final long MIB = 1L << 20;

    public RecordConfig {
        check("queueMessages", queueMessages, 16, 1_000_000, "messages");
        check("queueBytes", queueBytes, MIB, 16L << 30, "bytes");
        check("maxFileBytes", maxFileBytes, MIB, 1L << 40, "bytes");
        check("maxFileSeconds", maxFileSeconds, 1, 86_400, "s");
        check("minFreeBytes", minFreeBytes, 0, 1L << 40, "bytes");
        check("jpegQuality", jpegQuality, 1, 100, "");
        if (compression == null) {
            throw new RecordException("record.compression is missing: zstd, lz4 or none");
        }
    }

    private static void check(String name, long v, long min, long max, String unit) {
        if (v < min || v > max) {
            throw new RecordException("record." + name + " must be in [" + min + ", " + max + "] " + unit + ", was "
                    + v);
        }
    }

    /**
     * 4,096 messages / 512 MiB queued, files of at most 1 GiB or 10 minutes, stop below 1 GiB free, JPEG 90, zstd.
     */
    public static RecordConfig defaults() {
        return new RecordConfig(4096, 512 * MIB, 1L << 30, 600, 1L << 30, 90, McapCompression.ZSTD);
    }

    public RecordConfig withMinFreeBytes(long bytes) {
        return new RecordConfig(queueMessages, queueBytes, maxFileBytes, maxFileSeconds, bytes, jpegQuality,
                compression);
    }

    public RecordConfig withMaxFile(long bytes, long seconds) {
        return new RecordConfig(queueMessages, queueBytes, bytes, seconds, minFreeBytes, jpegQuality, compression);
    }

    public RecordConfig withQueue(int messages, long bytes) {
        return new RecordConfig(messages, bytes, maxFileBytes, maxFileSeconds, minFreeBytes, jpegQuality, compression);
    }
}
