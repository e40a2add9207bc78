package org.avfusion.drivers.camera;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A live camera: an RTSP/HTTP stream or a V4L2 device ({@code format = "video4linux2"}) decoded by FFmpeg on a
 * thread of its own ({@code camera-<sensor>}) and published to a {@link FrameSink}.
 *
 * <p><b>Time:</b> each frame is stamped by an {@link ArrivalStampMapping} over the stream's PTS and the
 * {@link VehicleClock} read when the decoded frame is in hand; a new connection starts a new mapping.
 * <b>Ownership:</b> pixels are copied into a {@link CameraImage} from {@link #pool()}, which the sink owns from
 * {@code publish} on; when every buffer is held downstream the frame is dropped and counted (the sequence number
 * skips), so a slow consumer never stalls the socket. <b>Errors</b> (cannot connect, read time-out, decode failure,
 * end of stream, a frame larger than the buffers) are counted in {@link #stats()} with the input and frame index in
 * the last error; with {@link LiveCameraConfig#reconnect()} the driver reopens the input after
 * {@link LiveCameraConfig#reconnectDelayMillis()}, otherwise its thread ends.
 *
 * <p><b>Files</b> decode far faster than real time: a driver made with {@code paceByTimestamps} releases each frame
 * when the wall clock has advanced as far past the first frame as the frame's presentation time has (a video file
 * read in {@code avfusion run} plays at its recorded rate instead of flooding the pool and going silent). A device
 * or stream is paced by its source already and is not paced again.
 *
 * <p>{@link #start()} and {@link #close()} may be called from any thread; {@link #stats()} too.
 */
public final class LiveCameraDriver implements AutoCloseable {
    private final LiveCameraConfig config;
    private final FrameSink sink;
    private final VehicleClock clock;
    private final BufferPool<CameraImage> pool;
    private final CameraHealth health = new CameraHealth();
    private final Thread thread;
    private volatile boolean running;
    private long nextSequence;
    private final boolean paceByTimestamps;

    /**
     * @param config what to open and how
     * @param sink   where frames go
     * @param clock  the vehicle clock that stamps arrivals ({@link VehicleClock#SYSTEM} on a vehicle)
     */
    public LiveCameraDriver(LiveCameraConfig config, FrameSink sink, VehicleClock clock) {
        this(config, sink, clock, false);
    }

    /**
     * @param paceByTimestamps release frames at their presentation times (for a file input), see the class doc
     */
    public LiveCameraDriver(LiveCameraConfig config, FrameSink sink, VehicleClock clock, boolean paceByTimestamps) {
        this.paceByTimestamps = paceByTimestamps;
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        int width = config.maxWidthPixels();
        int height = config.maxHeightPixels();
        this.pool = new BufferPool<>(config.sensor().name() + ".images", () -> new CameraImage(width, height), 1,
                config.maxBuffers());
        this.thread = new Thread(this::run, "camera-" + config.sensor().name());
        this.thread.setDaemon(true);
    }

    /** Starts the decoding thread; at most once. */
    public synchronized void start() {
        if (thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("camera " + config.sensor() + " already started");
        }
        running = true;
        thread.start();
    }

    /** True while the decoding thread runs. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Waits for the decoding thread to end (a source without reconnect ends at its end of stream).
     *
     * @return true if it ended within the time
     */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(Math.max(1, unit.toMillis(timeout)));
        return !thread.isAlive();
    }

    private void run() {
        while (running) {
            FfmpegVideoReader reader;
            try {
                reader = FfmpegVideoReader.open(config.input(), config.format(), config.options(),
                        config.ioTimeoutMillis());
            } catch (CameraInputException e) {
                health.decodeError(e.getMessage());
                if (!pauseBeforeReconnect()) {
                    return;
                }
                continue;
            } catch (RuntimeException e) {
                health.decodeError("cannot open " + config.input() + ": " + e);
                if (!pauseBeforeReconnect()) {
                    return;
                }
                continue;
            }
            try {
                decode(reader);
            } finally {
                reader.close();
            }
            if (!pauseBeforeReconnect()) {
                return;
            }
        }
    }

    private void decode(FfmpegVideoReader reader) {
        StampMapping mapping = new ArrivalStampMapping(reader.framePeriodNanos(), config.driftToleranceNanos());
        long framesThisConnection = 0;
        long firstPtsMicros = Long.MIN_VALUE;
        long firstWallNanos = 0;
        while (running) {
            Frame frame;
            try {
                frame = reader.grab();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                health.decodeError(config.input() + ": frame " + nextSequence + ": read or decode failed after "
                        + framesThisConnection + " frames: " + FfmpegVideoReader.firstLine(e.getMessage()));
                return;
            }
            if (frame == null) {
                if (config.reconnect()) {
                    health.decodeError(config.input() + ": frame " + nextSequence + ": stream ended after "
                            + framesThisConnection + " frames");
                }
                return;
            }
            if (paceByTimestamps) {
                if (firstPtsMicros == Long.MIN_VALUE) {
                    firstPtsMicros = frame.timestamp;
                    firstWallNanos = System.nanoTime();
                } else {
                    waitForPresentationTime(firstWallNanos + (frame.timestamp - firstPtsMicros) * 1_000L);
                }
            }
            long arrivalNanos = clock.nowNanos();
            long resyncsBefore = mapping.resyncCount();
            long repairedBefore = mapping.repairedCount();
            long ptsMicros = frame.timestamp;
            long stampNanos = mapping.toVehicleNanos(ptsMicros, arrivalNanos);
            if (mapping.resyncCount() != resyncsBefore) {
                health.clockResync();
            }
            if (mapping.repairedCount() != repairedBefore) {
                health.ptsRepaired();
            }
            framesThisConnection++;
            publish(frame, stampNanos);
        }
    }

    /** Sleeps until {@code wallNanos} (System.nanoTime) or the driver is closed; a PTS in the past does not wait. */
    private void waitForPresentationTime(long wallNanos) {
        long remaining;
        while (running && (remaining = wallNanos - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(remaining, 50_000_000L));
        }
    }

    /** Identical frames in a row that freeze the stream: 2/3 s at 15 Hz (a live sensor's noise never repeats). */
    public static final int REPEATS_TO_FREEZE = 10;
    private final org.avfusion.drivers.source.FrozenStreamDetector freeze =
            new org.avfusion.drivers.source.FrozenStreamDetector(REPEATS_TO_FREEZE);
    private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    private long previousCrc = -1;

    /**
     * The frozen-stream detector of this camera: a frame whose pixels repeat the previous frame's (CRC-32C of the
     * decoded plane, checked before a pooled image is taken, so a full pool does not hide a freeze) is not
     * published; {@value #REPEATS_TO_FREEZE} in a row make the stream {@code FROZEN} (nothing published until a frame
     * differs), so the camera falls silent downstream. A synthetic stream of a still scene repeats too.
     */
    public org.avfusion.drivers.source.FrozenStreamDetector freeze() {
        return freeze;
    }

    /**
     * Whether the decoded frame's pixel plane (as FFmpeg left it, rows with their stride) repeats the previous
     * frame's. Checked before a pooled image is taken: a frozen camera is noticed even while downstream holds every
     * pooled image (a slow detector), when the frame is dropped anyway (counted as pool exhausted).
     */
    private boolean repeatsPrevious(Frame frame) {
        if (frame.image == null || frame.image.length == 0 || !(frame.image[0] instanceof java.nio.ByteBuffer plane)) {
            previousCrc = -1;
            return false; // BgrCopy reports it
        }
        crc.reset();
        java.nio.ByteBuffer all = plane.duplicate();
        all.clear();
        all.limit((int) Math.min(all.capacity(), (long) frame.imageStride * frame.imageHeight));
        crc.update(all);
        long value = crc.getValue() ^ ((long) frame.imageWidth << 32) ^ ((long) frame.imageHeight << 48);
        boolean same = value == previousCrc;
        previousCrc = value;
        return same;
    }

    private void publish(Frame frame, long stampNanos) {
        long sequence = nextSequence++;
        if (!freeze.observe(repeatsPrevious(frame), true).use()) {
            return;
        }
        CameraImage image = pool.acquire();
        if (image == null) {
            health.poolExhausted();
            return;
        }
        try {
            BgrCopy.copy(frame, image);
        } catch (IllegalArgumentException e) {
            image.release();
            health.decodeError(config.input() + ": frame " + sequence + ": " + e.getMessage());
            return;
        }
        health.frame();
        sink.publish(new FrameHeader(config.sensor(), stampNanos, sequence), image);
    }

    /** @return false when the thread should end instead */
    private boolean pauseBeforeReconnect() {
        if (!config.reconnect() || !running) {
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.reconnectDelayMillis());
        long remaining;
        while (running && (remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
        return running;
    }

    /** The image buffers this driver publishes. */
    public BufferPool<CameraImage> pool() {
        return pool;
    }

    /** Counts so far; safe from any thread. */
    public CameraStats stats() {
        return health.snapshot();
    }

    public LiveCameraConfig config() {
        return config;
    }

    /**
     * Stops the decoding thread and waits for it (at most the read time-out plus a second). Frames already
     * published stay with the sink.
     */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (thread.getState() == Thread.State.NEW) {
            return;
        }
        try {
            thread.join(config.ioTimeoutMillis() + 1_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
