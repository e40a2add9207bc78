package org.avfusion.drivers.lidar;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one lidar driver's counters.
 *
 * @param name           the driver's name (usually its sensor id)
 * @param packets        data packets decoded
 * @param points         points emitted (with a return)
 * @param noReturnPoints beams that reported no return (not emitted)
 * @param scans          scans published
 * @param ignoredFrames  captured frames that were not for this driver (other ports, ARP, non-UDP)
 * @param positionPackets Velodyne position packets parsed
 * @param rejected       rejected input per reason (every reason present, zero when none)
 * @param lastError      the last rejection's message naming origin and offset or field; empty when none
 */
public record LidarHealth(String name, long packets, long points, long noReturnPoints, long scans,
                          long ignoredFrames, long positionPackets, Map<LidarRejectReason, Long> rejected,
                          String lastError) {
    public LidarHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastError, "lastError");
        EnumMap<LidarRejectReason, Long> copy = new EnumMap<>(LidarRejectReason.class);
        for (LidarRejectReason r : LidarRejectReason.values()) {
            copy.put(r, rejected.getOrDefault(r, 0L));
        }
        rejected = Collections.unmodifiableMap(copy);
    }

    /** Rejections of one reason. */
    public long rejected(LidarRejectReason reason) {
        return rejected.get(reason);
    }

    /** Rejections of every reason together. */
    public long rejectedTotal() {
        long sum = 0;
        for (long n : rejected.values()) {
            sum += n;
        }
        return sum;
    }
}
