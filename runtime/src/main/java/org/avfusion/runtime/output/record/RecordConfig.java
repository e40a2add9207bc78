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
 * @param waitWhenFull   whether a full queue makes the pipeline wait for the writer instead of dropping: false on
 *                       the vehicle and in paced replays (recording never blocks the pipeline), true in a replay as
 *                       fast as possible (nothing lost; the replay goes at the writer's pace)
 */
public record RecordConfig(int queueMessages, long queueBytes, long maxFileBytes, long maxFileSeconds,
        long minFreeBytes, int jpegQuality, McapCompression compression, boolean waitWhenFull) {
    private static final long MIB = 1L << 20;
    /** The default queue's byte bound at most... */
    static final long DEFAULT_QUEUE_BYTES_MAX = 512 * MIB;
    /** ...and at most this fraction of the JVM's maximum heap (a 256 MB heap: 64 MiB). */
    static final int DEFAULT_QUEUE_HEAP_DIVISOR = 4;

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
     * 4,096 messages and {@link #defaultQueueBytes} of the JVM's heap queued, files of at most 1 GiB or 10 minutes,
     * stop below 1 GiB free, JPEG 90, zstd, drops when full.
     */
    public static RecordConfig defaults() {
        return new RecordConfig(4096, defaultQueueBytes(Runtime.getRuntime().maxMemory()), 1L << 30, 600, 1L << 30,
                90, McapCompression.ZSTD, false);
    }

    /**
     * The default queue's byte bound for a heap of {@code maxHeapBytes}: a quarter of it, at most 512 MiB, at least
     * 1 MiB. A fixed 512 MiB outgrew the launcher's 256 MB heap: `replay --speed max --record` of a simulated drive
     * ended in OutOfMemoryError after 11 s of drive (the writer, zstd and JSON, is slower than the pipeline).
     */
    static long defaultQueueBytes(long maxHeapBytes) {
        long quarter = maxHeapBytes == Long.MAX_VALUE ? DEFAULT_QUEUE_BYTES_MAX
                : maxHeapBytes / DEFAULT_QUEUE_HEAP_DIVISOR;
        return Math.max(MIB, Math.min(DEFAULT_QUEUE_BYTES_MAX, quarter));
    }

    public RecordConfig withMinFreeBytes(long bytes) {
        return new RecordConfig(queueMessages, queueBytes, maxFileBytes, maxFileSeconds, bytes, jpegQuality,
                compression, waitWhenFull);
    }

    public RecordConfig withMaxFile(long bytes, long seconds) {
        return new RecordConfig(queueMessages, queueBytes, bytes, seconds, minFreeBytes, jpegQuality, compression,
                waitWhenFull);
    }

    public RecordConfig withQueue(int messages, long bytes) {
        return new RecordConfig(messages, bytes, maxFileBytes, maxFileSeconds, minFreeBytes, jpegQuality, compression,
                waitWhenFull);
    }

    /** A copy that waits for the writer when the queue is full ({@code true}) or drops and counts. */
    public RecordConfig withWaitWhenFull(boolean wait) {
        return new RecordConfig(queueMessages, queueBytes, maxFileBytes, maxFileSeconds, minFreeBytes, jpegQuality,
                compression, wait);
    }
}
