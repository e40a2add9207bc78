package org.avfusion.drivers.camera;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A video file (anything FFmpeg demuxes: MP4, MKV, AVI ...) replayed as a {@link RecordedSource}.
 *
 * <p><b>Time.</b> Frame stamps come from the stream's PTS through a {@link FirstPtsStampMapping}: the first frame is
 * stamped {@code baseNanos}, later ones keep their PTS spacing; a frame arrives {@code latencyNanos} after its stamp.
 * <b>Decoding</b> happens on the replay thread (the one calling {@link #nextArrivalNanos()} and
 * {@link #emitNext(FrameSink)}), never on the ring's threads: the next frame is decoded ahead, and its pixels are
 * copied into a pooled {@link CameraImage} when it is emitted. <b>Ownership:</b> the image goes to the sink with the
 * frame (see {@link org.avfusion.drivers.pool}); when every buffer of {@link #pool()} is still held downstream the
 * frame is dropped and counted, and its sequence number is skipped.
 *
 * <p><b>Bad input.</b> A missing file or one that is not a video fails {@link #open} with a
 * {@link CameraInputException} naming the file. Errors after the first frame (a decode failure, a file that ends
 * before the frame count its container declares) end the source after the last good frame and are counted in
 * {@link #stats()}, with the file and frame index in {@link CameraStats#lastError()}.
 *
 * <p>Not thread-safe (see {@link RecordedSource}); {@link #stats()} may be read from any thread.
 */
public final class VideoFileSource implements RecordedSource {
    private final Path file;
    private final SensorId sensor;
    private final long latencyNanos;
    private final FfmpegVideoReader reader;
    private final BufferPool<CameraImage> pool;
    private final StampMapping mapping;
    private final CameraHealth health = new CameraHealth();
    private Frame pending;
    private long pendingStampNanos;
    private long pendingPtsMicros;
    private long decodedFrames;
    private long nextSequence;
    private boolean closed;

    private VideoFileSource(Path file, SensorId sensor, long baseNanos, long latencyNanos, int maxBuffers,
            FfmpegVideoReader reader) {
        this.file = file;
        this.sensor = sensor;
        this.latencyNanos = latencyNanos;
        this.reader = reader;
        int width = reader.widthPixels();
        int height = reader.heightPixels();
        this.pool = new BufferPool<>(sensor.name() + ".images", () -> new CameraImage(width, height), 1, maxBuffers);
        this.mapping = new FirstPtsStampMapping(baseNanos, reader.framePeriodNanos());
        advance();
    }

    /**
     * Opens {@code file} and decodes its first frame.
     *
     * @param sensor       the camera, of kind {@link SensorKind#CAMERA}
     * @param baseNanos    vehicle-clock stamp of the first frame
     * @param latencyNanos transport latency added to each stamp to give its arrival, >= 0
     * @param maxBuffers   image buffers this source may have in flight at once, >= 1
     * @throws CameraInputException when the file is missing or not a video FFmpeg reads; the message names it
     */
    public static VideoFileSource open(Path file, SensorId sensor, long baseNanos, long latencyNanos, int maxBuffers) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sensor, "sensor");
        if (sensor.kind() != SensorKind.CAMERA) {
            throw new IllegalArgumentException("sensor " + sensor + " is a " + sensor.kind() + ", not a CAMERA");
        }
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0, was " + latencyNanos);
        }
        if (maxBuffers < 1) {
            throw new IllegalArgumentException("maxBuffers must be >= 1, was " + maxBuffers);
        }
        FfmpegVideoReader reader = FfmpegVideoReader.open(file.toString(), null, Map.of(), 0);
        try {
            return new VideoFileSource(file, sensor, baseNanos, latencyNanos, maxBuffers, reader);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Decodes the frame after the one in hand; on the end of the file or an error, leaves none. */
    private void advance() {
        pending = null;
        if (closed) {
            return;
        }
        Frame frame;
        try {
            frame = reader.grab();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            health.decodeError(file + ": frame " + decodedFrames + ": decode failed after " + decodedFrames
                    + " good frames: " + FfmpegVideoReader.firstLine(e.getMessage()));
            return;
        }
        if (frame == null) {
            long declared = reader.declaredFrames();
            if (declared > 0 && decodedFrames < declared) {
                health.decodeError(file + ": frame " + decodedFrames + ": video ends after " + decodedFrames
                        + " frames but its container declares " + declared + " (truncated or corrupt file)");
            }
            return;
        }
        long ptsMicros = frame.timestamp;
        long repairedBefore = mapping.repairedCount();
        pendingStampNanos = mapping.toVehicleNanos(ptsMicros, 0);
        if (mapping.repairedCount() != repairedBefore) {
            health.ptsRepaired();
        }
        pendingPtsMicros = ptsMicros;
        pending = frame;
        decodedFrames++;
    }

    @Override
    public long nextArrivalNanos() {
        return pending == null ? END : pendingStampNanos + latencyNanos;
    }

    @Override
    public void emitNext(FrameSink sink) {
        if (pending == null) {
            throw new IllegalStateException(describe() + " is exhausted");
        }
        long sequence = nextSequence++;
        CameraImage image = pool.acquire();
        if (image == null) {
            health.poolExhausted();
        } else {
            boolean copied = false;
            try {
                BgrCopy.copy(pending, image);
                copied = true;
            } catch (IllegalArgumentException e) {
                health.decodeError(file + ": frame " + sequence + ": " + e.getMessage());
            } finally {
                if (!copied) {
                    image.release();
                }
            }
            if (copied) {
                health.frame();
                sink.publish(new FrameHeader(sensor, pendingStampNanos, sequence), image);
            }
        }
        advance();
    }

    /** The PTS of the frame {@link #emitNext} publishes next, microseconds as the stream gives it. */
    public long nextPtsMicros() {
        if (pending == null) {
            throw new IllegalStateException(describe() + " is exhausted");
        }
        return pendingPtsMicros;
    }

    public int widthPixels() {
        return reader.widthPixels();
    }

    public int heightPixels() {
        return reader.heightPixels();
    }

    /** Frames the container declares, or -1 when it does not say. */
    public long declaredFrames() {
        return reader.declaredFrames();
    }

    /**
     * How long the video lasts by its container (declared frames times the frame period), or -1 when the container
     * does not say.
     */
    public long declaredDurationNanos() {
        long frames = reader.declaredFrames();
        return frames > 0 ? frames * reader.framePeriodNanos() : -1;
    }

    /**
     * Hands each frame that cannot be decoded (its message names the file and the frame) to {@code listener} as
     * well as counting it, on the replay thread. Set it before the first {@link #emitNext}: a first frame that failed
     * to decode at {@link #open} is handed on at once.
     */
    public void onDecodeError(java.util.function.Consumer<String> listener) {
        CameraStats sofar = health.snapshot();
        if (listener != null && sofar.decodeErrors() > 0 && nextSequence == 0) {
            listener.accept(sofar.lastError());
        }
        health.onDecodeError(listener);
    }

    /** The image buffers this source publishes (for health reports and tests). */
    public BufferPool<CameraImage> pool() {
        return pool;
    }

    /** Counts so far; safe from any thread. */
    public CameraStats stats() {
        return health.snapshot();
    }

    @Override
    public String describe() {
        return "video file " + file + " (" + reader.widthPixels() + "x" + reader.heightPixels() + ", camera "
                + sensor + ")";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pending = null;
            reader.close();
        }
    }
}
