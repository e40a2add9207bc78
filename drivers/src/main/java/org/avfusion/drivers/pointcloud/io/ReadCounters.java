package org.avfusion.drivers.pointcloud.io;

import java.util.EnumMap;

/** The mutable counters behind {@link PointCloudReadStats}; confined to the reader's thread. */
final class ReadCounters {
    private long filesAccepted;
    private long pointsAccepted;
    private long nonFiniteSkipped;
    private final long[] rejected = new long[RejectReason.values().length];
    private String lastError = "";

    void accepted(int points, int nonFinite) {
        filesAccepted++;
        pointsAccepted += points;
        nonFiniteSkipped += nonFinite;
    }

    void rejected(PointCloudFormatException e) {
        rejected[e.reason().ordinal()]++;
        lastError = e.getMessage();
    }

    PointCloudReadStats snapshot() {
        EnumMap<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            byReason.put(r, rejected[r.ordinal()]);
        }
        return new PointCloudReadStats(filesAccepted, pointsAccepted, nonFiniteSkipped, byReason, lastError);
    }
}
