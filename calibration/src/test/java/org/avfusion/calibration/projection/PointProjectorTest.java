package org.avfusion.calibration.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Random;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.camera.PinholeIntrinsics;
import org.avfusion.calibration.geometry.OrientedBox;
import org.avfusion.calibration.geometry.RigidTransform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PointProjectorTest {

    private static final long SEED = 42L;
    /** Sim rig: camera_front at (1.5, 0, 1.4) looking forward, lidar_top at (1.2, 0, 1.8). */
    private static final RigidTransform BASE_FROM_CAMERA = RigidTransform.of(
            new double[] {0, 0, 1, -1, 0, 0, 0, -1, 0}, 1.5, 0, 1.4);
    private static final RigidTransform BASE_FROM_LIDAR = RigidTransform.translation(1.2, 0, 1.8);
    private static final RigidTransform CAMERA_FROM_LIDAR = BASE_FROM_CAMERA.inverse().compose(BASE_FROM_LIDAR);
    private static final CameraIntrinsics SIM = CameraIntrinsics.of(PinholeIntrinsics.fromHorizontalFov(90, 640, 360));
    private static final CameraIntrinsics DISTORTED = new CameraIntrinsics(959.791, 956.9251, 696.0217, 224.1806, 1392,
            512, DistortionCoefficients.ofOpenCv(-3.691481e-01, 1.968681e-01, 1.353473e-03, 5.677587e-04, -6.770705e-02));

    static float[] randomScan(Random rnd, int count) {
        float[] xyzi = new float[4 * count];
        for (int i = 0; i < count; i++) {
            double range = 2 + rnd.nextDouble() * 80, az = rnd.nextDouble() * 2 * Math.PI;
            double el = Math.toRadians(-25 + rnd.nextDouble() * 27);
            xyzi[4 * i] = (float) (range * Math.cos(el) * Math.cos(az));
            xyzi[4 * i + 1] = (float) (range * Math.cos(el) * Math.sin(az));
            xyzi[4 * i + 2] = (float) (range * Math.sin(el));
            xyzi[4 * i + 3] = rnd.nextFloat();
        }
        return xyzi;
    }

    @Test
    void pointStraightAheadLandsOnTheOpticalAxisRow() {
        PointProjector p = new PointProjector(CAMERA_FROM_LIDAR, SIM);
        double[] out = new double[3];
        // a point 0.4 m below the lidar is at camera height, 10 m ahead of the lidar
        assertTrue(p.projectPoint(10, 0, -0.4, out));
        assertArrayEquals(new double[] {320, 180, 9.7}, out, 1e-9);
    }

    @Test
    void batchAgreesWithSinglePointsForPinholeAndDistorted() {
        for (CameraIntrinsics k : new CameraIntrinsics[] {SIM, DISTORTED}) {
            PointProjector p = new PointProjector(CAMERA_FROM_LIDAR, k);
            float[] scan = randomScan(new Random(SEED), 20_000);
            float[] uv = new float[2 * 20_000], depth = new float[20_000];
            int visible = p.project(scan, 0, 4, 20_000, uv, depth);
            int expected = 0;
            double[] out = new double[3];
            for (int i = 0; i < 20_000; i++) {
                boolean v = p.projectPoint(scan[4 * i], scan[4 * i + 1], scan[4 * i + 2], out);
                if (v) {
                    expected++;
                    assertEquals(out[0], uv[2 * i], 1e-3, "seed " + SEED + " point " + i);
                    assertEquals(out[1], uv[2 * i + 1], 1e-3);
                    assertEquals(out[2], depth[i], 1e-4);
                } else {
                    assertTrue(Float.isNaN(uv[2 * i]) && Float.isNaN(depth[i]), "point " + i + " should be invisible");
                }
            }
            assertEquals(expected, visible);
            assertTrue(visible > 1000, "a forward camera sees part of a 360 degree scan: " + visible);
        }
    }

    @Test
    void pointsBehindTheCameraAreInvisible() {
        PointProjector p = new PointProjector(CAMERA_FROM_LIDAR, SIM);
        assertFalse(p.projectPoint(-10, 0, 0, new double[3]));
        // beside the lens plane: depth below the minimum
        assertFalse(p.projectPoint(0.3, 5, 0, new double[3]));
    }

    @Test
    void wideAngleRaysBeyondTheDistortionFoldAreRejected() {
        PointProjector p = new PointProjector(RigidTransform.identity(), DISTORTED);
        double maxR = DISTORTED.distortion().maxMonotonicRadius();
        double[] uv = new double[2];
        // just beyond the fold the raw polynomial maps back towards the image centre
        double x = maxR * 1.6;
        double[] atFold = new double[2];
        DISTORTED.project(maxR, 0, 1, atFold, 0);
        DISTORTED.project(x, 0, 1, uv, 0);
        assertTrue(uv[0] < atFold[0], "the unguarded model folds back: u=" + uv[0] + " < " + atFold[0]);
        assertFalse(p.projectPoint(x, 0, 1, new double[3]));
    }

    @Test
    void unprojectInvertsProject() {
        PointProjector p = new PointProjector(CAMERA_FROM_LIDAR, DISTORTED);
        double[] out = new double[3], back = new double[3];
        assertTrue(p.projectPoint(12, -1.5, 0.3, out));
        assertTrue(p.unproject(out[0], out[1], out[2], back));
        assertArrayEquals(new double[] {12, -1.5, 0.3}, back, 1e-6);
    }

    @Test
    void boxAheadProjectsAroundItsCentre() {
        PointProjector p = new PointProjector(CAMERA_FROM_LIDAR, SIM);
        // a 2 m cube 20 m ahead of the lidar, centred at camera height
        OrientedBox box = new OrientedBox(RigidTransform.translation(20, 0, -0.4), 2, 2, 2);
        ImageBox b = p.projectBox(box).orElseThrow();
        double f = 320;
        // nearest face at depth 18.7 m: half-width 1 m -> f * 1 / 18.7 px
        assertEquals(320 - f / 18.7, b.leftPixels(), 1e-6);
        assertEquals(320 + f / 18.7, b.rightPixels(), 1e-6);
        assertEquals(180 - f / 18.7, b.topPixels(), 1e-6);
        assertEquals(Optional.empty(), p.projectBox(new OrientedBox(RigidTransform.translation(1, 0, 0), 2, 2, 2)));
    }

    @Test
    void projectingAScanDoesNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        mx.setThreadAllocatedMemoryEnabled(true);
        int n = 120_000;
        float[] scan = randomScan(new Random(SEED), n);
        float[] uv = new float[2 * n], depth = new float[n];
        PointProjector p = new PointProjector(CAMERA_FROM_LIDAR, DISTORTED);
        for (int i = 0; i < 20; i++) {
            p.project(scan, 0, 4, n, uv, depth);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        int visible = 0;
        for (int i = 0; i < 10; i++) {
            visible += p.project(scan, 0, 4, n, uv, depth);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(visible > 0);
        // 10 scans of 120k points; per-point allocation would be megabytes. Allow the counter's own noise.
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes projecting 10 x 120k points");
    }
}
