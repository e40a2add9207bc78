package org.avfusion.drivers.pointcloud.io;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a point cloud reader did so far, as an immutable snapshot: every file handed to it is either accepted or
 * rejected for exactly one {@link RejectReason}.
 *
 * @param filesAccepted          files read into a cloud
 * @param pointsAccepted         points added to clouds, over all accepted files
 * @param nonFinitePointsSkipped points left out under {@link NonFinitePolicy#SKIP_POINT}
 * @param rejectedByReason       rejected files per reason (every reason present, zero when none)
 * @param lastError              message of the last rejection (names file, offset or field), "" when none
 */
public record PointCloudReadStats(long filesAccepted, long pointsAccepted, long nonFinitePointsSkipped,
        Map<RejectReason, Long> rejectedByReason, String lastError) {

    public PointCloudReadStats {
        if (filesAccepted < 0 || pointsAccepted < 0 || nonFinitePointsSkipped < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        EnumMap<RejectReason, Long> copy = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            Long n = rejectedByReason.get(r);
            copy.put(r, n == null ? 0L : n);
        }
        rejectedByReason = java.util.Collections.unmodifiableMap(copy);
        if (lastError == null) {
            throw new IllegalArgumentException("lastError must not be null (use \"\")");
        }
    }

    /** Files rejected for any reason. */
    public long rejected() {
        long n = 0;
        for (long v : rejectedByReason.values()) {
            n += v;
        }
        return n;
    }

    /** Rejected files of one reason. */
    public long rejected(RejectReason reason) {
        return rejectedByReason.get(reason);
    }
}
