package org.avfusion.runtime.ring;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;

/**
 * The {@link FrameSink} drivers publish into: stamps arrival time, finds the sensor's index and applies its
 * {@link RingFullPolicy} when the ring is full. Every outcome is counted per sensor: published, dropped (full ring),
 * stalled (waited for a slot), replaced (an older waiting camera frame dropped for a newer one), rejected (unknown
 * sensor or a payload of the wrong kind).
 *
 * <p>Thread-safe: drivers publish from their own threads. Ownership: a pooled payload belongs to the ring once
 * published; a dropped one is released here.
 */
public final class RingFrameSink implements FrameSink {
    private final FrameRing ring;
    private final RingBuffer<FrameEvent> ringBuffer;
    private final Map<SensorId, Integer> index = new HashMap<>();
    private final SensorId[] sensors;
    private final RingFullPolicy[] policies;
    private final Pending[] pending;
    private final VehicleClock arrivalClock;
    private final AtomicLongArray published;
    private final AtomicLongArray dropped;
    private final AtomicLongArray stalled;
    private final AtomicLongArray replaced;
    private final AtomicLongArray rejected;
    private final java.util.concurrent.atomic.AtomicLong unknown = new java.util.concurrent.atomic.AtomicLong();

    /** The newest frame waiting for a slot, for DROP_OLDEST sensors. */
    private static final class Pending {
        FrameHeader header;
        Payload payload;
    }

    /**
     * @param sensors      sensors in index order
     * @param policies     policy per sensor, same order
     * @param arrivalClock stamps arrivals (the vehicle clock; in replay, the replay clock)
     */
    public RingFrameSink(FrameRing ring, List<SensorId> sensors, List<RingFullPolicy> policies, VehicleClock arrivalClock) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.ringBuffer = ring.ringBuffer();
        if (sensors.size() != policies.size()) {
            throw new IllegalArgumentException("one policy per sensor: " + sensors.size() + " vs " + policies.size());
        }
        this.sensors = sensors.toArray(new SensorId[0]);
        this.policies = policies.toArray(new RingFullPolicy[0]);
        this.pending = new Pending[this.sensors.length];
        for (int i = 0; i < this.sensors.length; i++) {
            if (index.put(this.sensors[i], i) != null) {
                throw new IllegalArgumentException("sensor " + this.sensors[i] + " configured twice");
            }
            pending[i] = new Pending();
        }
        this.arrivalClock = Objects.requireNonNull(arrivalClock, "arrivalClock");
        int n = this.sensors.length;
        published = new AtomicLongArray(n);
        dropped = new AtomicLongArray(n);
        stalled = new AtomicLongArray(n);
        replaced = new AtomicLongArray(n);
        rejected = new AtomicLongArray(n);
    }

    @Override
    public boolean publish(FrameHeader header, Payload payload) {
        Integer boxed = index.get(header.sensor());
        if (boxed == null) {
            unknown.incrementAndGet();
            release(payload);
            return false;
        }
        int i = boxed;
        if (payload.kind() != sensors[i].kind() || ring.isClosed()) {
            rejected.incrementAndGet(i);
            release(payload);
            return false;
        }
        switch (policies[i]) {
            case BLOCK -> {
                if (!ringBuffer.hasAvailableCapacity(1)) {
                    stalled.incrementAndGet(i);
                }
                long seq = ringBuffer.next();
                write(seq, i, header, payload);
                return true;
            }
            case DROP_NEWEST -> {
                if (!tryWrite(i, header, payload)) {
                    dropped.incrementAndGet(i);
                    release(payload);
                    return false;
                }
                return true;
            }
            case DROP_OLDEST -> {
                Pending p = pending[i];
                synchronized (p) {
                    if (p.payload != null) {
                        if (tryWrite(i, p.header, p.payload)) {
                            p.header = null;
                            p.payload = null;
                        } else {
                            replaced.incrementAndGet(i);
                            dropped.incrementAndGet(i);
                            release(p.payload);
                            p.header = header;
                            p.payload = payload;
                            return true;
                        }
                    }
                    if (!tryWrite(i, header, payload)) {
                        p.header = header;
                        p.payload = payload;
                    }
                    return true;
                }
            }
            default -> throw new IllegalStateException("unknown policy " + policies[i]);
        }
    }

    /**
     * Tries to publish frames waiting under DROP_OLDEST (called on every clock tick). Does nothing once the ring is
     * stopped: a frame written then would never reach the clearing handler; {@link #discardPending()} releases it.
     */
    public void flushPending() {
        if (ring.isClosed()) {
            return;
        }
        for (int i = 0; i < pending.length; i++) {
            Pending p = pending[i];
            if (p.payload == null) {
                continue;
            }
            synchronized (p) {
                if (p.payload != null && tryWrite(i, p.header, p.payload)) {
                    p.header = null;
                    p.payload = null;
                }
            }
        }
    }

    /** Releases frames still waiting (at shutdown). */
    public void discardPending() {
        for (Pending p : pending) {
            synchronized (p) {
                if (p.payload != null) {
                    release(p.payload);
                    p.header = null;
                    p.payload = null;
                }
            }
        }
    }

    private boolean tryWrite(int i, FrameHeader header, Payload payload) {
        long seq;
        try {
            seq = ringBuffer.tryNext();
        } catch (InsufficientCapacityException e) {
            return false;
        }
        write(seq, i, header, payload);
        return true;
    }

    private void write(long seq, int i, FrameHeader header, Payload payload) {
        try {
            ringBuffer.get(seq).setFrame(i, header, payload, arrivalClock.nowNanos(), System.nanoTime());
        } finally {
            ringBuffer.publish(seq);
        }
        published.incrementAndGet(i);
    }

    private static void release(Payload payload) {
        if (payload instanceof PooledPayload pooled) {
            pooled.release();
        }
    }

    public SensorId sensor(int i) {
        return sensors[i];
    }

    public int sensorCount() {
        return sensors.length;
    }

    public long publishedCount(int i) {
        return published.get(i);
    }

    /** Frames lost to a full ring (DROP_NEWEST, and DROP_OLDEST replacements). */
    public long droppedCount(int i) {
        return dropped.get(i);
    }

    /** Times a BLOCK sensor found the ring full and waited. */
    public long stalledCount(int i) {
        return stalled.get(i);
    }

    public long replacedCount(int i) {
        return replaced.get(i);
    }

    public long rejectedCount(int i) {
        return rejected.get(i);
    }

    /** Frames from sensors not in the configuration. */
    public long unknownSensorCount() {
        return unknown.get();
    }
}
