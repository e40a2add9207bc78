package org.avfusion.drivers.source;

import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;

/**
 * A {@link RecordedSource} moved onto another time axis: every frame's stamp is shifted by {@code stampShiftNanos}
 * and its arrival by {@code arrivalShiftNanos} (a logger's clock offset, or a sensor time that counts from the top
 * of the hour made absolute). Not thread-safe: one replay thread.
 */
public final class RetimedSource implements RecordedSource {
    private final RecordedSource source;
    private final long stampShiftNanos;
    private final long arrivalShiftNanos;

    public RetimedSource(RecordedSource source, long stampShiftNanos, long arrivalShiftNanos) {
        this.source = Objects.requireNonNull(source, "source");
        this.stampShiftNanos = stampShiftNanos;
        this.arrivalShiftNanos = arrivalShiftNanos;
    }

    @Override
    public long nextArrivalNanos() {
        long next = source.nextArrivalNanos();
        return next == END ? END : next + arrivalShiftNanos;
    }

    @Override
    public void emitNext(FrameSink sink) {
        source.emitNext((header, payload) -> sink.publish(new FrameHeader(header.sensor(),
                header.stampNanos() + stampShiftNanos, header.sequence()), payload));
    }

    @Override
    public void prepareUntil(long horizonNanos) {
        long h = horizonNanos - arrivalShiftNanos;
        // a subtraction that wraps around means the horizon is past every frame, or before all of them
        boolean wrapped = ((horizonNanos ^ arrivalShiftNanos) & (horizonNanos ^ h)) < 0;
        source.prepareUntil(wrapped ? (arrivalShiftNanos < 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : h);
    }

    @Override
    public void preallocateBuffers(int buffersPerStream) {
        source.preallocateBuffers(buffersPerStream);
    }

    @Override
    public String describe() {
        return source.describe();
    }

    @Override
    public void close() {
        source.close();
    }
}
