package org.avfusion.drivers.lidar;

import java.util.EnumMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiConsumer;

/**
 * The mutable counters of one lidar driver (decoder, transport and assembler report into the same instance).
 *
 * <p>Threading: written by the driver's one thread; {@link #snapshot()} may be called from any thread (counters
 * are volatile or atomic, so a snapshot is fresh though not atomic across counters). Counting does not allocate;
 * a rejection builds its message (bad input is rare and worth a message).
 */
public final class LidarStats {
    private final String name;
    private final AtomicLongArray rejected = new AtomicLongArray(LidarRejectReason.values().length);
    private volatile long packets;
    private volatile long points;
    private volatile long noReturnPoints;
    private volatile long scans;
    private volatile long ignoredFrames;
    private volatile long positionPackets;
    private volatile String lastError = "";
    private String origin = "";
    private long originOffset = -1;
    private BiConsumer<LidarRejectReason, String> rejectListener;

    public LidarStats(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Names where the input now being decoded comes from, for rejection messages: a file and the byte offset of
     * the packet in it, or a socket address with offset -1.
     */
    public void setOrigin(String source, long offset) {
        this.origin = source;
        this.originOffset = offset;
    }

    /** Counts one decoded data packet with its emitted and no-return points. */
    public void packetDecoded(int emitted, int noReturn) {
        packets = packets + 1;
        points = points + emitted;
        noReturnPoints = noReturnPoints + noReturn;
    }

    public void scanPublished() {
        scans = scans + 1;
    }

    public void frameIgnored() {
        ignoredFrames = ignoredFrames + 1;
    }

    public void positionPacket() {
        positionPackets = positionPackets + 1;
    }

    /**
     * Hands every later rejection to {@code listener} as well, with its whole message (origin, offset, reason,
     * detail), on the thread that counts it: a recording keeps each skip's message, where {@link #lastError()} keeps
     * the last one only. Set it before the driver reads; null removes it.
     */
    public void onReject(BiConsumer<LidarRejectReason, String> listener) {
        this.rejectListener = listener;
    }

    /** Counts a rejection and keeps its message, prefixed by the origin set last. */
    public void reject(LidarRejectReason reason, String detail) {
        rejected.incrementAndGet(reason.ordinal());
        String where = origin.isEmpty() ? "" : originOffset >= 0 ? origin + " at offset " + originOffset + ": "
                : origin + ": ";
        lastError = where + reason + ": " + detail;
        BiConsumer<LidarRejectReason, String> listener = rejectListener;
        if (listener != null) {
            listener.accept(reason, lastError);
        }
    }

    public long rejected(LidarRejectReason reason) {
        return rejected.get(reason.ordinal());
    }

    public long packets() {
        return packets;
    }

    public long points() {
        return points;
    }

    public String lastError() {
        return lastError;
    }

    public String name() {
        return name;
    }

    public LidarHealth snapshot() {
        EnumMap<LidarRejectReason, Long> map = new EnumMap<>(LidarRejectReason.class);
        for (LidarRejectReason r : LidarRejectReason.values()) {
            map.put(r, rejected.get(r.ordinal()));
        }
        return new LidarHealth(name, packets, points, noReturnPoints, scans, ignoredFrames, positionPackets, map,
                lastError);
    }
}
