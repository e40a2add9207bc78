package org.avfusion.drivers.source;

import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.pool.PooledPayload;

/**
 * The part of a {@link RecordedSource} that arrives in {@code [from, to)} seconds after a given origin: frames before
 * it are read and released at construction (a recording is read in order), and the source ends at the first frame
 * at or after {@code to}. Not thread-safe: one replay thread.
 */
public final class RecordedWindow implements RecordedSource {
    private static final FrameSink DISCARD = (FrameHeader header, Payload payload) -> {
        if (payload instanceof PooledPayload pooled) {
            pooled.release();
        }
        return false;
    };

    private final RecordedSource source;
    private final long endNanos;
    private final double fromSeconds;
    private final double toSeconds;

    /**
     * @param originNanos arrival the window is measured from (usually the first frame's)
     * @param fromSeconds start, >= 0
     * @param toSeconds   end, > from ({@link Double#POSITIVE_INFINITY}: to the end)
     */
    public RecordedWindow(RecordedSource source, long originNanos, double fromSeconds, double toSeconds) {
        this.source = Objects.requireNonNull(source, "source");
        if (!(fromSeconds >= 0) || !(toSeconds > fromSeconds)) {
            throw new IllegalArgumentException("window must have 0 <= from < to, was [" + fromSeconds + ", "
                    + toSeconds + ")");
        }
        this.fromSeconds = fromSeconds;
        this.toSeconds = toSeconds;
        long start = originNanos + (long) (fromSeconds * 1e9);
        this.endNanos = toSeconds == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : originNanos + (long) (toSeconds * 1e9);
        while (source.nextArrivalNanos() < start && source.nextArrivalNanos() != END) {
            source.emitNext(DISCARD);
        }
    }

    @Override
    public long nextArrivalNanos() {
        long next = source.nextArrivalNanos();
        return next >= endNanos ? END : next;
    }

    @Override
    public void emitNext(FrameSink sink) {
        if (nextArrivalNanos() == END) {
            throw new IllegalStateException("recorded window is exhausted");
        }
        source.emitNext(sink);
    }

    @Override
    public void prepareUntil(long horizonNanos) {
        if (nextArrivalNanos() != END) {
            source.prepareUntil(Math.min(horizonNanos, endNanos - 1));
        }
    }

    @Override
    public void preallocateBuffers(int buffersPerStream) {
        source.preallocateBuffers(buffersPerStream);
    }

    @Override
    public String describe() {
        return source.describe() + " [" + fromSeconds + " s, " + toSeconds + " s)";
    }

    @Override
    public void close() {
        source.close();
    }
}
