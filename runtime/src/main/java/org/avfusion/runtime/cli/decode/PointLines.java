package org.avfusion.runtime.cli.decode;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.avfusion.drivers.lidar.LidarPointConsumer;
import org.avfusion.runtime.output.json.JsonLines;

/**
 * The per-point lines of {@code decode lidar} on the decoding thread, formatted by {@link PointText} straight into
 * one {@value JsonLines#BUFFER_BYTES}-byte buffer: the single-threaded path (one CPU), and the reference that
 * {@link ChunkedPointLines} must match byte for byte.
 *
 * <pre>
 *   decoder --accept(point)--&gt; [ 64 KiB byte[] ] --write(2) when full, on flush--&gt; out
 * </pre>
 *
 * <p>Not thread-safe: the decoding thread calls {@link #accept}. An {@link IOException} of {@code out} is rethrown
 * from {@link #accept} as {@link UncheckedIOException}. {@link #close()} flushes; {@code out} stays open.
 */
final class PointLines implements LidarPointConsumer, Closeable {
    private final OutputStream out;
    private final byte[] buffer = new byte[JsonLines.BUFFER_BYTES];
    private final PointText text = new PointText();
    private int size;
    private long lines;

    PointLines(OutputStream out) {
        this.out = out;
    }

    /** Lines written so far. */
    long lines() {
        return lines;
    }

    @Override
    public void accept(long sensorNanos, float xMeters, float yMeters, float zMeters, float distanceMeters,
                       float azimuthDeg, float elevationDeg, float intensity, int ring, float rotationDeg) {
        if (size > buffer.length - PointText.MAX_LINE_BYTES) {
            drain();
        }
        size = text.write(buffer, size, sensorNanos, xMeters, yMeters, zMeters, distanceMeters, azimuthDeg,
                elevationDeg, intensity, ring);
        lines++;
    }

    /** Writes the buffered lines to {@code out} and flushes it. */
    void flush() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        flush();
    }

    private void drain() {
        try {
            out.write(buffer, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        size = 0;
    }
}
