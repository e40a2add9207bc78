package org.avfusion.runtime.align;

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
        if (referenceSensor == null || referenceSensor.isBlank()) {
            throw new IllegalArgumentException("alignment.referenceSensor is missing: name a configured sensor, e.g. lidar_top");
        }
        requirePositive("alignment.cameraToleranceMillis", cameraToleranceMillis);
        requirePositive("alignment.maxWaitMillis", maxWaitMillis);
        requirePositive("alignment.poseMaxGapMillis", poseMaxGapMillis);
        requirePositive("alignment.historyMillis", historyMillis);
        if (historyMillis < maxWaitMillis + cameraToleranceMillis) {
            throw new IllegalArgumentException("alignment.historyMillis (" + historyMillis
                    + ") must be >= maxWaitMillis + cameraToleranceMillis (" + (maxWaitMillis + cameraToleranceMillis) + ")");
        }
    }

    static void requirePositive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
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
