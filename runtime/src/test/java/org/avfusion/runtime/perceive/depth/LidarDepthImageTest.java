package org.avfusion.runtime.perceive.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.calibration.projection.PointProjector;
import org.junit.jupiter.api.Test;

class LidarDepthImageTest {
    private static final int W = 64;
    private static final int H = 48;
    private final PointProjector camera = DepthFixtures.camera(W, H);

    /** A camera-frame point that lands on pixel (u, v) at depth z. */
    private static float[] at(int u, int v, float z) {
        return new float[] {(float) ((u - (W - 1) / 2.0) * z / 50), (float) ((v - (H - 1) / 2.0) * z / 50), z};
    }

    private static float[] concat(float[]... points) {
        float[] out = new float[3 * points.length];
        for (int i = 0; i < points.length; i++) {
            System.arraycopy(points[i], 0, out, 3 * i, 3);
        }
        return out;
    }

    @Test
    void nearestPointWinsItsPixel() {
        LidarDepthImage image = new LidarDepthImage(W, H, 16);
        int filled = image.render(camera, concat(at(10, 20, 12f), at(10, 20, 5f), at(10, 20, 9f)), 0, 3, 3);
        assertEquals(1, filled);
        assertEquals(5f, image.sparseAt(10, 20), 1e-4);
    }

    @Test
    void pointsBehindTheCameraOrOutsideTheImageLeaveNoDepth() {
        LidarDepthImage image = new LidarDepthImage(W, H, 16);
        float[] behind = {0, 0, -5};
        float[] outside = {100, 0, 5};
        assertEquals(0, image.render(camera, concat(behind, outside), 0, 3, 2));
        for (float d : image.sparseDepthMeters()) {
            assertTrue(Float.isNaN(d));
        }
    }

    /**
     * The road is not an object's depth: a ring meeting the road inside a car's box was its nearest depth mode and
     * placed the car metres short (following-braking-lead). A level lidar 2 m above the road looking along the
     * camera's axis (optical x = -y, y = -z, z = x of the lidar).
     */
    @Test
    void renderingAboveGroundLeavesTheRoadOut() {
        PointProjector fromLidar = new PointProjector(org.avfusion.calibration.geometry.RigidTransform.of(
                new double[] {0, -1, 0, 0, 0, -1, 1, 0, 0}, 0, 0, 0), camera.intrinsics());
        LidarDepthImage image = new LidarDepthImage(W, H, 16);
        org.avfusion.drivers.frame.PointCloud cloud = new org.avfusion.drivers.frame.PointCloud(4);
        float[] road = at(10, 40, 6f); // 1.98 m below the lidar: 0.02 m above the road
        float[] car = at(10, 20, 9f);  // 0.63 m above the lidar
        for (float[] p : new float[][] {road, car}) {
            cloud.add(p[2], -p[0], -p[1], 0, 0, 0);
        }
        org.avfusion.runtime.perceive.lidar.GroundPrior ground = org.avfusion.runtime.perceive.lidar.GroundPrior
                .level(2.0);
        assertEquals(1, image.renderAboveGround(fromLidar, cloud, ground, 0.3));
        assertTrue(Float.isNaN(image.sparseAt(10, 40)), "the road return is left out");
        assertEquals(9f, image.sparseAt(10, 20), 1e-4);
        assertEquals(2, image.render(fromLidar, cloud), "all of it otherwise");
    }

    @Test
    void aNewFrameClearsTheLastOne() {
        LidarDepthImage image = new LidarDepthImage(W, H, 16);
        image.render(camera, at(3, 4, 7f), 0, 3, 1);
        image.render(camera, at(30, 40, 9f), 0, 3, 1);
        assertTrue(Float.isNaN(image.sparseAt(3, 4)));
        assertEquals(9f, image.sparseAt(30, 40), 1e-4);
    }

    @Test
    void densifyFillsTheWindowWithTheNearestDepth() {
        LidarDepthImage image = new LidarDepthImage(W, H, 16);
        image.render(camera, concat(at(20, 20, 10f), at(22, 20, 6f)), 0, 3, 2);
        image.densify(1);
        float[] dense = image.denseDepthMeters();
        assertEquals(10f, dense[20 * W + 19], 1e-4, "left of the far point: only it in the window");
        assertEquals(6f, dense[20 * W + 21], 1e-4, "between the two: the nearer wins");
        assertEquals(6f, dense[21 * W + 23], 1e-4, "diagonal neighbour of the near point");
        assertTrue(Float.isNaN(dense[20 * W + 24]), "two pixels away from any point");
        assertTrue(Float.isNaN(dense[22 * W + 20]), "two rows away");
    }

    @Test
    void pointsBeyondCapacityAreDroppedAndCounted() {
        LidarDepthImage image = new LidarDepthImage(W, H, 1);
        image.render(camera, concat(at(1, 1, 5f), at(2, 2, 5f)), 0, 3, 2);
        assertEquals(1, image.droppedPoints());
        assertTrue(Float.isNaN(image.sparseAt(2, 2)));
    }

    @Test
    void aProjectorOfAnotherSizeIsRejected() {
        LidarDepthImage image = new LidarDepthImage(W, H, 4);
        assertThrows(IllegalArgumentException.class,
                () -> image.render(DepthFixtures.camera(32, 24), new float[3], 0, 3, 1));
    }
}
