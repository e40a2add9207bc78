package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Test;

/** {@link LidarOdometry} on a synthetic static world with known motion, and its handling of bad input. */
class LidarOdometryTest {
    private static final long PERIOD_NANOS = 100_000_000L;
    private static final SyntheticScene SCENE = new SyntheticScene(42);

    /** 1 m and 0.01 rad per sweep: a car at 10 m/s turning at 0.1 rad/s. */
    private static RigidTransform poseAt(int k) {
        return RigidTransform.fromRollPitchYaw(0, 0, 0, 0, 0, 0.01 * k).compose(RigidTransform.translation(k, 0, 0));
    }

    @Test
    void followsAConstantTurnInAStaticWorld() {
        LidarOdometry odometry = new LidarOdometry(OdometryConfig.forMaxRange(50));
        OdometryEstimate last = null;
        for (int k = 0; k < 20; k++) {
            PointCloud cloud = new PointCloud(SCENE.size);
            SCENE.sweep(poseAt(k), 50, null, PERIOD_NANOS, cloud);
            last = odometry.process(cloud, k * PERIOD_NANOS);
            assertEquals(k == 0 ? OdometryQuality.INITIALIZED : OdometryQuality.TRACKING, last.quality(), "sweep " + k);
            RigidTransform error = poseAt(k).inverse().compose(last.odomFromLidar());
            assertTrue(error.translationNormMeters() < 0.02, "sweep " + k + ": error " + error);
            assertTrue(error.rotationAngleRad() < 1e-3, "sweep " + k + ": error " + error);
        }
        assertTrue(last.converged());
        assertEquals(10.0, last.speedMetersPerSec(), 0.2);
        assertEquals(0.1, last.yawRateRadPerSec(), 0.01);
        assertTrue(last.correspondences() > 500, "correspondences " + last.correspondences());
    }

    /** A spinning lidar moving at 10 m/s and 0.1 rad/s: deskewing with per-point times removes the smear. */
    @Test
    void deskewsSweepsFromPerPointTimes() {
        double[] twist = {10, 0, 0, 0, 0, 0.1};
        double withoutTimes = drift(twist, false);
        double withTimes = drift(twist, true);
        System.out.printf(java.util.Locale.ROOT, "spinning lidar, 2 s: end error %.4f m deskewed, %.4f m not%n",
                withTimes, withoutTimes);
        assertTrue(withTimes < 0.05, "deskewed end error " + withTimes);
        assertTrue(withTimes < withoutTimes, "deskewing helps: " + withTimes + " vs " + withoutTimes);
    }

    /**
     * End position error after 20 sweeps of constant twist, with the clouds' times kept or zeroed. Poses hold at the
     * middle of a sweep (offsets span [0, 100) ms): the truth is taken there, relative to the first sweep's middle.
     */
    private static double drift(double[] twist, boolean keepTimes) {
        LidarOdometry odometry = new LidarOdometry(OdometryConfig.forMaxRange(50));
        double[] m = new double[12];
        RigidTransform start = RigidTransform.identity();
        OdometryEstimate last = null;
        for (int k = 0; k < 20; k++) {
            PointCloud moving = new PointCloud(SCENE.size);
            SCENE.sweep(start, 50, twist, PERIOD_NANOS, moving);
            PointCloud cloud = moving;
            if (!keepTimes) {
                cloud = new PointCloud(SCENE.size);
                for (int i = 0; i < moving.size(); i++) {
                    cloud.add(moving.x(i), moving.y(i), moving.z(i), 0, 0, 0);
                }
            }
            last = odometry.process(cloud, k * PERIOD_NANOS);
            if (k < 19) {
                Se3.exp(twist[0], twist[1], twist[2], twist[3], twist[4], twist[5], PERIOD_NANOS / 1e9, m);
                start = start.compose(RigidTransform.fromMatrix3x4(m));
            }
        }
        // with times, the last pose is at sweep 19's middle in the frame of sweep 0's middle: the same motion as
        // between the starts; without times it is at the stamp in the frame of sweep 0's stamp, the same again
        assertEquals(19 * PERIOD_NANOS + (keepTimes ? PERIOD_NANOS / 2 : 0), last.poseTimeNanos(), PERIOD_NANOS / 100.0);
        return start.inverse().compose(last.odomFromLidar()).translationNormMeters();
    }

    @Test
    void rejectsSweepsNotNewerThanTheLastAndCountsThem() {
        LidarOdometry odometry = new LidarOdometry(OdometryConfig.forMaxRange(50));
        odometry.process(sweepAt(0), 1_000);
        OdometryEstimate second = odometry.process(sweepAt(1), 1_000 + PERIOD_NANOS);
        OdometryEstimate older = odometry.process(sweepAt(2), 1_000 + PERIOD_NANOS / 2);
        OdometryEstimate same = odometry.process(sweepAt(2), 1_000 + PERIOD_NANOS);
        assertEquals(OdometryQuality.OUT_OF_ORDER, older.quality());
        assertEquals(OdometryQuality.OUT_OF_ORDER, same.quality());
        assertEquals(second.odomFromLidar(), older.odomFromLidar(), "a rejected sweep changes nothing");
        assertEquals(2, odometry.stats().outOfOrderSweeps());
        assertEquals(2, odometry.stats().sweepsProcessed());
        OdometryEstimate third = odometry.process(sweepAt(2), 1_000 + 2 * PERIOD_NANOS);
        assertEquals(OdometryQuality.TRACKING, third.quality());
        assertTrue(poseAt(2).inverse().compose(third.odomFromLidar()).translationNormMeters() < 0.02);
    }

    @Test
    void skipsAndCountsNonFinitePoints() {
        LidarOdometry odometry = new LidarOdometry(OdometryConfig.forMaxRange(50));
        odometry.process(sweepAt(0), 0);
        PointCloud clean = sweepAt(1);
        PointCloud dirty = new PointCloud(clean.size() + 3);
        dirty.add(Float.NaN, 1, 1, 0, 0, 0);
        for (int i = 0; i < clean.size(); i++) {
            dirty.add(clean.x(i), clean.y(i), clean.z(i), 0, 0, 0);
        }
        dirty.add(1, Float.POSITIVE_INFINITY, 1, 0, 0, 0);
        dirty.add(1, 1, Float.NaN, 0, 0, 0);
        OdometryEstimate e = odometry.process(dirty, PERIOD_NANOS);
        assertEquals(OdometryQuality.TRACKING, e.quality());
        assertEquals(3, odometry.stats().nonFinitePointsSkipped());
        assertTrue(poseAt(1).inverse().compose(e.odomFromLidar()).translationNormMeters() < 0.02);
    }

    @Test
    void anEmptyOrAllNanSweepChangesNothing() {
        LidarOdometry odometry = new LidarOdometry(OdometryConfig.forMaxRange(50));
        assertEquals(OdometryQuality.EMPTY_SWEEP, odometry.process(new PointCloud(4), 0).quality());
        odometry.process(sweepAt(0), 0);
        OdometryEstimate second = odometry.process(sweepAt(1), PERIOD_NANOS);
        PointCloud nan = new PointCloud(2);
        nan.add(Float.NaN, Float.NaN, Float.NaN, 0, 0, 0);
        nan.add(0, 0, Float.NaN, 0, 0, 0);
        OdometryEstimate empty = odometry.process(nan, 2 * PERIOD_NANOS);
        assertEquals(OdometryQuality.EMPTY_SWEEP, empty.quality());
        assertEquals(second.odomFromLidar(), empty.odomFromLidar());
        assertEquals(2, odometry.stats().emptySweeps());
        assertEquals(2, odometry.stats().nonFinitePointsSkipped());
        // the next good sweep continues where the odometry was (the empty one is skipped, not predicted over)
        OdometryEstimate third = odometry.process(sweepAt(3), 3 * PERIOD_NANOS);
        assertEquals(OdometryQuality.TRACKING, third.quality());
        assertTrue(poseAt(3).inverse().compose(third.odomFromLidar()).translationNormMeters() < 0.05,
                "after a gap: " + third.odomFromLidar());
    }

    @Test
    void tooFewCorrespondencesGiveThePredictionAndAFlag() {
        LidarOdometry odometry = new LidarOdometry(OdometryConfig.forMaxRange(50));
        odometry.process(sweepAt(0), 0);
        odometry.process(sweepAt(1), PERIOD_NANOS);
        PointCloud sparse = new PointCloud(10); // ten points far from anything mapped
        for (int i = 0; i < 10; i++) {
            sparse.add(20 + 0.1f * i, 30, 15, 0, 0, 0);
        }
        OdometryEstimate e = odometry.process(sparse, 2 * PERIOD_NANOS);
        assertEquals(OdometryQuality.PREDICTED, e.quality());
        assertTrue(e.correspondences() < OdometryConfig.DEFAULTS.minCorrespondences());
        assertTrue(poseAt(2).inverse().compose(e.odomFromLidar()).translationNormMeters() < 0.05,
                "constant-velocity prediction: " + e.odomFromLidar());
        assertEquals(1, odometry.stats().predictedSweeps());
    }

    @Test
    void staysAtTheOriginWhenStanding() {
        LidarOdometry odometry = new LidarOdometry(OdometryConfig.forMaxRange(50));
        OdometryEstimate e = null;
        for (int k = 0; k < 5; k++) {
            e = odometry.process(sweepAt(0), k * PERIOD_NANOS);
        }
        assertTrue(e.odomFromLidar().translationNormMeters() < 1e-3, e.odomFromLidar().toString());
        assertEquals(0, e.speedMetersPerSec(), 0.01);
        assertTrue(e.converged());
    }

    private static PointCloud sweepAt(int k) {
        PointCloud cloud = new PointCloud(SCENE.size);
        SCENE.sweep(poseAt(k), 50, null, PERIOD_NANOS, cloud);
        return cloud;
    }

    /**
     * The pipeline gives the ring's own odometry the warm-up's scratch: the adopting odometry estimates exactly as
     * one that did not, its per-sweep buffers do not grow on its first sweeps, and the donor keeps working.
     */
    @Test
    void anOdometryThatAdoptsAWarmedOnesScratchEstimatesTheSameWithoutGrowing() {
        LidarOdometry warmed = new LidarOdometry(OdometryConfig.forMaxRange(50));
        for (int k = 0; k < 3; k++) {
            PointCloud cloud = new PointCloud(SCENE.size);
            SCENE.sweep(poseAt(k), 50, null, PERIOD_NANOS, cloud);
            warmed.process(cloud, k * PERIOD_NANOS);
        }
        int warmedRoom = warmed.sweepScratchPoints();
        LidarOdometry plain = new LidarOdometry(OdometryConfig.forMaxRange(50));
        LidarOdometry adopting = new LidarOdometry(OdometryConfig.forMaxRange(50));
        adopting.adoptScratchOf(warmed);
        assertEquals(warmedRoom, adopting.sweepScratchPoints(), "the warmed odometry's room");
        assertEquals(0, warmed.sweepScratchPoints(), "given the adopter's (empty) buffers in exchange");
        assertEquals(0, adopting.stats().sweepsProcessed(), "none of its state");
        for (int k = 0; k < 10; k++) {
            PointCloud cloud = new PointCloud(SCENE.size);
            SCENE.sweep(poseAt(k), 50, null, PERIOD_NANOS, cloud);
            OdometryEstimate a = plain.process(cloud, k * PERIOD_NANOS);
            OdometryEstimate b = adopting.process(cloud, k * PERIOD_NANOS);
            assertEquals(a, b, "sweep " + k);
        }
        assertEquals(warmedRoom, adopting.sweepScratchPoints(), "no sweep grew the buffers");
        PointCloud next = new PointCloud(SCENE.size);
        SCENE.sweep(poseAt(3), 50, null, PERIOD_NANOS, next);
        assertEquals(OdometryQuality.TRACKING, warmed.process(next, 3 * PERIOD_NANOS).quality(),
                "the donor still registers");
    }
}
