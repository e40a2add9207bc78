package org.avfusion.scenarios.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.source.FrameSink;

/**
 * Applies {@link Fault}s to the frames passing from a source to the runtime.
 *
 * <ul>
 * <li>{@link Fault#silence}: from a capture stamp on, a sensor's frames are swallowed (a dead or unplugged sensor);
 * swallowed pooled payloads are released, as the ownership rule requires of a sink that drops.</li>
 * <li>{@link Fault#swapPairs}: within a stamp window, each pair of consecutive frames of a sensor is delivered in
 * reverse order (a driver or network reordering).</li>
 * </ul>
 *
 * <p>Single producer thread (a replay). Counts what it did.
 */
public final class FaultInjectingSink implements FrameSink {
    private final FrameSink target;
    private final List<Fault> faults;
    private final AtomicLong swallowed = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private FrameHeader heldHeader;
    private Payload heldPayload;

    /** A fault on one sensor over a window of capture stamps (vehicle time, ns). */
    public record Fault(Kind kind, SensorId sensor, long fromStampNanos, long toStampNanos) {
        /** What goes wrong. */
        public enum Kind {
            SILENCE,
            SWAP_PAIRS
        }

        public Fault {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(sensor, "sensor");
            if (toStampNanos < fromStampNanos) {
                throw new IllegalArgumentException("fault window ends before it starts: " + fromStampNanos + " > "
                        + toStampNanos);
            }
        }

        /** The sensor goes silent from {@code fromSeconds} on. */
        public static Fault silence(SensorId sensor, double fromSeconds) {
            return new Fault(Kind.SILENCE, sensor, Math.round(fromSeconds * 1e9), Long.MAX_VALUE);
        }

        /** The sensor's frames arrive pairwise swapped between the two times. */
        public static Fault swapPairs(SensorId sensor, double fromSeconds, double toSeconds) {
            return new Fault(Kind.SWAP_PAIRS, sensor, Math.round(fromSeconds * 1e9), Math.round(toSeconds * 1e9));
        }

        boolean covers(FrameHeader h) {
            return h.sensor().equals(sensor) && h.stampNanos() >= fromStampNanos && h.stampNanos() <= toStampNanos;
        }
    }

    public FaultInjectingSink(FrameSink target, List<Fault> faults) {
        this.target = Objects.requireNonNull(target, "target");
        this.faults = new ArrayList<>(faults);
    }

    @Override
    public boolean publish(FrameHeader header, Payload payload) {
        if (heldHeader != null && heldHeader.sensor().equals(header.sensor())
                && faults.stream().noneMatch(f -> f.covers(header))) {
            // the window closed with one frame held back: deliver it before the newer one
            target.publish(heldHeader, heldPayload);
            heldHeader = null;
            heldPayload = null;
        }
        for (Fault f : faults) {
            if (!f.covers(header)) {
                continue;
            }
            switch (f.kind()) {
                case SILENCE -> {
                    swallowed.incrementAndGet();
                    if (payload instanceof PooledPayload pooled) {
                        pooled.release();
                    }
                    return true;
                }
                case SWAP_PAIRS -> {
                    if (heldHeader == null) {
                        heldHeader = header;
                        heldPayload = payload;
                        return true;
                    }
                    if (heldHeader.sensor().equals(header.sensor())) {
                        boolean accepted = target.publish(header, payload);
                        target.publish(heldHeader, heldPayload);
                        heldHeader = null;
                        heldPayload = null;
                        reordered.incrementAndGet();
                        return accepted;
                    }
                }
                default -> throw new IllegalStateException("unknown fault " + f.kind());
            }
        }
        return target.publish(header, payload);
    }

    /** Frames swallowed by SILENCE faults. */
    public long swallowedCount() {
        return swallowed.get();
    }

    /** Pairs delivered in reverse order. */
    public long reorderedCount() {
        return reordered.get();
    }
}
