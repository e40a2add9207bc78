package org.avfusion.runtime.align;

import static org.avfusion.calibration.yaml.Bounds.*;

/**
 * Settings of the {@link TimeAligner}.
 *
 * @param referenceSensor       the sensor whose frames define the sets (default: the lidar)
 * @param cameraToleranceMillis a camera frame joins a set when its corrected stamp is within this of the
 *                              reference stamp (nearest one wins)
 * @param maxWaitMillis         how long past the reference's arrival a set may wait for late partners before it
 *                              goes out partial
 * @param poseMaxGapMillis      GNSS/IMU samples further than this from the reference stamp do not count for the
 *                              interpolated ego motion (extrapolation limit)
 * @param historyMillis         how much history per sensor is kept for matching
 */
public record AlignmentConfig(
        String referenceSensor,
        double cameraToleranceMillis,
        double maxWaitMillis,
        double poseMaxGapMillis,
        double historyMillis) {

    public AlignmentConfig {
        requireNonBlank("alignment.referenceSensor", referenceSensor, "lidar_top");
        requirePositive("alignment.cameraToleranceMillis", cameraToleranceMillis, 1_000, "ms");
        requirePositive("alignment.maxWaitMillis", maxWaitMillis, 10_000, "ms");
        requirePositive("alignment.poseMaxGapMillis", poseMaxGapMillis, 10_000, "ms");
        requirePositive("alignment.historyMillis", historyMillis, 60_000, "ms");
        if (historyMillis < maxWaitMillis + cameraToleranceMillis) {
            throw new IllegalArgumentException("alignment.historyMillis (" + historyMillis
                    + ") must be >= maxWaitMillis + cameraToleranceMillis (" + (maxWaitMillis + cameraToleranceMillis) + ")");
        }
    }

    long cameraToleranceNanos() {
        return Math.round(cameraToleranceMillis * 1e6);
    }

    long maxWaitNanos() {
        return Math.round(maxWaitMillis * 1e6);
    }

    long poseMaxGapNanos() {
        return Math.round(poseMaxGapMillis * 1e6);
    }

    long historyNanos() {
        return Math.round(historyMillis * 1e6);
    }
}
