package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Test;

/**
 * The degeneracy check of {@link LidarOdometry} in a corridor: flat ground and two long walls along x, nothing else.
 * Nothing fixes the motion along the corridor; the lidar moves 1 m a sweep along it.
 */
class LidarOdometryDegeneracyTest {
    private static final long SEED = 5L;
    private static final long PERIOD_NANOS = 100_000_000L;
    private static final double RANGE_METERS = 50;
    private static final int SWEEPS = 15;

    /** Random points on the ground (z = -1.8) and on walls at y = +-6, the lidar at x = k metres. */
    private static PointCloud sweep(SplittableRandom rng, int k) {
        PointCloud cloud = new PointCloud(40_000);
        for (int i = 0; i < 40_000; i++) {
            double x = rng.nextDouble(-RANGE_METERS, RANGE_METERS);
            double y, z;
            if (i % 2 == 0) {
                y = rng.nextDouble(-6, 6);
                z = -1.8;
            } else {
                y = rng.nextBoolean() ? 6 : -6;
                z = rng.nextDouble(-1.8, 3);
            }
            cloud.add((float) x, (float) y, (float) (z + 0.01 * rng.nextGaussian()), 0, 0, 0);
        }
        return cloud;
    }

    @Test
    void keepsThePredictionAlongTheCorridorAndSaysSo() {
        OdometryConfig config = OdometryConfig.forMaxRange(RANGE_METERS)
                .withResidual(IcpResidual.POINT_TO_PLANE_ON_PLANES)
                .withMinConstraintFraction(OdometryConfig.DEFAULT_MIN_CONSTRAINT_FRACTION);
        LidarOdometry odometry = new LidarOdometry(config);
        odometry.setVelocity(10, 0, 0, 0, 0, 0); // as a wheel-speed sensor would say
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int k = 0; k < SWEEPS; k++) {
            OdometryEstimate e = odometry.process(sweep(rng, k), k * PERIOD_NANOS);
            if (k == 0) {
                continue;
            }
            assertEquals(OdometryQuality.DEGRADED, e.quality(), "seed " + SEED + ", sweep " + k);
            assertTrue(odometry.lastWeakestConstraintFraction() < 0.001, "sweep " + k + ": weakest constraint "
                    + odometry.lastWeakestConstraintFraction());
            // the world is the same wherever the lidar is: the registration alone would say standstill
            assertEquals(k, e.odomFromLidar().txMeters(), 1e-3, "sweep " + k + ": x is the prediction");
            assertEquals(0, e.odomFromLidar().tyMeters(), 0.01, "sweep " + k + ": y registered");
            assertEquals(0, e.odomFromLidar().tzMeters(), 0.01, "sweep " + k + ": z registered");
        }
        assertEquals(SWEEPS - 1, odometry.stats().degradedSweeps());
    }

    /** Measured: x 13.02 m after 14 m, every sweep TRACKING (the x curvature is noise: the solver wanders). */
    @Test
    void withoutTheCheckTheCorridorTracksConfidentlyAndWrongly() {
        LidarOdometry odometry = new LidarOdometry(OdometryConfig.forMaxRange(RANGE_METERS)
                .withResidual(IcpResidual.POINT_TO_PLANE_ON_PLANES));
        odometry.setVelocity(10, 0, 0, 0, 0, 0);
        SplittableRandom rng = new SplittableRandom(SEED);
        OdometryEstimate last = null;
        for (int k = 0; k < SWEEPS; k++) {
            last = odometry.process(sweep(rng, k), k * PERIOD_NANOS);
            assertEquals(k == 0 ? OdometryQuality.INITIALIZED : OdometryQuality.TRACKING, last.quality(),
                    "sweep " + k);
        }
        assertTrue(Double.isNaN(odometry.lastWeakestConstraintFraction()));
        assertTrue(Math.abs(last.odomFromLidar().txMeters() - (SWEEPS - 1)) > 0.5, "a confident wrong answer: x "
                + last.odomFromLidar().txMeters() + " m after " + (SWEEPS - 1) + " m");
    }
}
