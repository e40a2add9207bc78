package org.avfusion.runtime.odometry;

/**
 * Counters of a {@link LidarOdometry} since it was built, for health reporting.
 *
 * @param sweepsProcessed           sweeps registered or predicted (everything not rejected)
 * @param emptySweeps               sweeps without one usable point
 * @param outOfOrderSweeps          sweeps rejected for a stamp not newer than the last one's
 * @param nonFinitePointsSkipped    points with a NaN or infinite coordinate, skipped
 * @param predictedSweeps           sweeps with too few correspondences, posed by prediction
 * @param notConvergedSweeps        tracked sweeps whose ICP stopped unconverged (iteration limit, or a
 *                                  degenerate system)
 * @param degradedSweeps            registered sweeps with a translation direction the geometry did not constrain
 *                                  ({@link OdometryQuality#DEGRADED})
 */
public record OdometryStats(long sweepsProcessed, long emptySweeps, long outOfOrderSweeps,
        long nonFinitePointsSkipped, long predictedSweeps, long notConvergedSweeps,
        long degradedSweeps) {
}
