package org.avfusion.drivers.source;

import java.util.Collection;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;

/**
 * A source whose frames carry their own time: a recorded drive or a simulation. It yields frames in the
 * order they would arrive at the runtime (capture stamp plus the sensor's transport latency), so a
 * {@link ReplayPacer} can release them on a replay clock at any speed and the runtime sees the same
 * sequence every time.
 *
 * <p>Not thread-safe: one replay thread drives it.
 */
public interface RecordedSource extends AutoCloseable {
    /** Returned by {@link #nextArrivalNanos()} when the source is exhausted. */
    long END = Long.MAX_VALUE;

    /** Vehicle-clock time at which the next frame arrives at the runtime, or {@link #END}. */
    long nextArrivalNanos();

    /**
     * Publishes the next frame to the sink.
     *
     * @throws IllegalStateException if the source is exhausted
     */
    void emitNext(FrameSink sink);

    /**
     * Gets the frames that arrive at or before {@code horizonNanos} ready ahead of their arrival, so that
     * {@link #emitNext} only publishes them: a simulated sensor renders its sweep or image here, a recording reads and
     * decodes its file, as a real sensor has its frame complete when it arrives. A {@link ReplayPacer} in real time
     * calls it {@link ReplayPacer#PREPARE_LEAD_NANOS} before the next frame is due, with a horizon as far past that
     * frame (as fast as possible: at once, with the next frame's arrival); without it (the default does nothing) the
     * work happens in {@link #emitNext}, after the replay clock has reached the arrival, and counts in the runtime's
     * latency. A source may prepare fewer (e.g. only its next frame).
     *
     * <p>Contract: {@link #nextArrivalNanos()} and the frames {@link #emitNext} publishes are the same with or without
     * this call; a frame is prepared once however often it is called.
     */
    default void prepareUntil(long horizonNanos) {
    }

    /**
     * Creates now, before the replay's clock starts, up to {@code buffersPerStream} of the pooled buffers each of this
     * source's streams hands out (never more than a pool holds), so that a paced replay's first frames are not read
     * into buffers made while the vehicle drives (a KITTI sweep's cloud is 2.5 MB). The default does nothing: a
     * source without pools, or whose pools are already full. Frames and stamps are the same with or without it.
     *
     * @throws IllegalArgumentException when {@code buffersPerStream} is negative
     */
    default void preallocateBuffers(int buffersPerStream) {
        if (buffersPerStream < 0) {
            throw new IllegalArgumentException("buffers per stream must be >= 0, was " + buffersPerStream);
        }
    }

    /**
     * For a {@link #preallocateBuffers} whose pool serves every stream of one kind: {@code buffersPerStream} for each
     * of {@code sensors} of {@code kind} (at most {@link Integer#MAX_VALUE}; the pool caps it at its own bound).
     */
    static int buffersFor(Collection<SensorId> sensors, SensorKind kind, int buffersPerStream) {
        long streams = sensors.stream().filter(s -> s.kind() == kind).count();
        return (int) Math.min(Integer.MAX_VALUE, streams * buffersPerStream);
    }

    /** One line for logs, e.g. {@code simulated drive 'pedestrian-crossing' (20.0 s)}. */
    String describe();

    @Override
    default void close() {
    }
}
