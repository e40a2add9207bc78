package org.avfusion.drivers.source;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Releases the frames of a {@link RecordedSource} on a replay clock: real time ({@code speed = 1}),
 * faster or slower ({@code speed = N}), or as fast as possible ({@link #AS_FAST_AS_POSSIBLE}).
 *
 * <p>Between frames it reports the replay clock to a {@link ClockListener} every {@code tickPeriodNanos} of
 * vehicle time, so that time-outs fire on a dead sensor even when no frame arrives. Ticks are placed on the
 * vehicle time axis, not the wall clock, so a replay yields the same ticks at every speed.
 *
 * <p>Single step: {@link #step} releases exactly one frame per call (and the ticks due before it) without waiting,
 * whatever the speed, so a debugger, a test or a UI can advance the replay frame by frame. Steps and ticks continue
 * where the previous step left off; one thread drives a pacer either by {@link #run} or by {@link #step}.
 */
public final class ReplayPacer {
    /** Speed value meaning: do not wait between frames. */
    public static final double AS_FAST_AS_POSSIBLE = 0.0;

    /** Receives the replay clock. */
    @FunctionalInterface
    public interface ClockListener {
        /** The vehicle clock has reached {@code vehicleNanos}; every frame that arrives earlier is published. */
        void onClock(long vehicleNanos);
    }

    /**
     * Vehicle time (at speed 1) before its next frame at which the pacer has the source get its frames ready, up to
     * as far past that frame ({@link RecordedSource#prepareUntil}): a simulated sweep takes 2-3 ms to render warm and
     * 20-40 ms cold, a recorded image 6-11 ms to decode on the development machine. Large enough to cover those, small
     * enough that a sweep is read or rendered after the pipeline finished the one before (sets take 10-40 ms), not
     * beside it: a KITTI sweep and its PNG image, 12 ms of reading, were read as soon as the set before had been
     * released, when its align, cluster and detect stages needed both cores (docs/PERFORMANCE.md, "Reading the next
     * frames when they are due").
     */
    public static final long PREPARE_LEAD_NANOS = 50_000_000L;

    private final double speed;
    private final long tickPeriodNanos;
    private volatile boolean stopRequested;
    private volatile long releasedVehicleNanos = Long.MIN_VALUE;
    private volatile long vehicleStartNanos = Long.MIN_VALUE;
    private volatile long wallStartNanos;
    private long nextTickNanos = Long.MIN_VALUE;
    private long lastFrameNanos = Long.MIN_VALUE;

    /**
     * @param speed           replay speed factor (> 0), or {@link #AS_FAST_AS_POSSIBLE}
     * @param tickPeriodNanos vehicle time between clock reports, > 0
     */
    public ReplayPacer(double speed, long tickPeriodNanos) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed must be > 0, or 0 for as fast as possible; was " + speed);
        }
        if (tickPeriodNanos <= 0) {
            throw new IllegalArgumentException("tickPeriodNanos must be > 0, was " + tickPeriodNanos);
        }
        this.speed = speed;
        this.tickPeriodNanos = tickPeriodNanos;
    }

    /** Asks a running {@link #run} to return after the frame in hand. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Replays the whole source on the calling thread.
     *
     * @param maxFrames stop after this many frames (Long.MAX_VALUE for all)
     * @return the number of frames published
     */
    public long run(RecordedSource source, FrameSink sink, ClockListener clock, long maxFrames) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
        long first = source.nextArrivalNanos();
        if (first == RecordedSource.END) {
            return 0;
        }
        long wallStart = System.nanoTime();
        wallStartNanos = wallStart;
        vehicleStartNanos = first;
        nextTickNanos = first;
        long frames = 0;
        while (!stopRequested && frames < maxFrames) {
            long arrival = source.nextArrivalNanos();
            if (arrival == RecordedSource.END) {
                break;
            }
            // before the wait: rendering or reading a frame is the sensor's time, not the runtime's latency. The
            // horizon reaches past the next frame (often an IMU sample) to the sweep or image after it. In real time
            // the pacer first waits until a lead before the next frame: reading it earlier (a sparse recording's
            // next frame is a whole sweep period away) would take the cores from the set just released.
            if (speed == AS_FAST_AS_POSSIBLE) {
                source.prepareUntil(arrival);
            } else {
                long lead = (long) (PREPARE_LEAD_NANOS * speed);
                long prepareAt = arrival >= Long.MIN_VALUE + lead ? arrival - lead : Long.MIN_VALUE;
                releaseTicksUpTo(prepareAt, clock, wallStart, first, true);
                waitUntil(wallStart, first, prepareAt);
                source.prepareUntil(saturatedAdd(arrival, lead));
            }
            releaseTicksUpTo(arrival, clock, wallStart, first, true);
            waitUntil(wallStart, first, arrival);
            releaseFrame(arrival, source, sink);
            frames++;
        }
        return frames;
    }

    /**
     * Reports the clock at each tick due up to {@code arrival}, but only where no frame arrived during the tick period
     * before it: a frame carries the time itself, and a tick per period on top of a 100 Hz IMU would double the ring's
     * traffic for nothing. A silent line still gets a tick every period, so time-outs fire.
     */
    private void releaseTicksUpTo(long arrival, ClockListener clock, long wallStart, long first, boolean wait) {
        while (nextTickNanos <= arrival) {
            if (lastFrameNanos <= nextTickNanos - tickPeriodNanos) {
                if (wait) {
                    waitUntil(wallStart, first, nextTickNanos);
                }
                releasedVehicleNanos = nextTickNanos;
                clock.onClock(nextTickNanos);
            }
            // saturate: a pacer with a huge tick period over absolute (epoch) stamps must not wrap around
            nextTickNanos = nextTickNanos > Long.MAX_VALUE - tickPeriodNanos ? Long.MAX_VALUE
                    : nextTickNanos + tickPeriodNanos;
        }
    }

    private void releaseFrame(long arrival, RecordedSource source, FrameSink sink) {
        releasedVehicleNanos = arrival;
        lastFrameNanos = arrival;
        source.emitNext(sink);
    }

    /**
     * Releases the next frame of {@code source}: first the clock ticks due at or before its arrival (continuing the
     * tick grid of earlier steps, which starts at the first frame's arrival), then the frame. Never waits.
     *
     * @return true if a frame was published, false if the source is exhausted
     */
    public boolean step(RecordedSource source, FrameSink sink, ClockListener clock) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
        long arrival = source.nextArrivalNanos();
        if (arrival == RecordedSource.END) {
            return false;
        }
        if (nextTickNanos == Long.MIN_VALUE) {
            nextTickNanos = arrival;
            vehicleStartNanos = arrival;
            wallStartNanos = System.nanoTime();
        }
        releaseTicksUpTo(arrival, clock, 0, 0, false);
        releaseFrame(arrival, source, sink);
        return true;
    }

    /**
     * The replay clock as of the last frame or tick released: deterministic at any speed, so it serves as the
     * arrival stamp of replayed frames. {@link Long#MIN_VALUE} before the first.
     */
    public long releasedVehicleNanos() {
        return releasedVehicleNanos;
    }

    /**
     * The replay clock now: at a finite speed, recorded time advancing with the wall clock times the speed (what a
     * live vehicle's clock would read, for latency measurements); as fast as possible, the last released time.
     */
    public long nowVehicleNanos() {
        long start = vehicleStartNanos;
        if (start == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        if (speed == AS_FAST_AS_POSSIBLE) {
            return releasedVehicleNanos;
        }
        return start + (long) ((System.nanoTime() - wallStartNanos) * speed);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private void waitUntil(long wallStart, long vehicleStart, long vehicleNanos) {
        if (speed == AS_FAST_AS_POSSIBLE) {
            return;
        }
        long wallTarget = wallStart + (long) ((vehicleNanos - vehicleStart) / speed);
        long remaining;
        while (!stopRequested && (remaining = wallTarget - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }
}
