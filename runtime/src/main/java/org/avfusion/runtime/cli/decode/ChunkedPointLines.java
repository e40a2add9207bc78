package org.avfusion.runtime.cli.decode;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.avfusion.drivers.lidar.LidarPointConsumer;

/**
 * The per-point lines of {@code decode lidar}, formatted off the decoding thread: the decoder fills fixed-size
 * chunks of decoded points (primitive arrays, no object per point), {@code formatters} threads turn whole chunks into
 * bytes (each with its own {@link PointText}), and one writing thread writes each chunk's bytes to {@code out} in
 * the order the points were decoded, one {@code write} per chunk. The bytes are exactly those of {@link PointLines}
 * for the same points: {@link PointText}'s memo changes the cost only, so how the points are split does not matter.
 *
 * <pre>
 *                  chunk k % F                     chunk k % F, in order k = 0, 1, 2, ...
 *   decoder --fill--&gt; toFormat[i] --formatter i--&gt; formatted[i] --writer: write(2), one per chunk--&gt; out
 *      ^                                                                      |
 *      +------------------------------ free (the pool) &lt;--------------------+
 * </pre>
 *
 * <p>Ownership: a fixed pool of {@code 2 * formatters + 2} chunks, made up front. A chunk is owned by exactly one
 * thread at a time and changes hands only through a queue (whose put/take orders the chunk's contents): in
 * {@code free} it belongs to no one; taken from it, to the decoding thread, which fills it through {@link #accept};
 * chunk number {@code k} is put in {@code toFormat[k % formatters]} and then belongs to that formatter, which writes
 * its lines into the chunk's own byte array; in {@code formatted[k % formatters]} it waits for the writer, which
 * takes the queues round-robin (chunk 0, 1, 2, ...: the decoding order), writes the bytes and puts the chunk back in
 * {@code free}. Every queue holds the whole pool, so a put never blocks; only takes wait. Nothing is allocated per
 * point or per chunk after construction.
 *
 * <p>Threading: {@link #accept}, {@link #lines()} and {@link #close()} on the decoding thread only; the formatting
 * and writing threads are daemons owned by this object, ended by {@link #close()}. Errors: an {@link IOException} of
 * {@code out} (on the writing thread) is rethrown on the decoding thread as {@link UncheckedIOException} from the
 * next chunk hand-off or from {@link #close()}, as {@link PointLines} rethrows it from {@link #accept}; after an
 * error the writer stops writing but keeps returning chunks to the pool, so no thread waits forever. {@link #close()}
 * writes the chunks handed off and the partial one, ends the threads, waits for them, then flushes {@code out}
 * (which stays open).
 */
final class ChunkedPointLines implements LidarPointConsumer, Closeable {
    /**
     * Points per chunk of the CLI: a write of about 630 KB of lines (hdl32; 1.2 MB of room), under a millisecond of
     * formatting; on 2 CPUs 4096 beat 1024 (docs/PERFORMANCE.md).
     */
    static final int DEFAULT_CHUNK_POINTS = 4096;
    /** End of the stream, sent to every formatter, passed on to the writer; never in the pool. */
    private static final Chunk END = new Chunk(0);

    private final OutputStream out;
    private final int formatters;
    private final BlockingQueue<Chunk> free;
    private final BlockingQueue<Chunk>[] toFormat;
    private final BlockingQueue<Chunk>[] formatted;
    private final Thread[] threads;
    /** The first error of a formatting or the writing thread; read by the decoding thread at each hand-off. */
    private volatile Throwable failure;
    /** The chunk being filled, owned by the decoding thread. */
    private Chunk current;
    private long handedOff;
    private long lines;
    private boolean closed;

    /**
     * Starts {@code formatters} formatting threads and the writing thread.
     *
     * @param chunkPoints points per chunk, at least 1
     * @param formatters  formatting threads, at least 1
     */
    @SuppressWarnings("unchecked")
    ChunkedPointLines(OutputStream out, int chunkPoints, int formatters) {
        if (chunkPoints < 1 || formatters < 1) {
            throw new IllegalArgumentException("chunkPoints and formatters must be at least 1, were " + chunkPoints
                    + " and " + formatters);
        }
        this.out = out;
        this.formatters = formatters;
        int pool = 2 * formatters + 2;
        free = new ArrayBlockingQueue<>(pool);
        toFormat = new BlockingQueue[formatters];
        formatted = new BlockingQueue[formatters];
        for (int i = 0; i < formatters; i++) {
            toFormat[i] = new ArrayBlockingQueue<>(pool + 1);
            formatted[i] = new ArrayBlockingQueue<>(pool + 1);
        }
        for (int i = 0; i < pool; i++) {
            free.add(new Chunk(chunkPoints));
        }
        current = free.remove();
        threads = new Thread[formatters + 1];
        for (int i = 0; i < formatters; i++) {
            int index = i;
            threads[i] = new Thread(() -> format(toFormat[index], formatted[index]), "decode-lidar-format-" + i);
        }
        threads[formatters] = new Thread(this::write, "decode-lidar-write");
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
    }

    /** Points accepted so far (each is one line once written). */
    long lines() {
        return lines;
    }

    @Override
    public void accept(long sensorNanos, float xMeters, float yMeters, float zMeters, float distanceMeters,
                       float azimuthDeg, float elevationDeg, float intensity, int ring, float rotationDeg) {
        Chunk c = current;
        int i = c.count;
        c.t[i] = sensorNanos;
        c.x[i] = xMeters;
        c.y[i] = yMeters;
        c.z[i] = zMeters;
        c.distance[i] = distanceMeters;
        c.azimuth[i] = azimuthDeg;
        c.elevation[i] = elevationDeg;
        c.intensity[i] = intensity;
        c.ring[i] = ring;
        c.count = i + 1;
        lines++;
        if (c.count == c.t.length) {
            throwFailure();
            handOff(c);
            current = take(free);
        }
    }

    /**
     * Hands off the partial chunk, ends the threads after the last chunk is written, waits for them and flushes
     * {@code out}; rethrows an error of {@code out} as {@link UncheckedIOException}. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current.count > 0) {
            handOff(current);
        }
        current = null;
        for (BlockingQueue<Chunk> q : toFormat) {
            q.add(END);
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throwFailure();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handOff(Chunk c) {
        toFormat[(int) (handedOff++ % formatters)].add(c);
    }

    private void throwFailure() {
        Throwable f = failure;
        if (f == null) {
            return;
        }
        if (f instanceof IOException io) {
            throw new UncheckedIOException(io);
        }
        if (f instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("decode lidar: a thread formatting or writing the point lines failed: " + f,
                f);
    }

    /** A formatting thread: its chunks' lines into their byte arrays, until {@link #END}. */
    private void format(BlockingQueue<Chunk> in, BlockingQueue<Chunk> done) {
        PointText text = new PointText();
        while (true) {
            Chunk c = take(in);
            if (c != END) {
                try {
                    c.size = formatChunk(c, text);
                } catch (Throwable e) {
                    fail(e);
                    c.size = 0;
                }
            }
            done.add(c);
            if (c == END) {
                return;
            }
        }
    }

    /**
     * The chunk's lines into its byte array; returns their length. A method of its own, called once per chunk, so
     * that the JIT compiles it as a whole (the thread's loop around it never returns).
     */
    private static int formatChunk(Chunk c, PointText text) {
        byte[] b = c.bytes;
        int n = 0;
        for (int i = 0, count = c.count; i < count; i++) {
            n = text.write(b, n, c.t[i], c.x[i], c.y[i], c.z[i], c.distance[i], c.azimuth[i], c.elevation[i],
                    c.intensity[i], c.ring[i]);
        }
        return n;
    }

    /** The writing thread: the chunks' bytes in decoding order, until {@link #END}; then the chunks to the pool. */
    private void write() {
        for (long k = 0; ; k++) {
            Chunk c = take(formatted[(int) (k % formatters)]);
            if (c == END) {
                return;
            }
            if (failure == null) {
                try {
                    out.write(c.bytes, 0, c.size);
                } catch (Throwable e) {
                    fail(e);
                }
            }
            c.count = 0;
            c.size = 0;
            free.add(c);
        }
    }

    private synchronized void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
    }

    /**
     * {@code q.take()}, waiting through interrupts (none are expected: the threads are this object's; the decoding
     * thread is restored to interrupted afterwards).
     */
    private static Chunk take(BlockingQueue<Chunk> q) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return q.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Up to {@code t.length} decoded points as columns, and the bytes of their lines. Owned by one thread at a time
     * (see the class comment); {@code count} and {@code size} are written by the owner and published by the queue
     * that hands the chunk on.
     */
    private static final class Chunk {
        final long[] t;
        final float[] x;
        final float[] y;
        final float[] z;
        final float[] distance;
        final float[] azimuth;
        final float[] elevation;
        final float[] intensity;
        final int[] ring;
        /** Room for {@code t.length} lines of at most {@link PointText#MAX_LINE_BYTES} each. */
        final byte[] bytes;
        int count;
        int size;

        Chunk(int points) {
            t = new long[points];
            x = new float[points];
            y = new float[points];
            z = new float[points];
            distance = new float[points];
            azimuth = new float[points];
            elevation = new float[points];
            intensity = new float[points];
            ring = new int[points];
            bytes = new byte[points * PointText.MAX_LINE_BYTES];
        }
    }
}
