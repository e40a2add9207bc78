package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on synthetic sweeps: a flat (or tilted) road sampled on rings with a box-shaped car and a pole on
 * it, and the crop, ground and size rules one at a time.
 */
class LidarObstaclePipelineTest {
    private static final double HEIGHT = 1.73;

    /** Road rings every 0.5 m from 3 m to 40 m, one point per 0.5 degree, at z = -HEIGHT, tilted by pitchRad. */
    private static void road(PointCloud cloud, double pitchRad) {
        for (double r = 3; r <= 40; r += 0.5) {
            for (int a = 0; a < 720; a++) {
                double az = Math.toRadians(a * 0.5);
                double x = r * Math.cos(az), y = r * Math.sin(az);
                cloud.add((float) x, (float) y, (float) (-HEIGHT + x * Math.tan(pitchRad)), 0, 0, 0);
            }
        }
    }

    /** The sides of a box (length along x) standing on the road, sampled every 5 cm; tilted with the road. */
    private static void box(PointCloud cloud, double cx, double cy, double length, double width, double height,
            double pitchRad) {
        for (double h = 0.05; h <= height; h += 0.05) {
            for (double u = -length / 2; u <= length / 2; u += 0.05) {
                for (double side : new double[] {-width / 2, width / 2}) {
                    add(cloud, cx + u, cy + side, h, pitchRad);
                }
            }
            for (double v = -width / 2; v <= width / 2; v += 0.05) {
                add(cloud, cx - length / 2, cy + v, h, pitchRad);
                add(cloud, cx + length / 2, cy + v, h, pitchRad);
            }
        }
    }

    private static void add(PointCloud cloud, double x, double y, double h, double pitchRad) {
        cloud.add((float) x, (float) y, (float) (-HEIGHT + x * Math.tan(pitchRad) + h), 0, 0, 0);
    }

    private static ObstacleClusters run(PointCloud cloud, ClusterConfig config, GroundPrior prior) {
        return LidarObstaclePipeline.detectOnce(config, cloud, prior);
    }

    @Test
    void aCarAndAPoleOnAFlatRoadAreTwoBoxesAndTheRoadIsNone() {
        PointCloud cloud = new PointCloud(400_000);
        road(cloud, 0);
        box(cloud, 12, 3, 4.0, 1.8, 1.5, 0);
        box(cloud, 8, -5, 0.2, 0.2, 3.0, 0);
        ObstacleClusters c = run(cloud, ClusterConfig.DEFAULTS, GroundPrior.level(HEIGHT));
        assertEquals(2, c.size(), "clusters");
        int car = Math.abs(c.centerXMeters(0) - 12) < 1 ? 0 : 1;
        int pole = 1 - car;
        assertEquals(12, c.centerXMeters(car), 0.1);
        assertEquals(3, c.centerYMeters(car), 0.1);
        assertEquals(4.0, c.lengthMeters(car), 0.15);
        assertEquals(1.8, c.widthMeters(car), 0.15);
        assertEquals(0, c.yawRad(car), 0.02);
        // the lowest 20 cm are ground by the threshold; the top voxel centroid sits a half voxel below the roof
        assertEquals(1.3, c.heightMeters(car), 0.15);
        assertEquals(-HEIGHT + 0.2 + 1.3 / 2, c.centerZMeters(car), 0.15);
        assertEquals(8, c.centerXMeters(pole), 0.1);
        assertEquals(-5, c.centerYMeters(pole), 0.1);
        assertTrue(c.heightMeters(pole) > 2.5);
        assertTrue(c.groundVoxels() > 0);
    }

    @Test
    void aPitchedLidarWithItsPriorKeepsTheRoadOutOfTheClusters() {
        // 3 degrees of pitch put the road 2 m off the lidar's xy plane at 40 m; the prior knows the tilt
        double pitch = Math.toRadians(3);
        PointCloud cloud = new PointCloud(400_000);
        road(cloud, pitch);
        box(cloud, 20, 0, 4.0, 1.8, 1.5, pitch);
        ObstacleClusters c = run(cloud, ClusterConfig.DEFAULTS, new GroundPrior(-Math.sin(pitch), 0, Math.cos(pitch),
                HEIGHT * Math.cos(pitch)));
        assertEquals(1, c.size(), "clusters");
        assertEquals(20, c.centerXMeters(0), 0.15);
    }

    @Test
    void aGentleHillIsFollowedAsGround() {
        // the road rises 5 % beyond 15 m (within the 8 degree local slope limit)
        PointCloud cloud = new PointCloud(200_000);
        for (double r = 3; r <= 40; r += 0.5) {
            for (int a = 0; a < 720; a++) {
                double az = Math.toRadians(a * 0.5);
                double z = -HEIGHT + Math.max(0, r - 15) * 0.05;
                cloud.add((float) (r * Math.cos(az)), (float) (r * Math.sin(az)), (float) z, 0, 0, 0);
            }
        }
        ObstacleClusters c = run(cloud, ClusterConfig.DEFAULTS, GroundPrior.level(HEIGHT));
        assertEquals(0, c.size(), "clusters on a bare hill");
        assertEquals(c.voxels(), c.groundVoxels());
    }

    @Test
    void pointsOutsideTheRangeAndHeightCropAreDropped() {
        PointCloud cloud = new PointCloud(16);
        cloud.add(1, 0, 0, 0, 0, 0);        // nearer than 2.5 m: the ego
        cloud.add(90, 0, 0, 0, 0, 0);       // beyond 80 m
        cloud.add(10, 0, 3, 0, 0, 0);       // 4.73 m above the road
        cloud.add(10, 0, -4, 0, 0, 0);      // 2.27 m below it
        cloud.add(Float.NaN, 0, 0, 0, 0, 0);
        cloud.add(10, 0, 0, 0, 0, 0);       // kept
        LidarObstaclePipeline pipeline = new LidarObstaclePipeline(ClusterConfig.DEFAULTS);
        ObstacleClusters c = new ObstacleClusters();
        pipeline.process(cloud, GroundPrior.level(HEIGHT), c);
        assertEquals(6, c.inputPoints());
        assertEquals(1, c.croppedPoints());
        assertEquals(1, c.voxels());
    }

    @Test
    void voxelsAverageTheirPointsAndCountThem() {
        PointCloud cloud = new PointCloud(16);
        cloud.add(10.01f, 0.01f, 0.01f, 0, 0, 0);
        cloud.add(10.03f, 0.03f, 0.05f, 0, 0, 0);
        cloud.add(10.25f, 0.01f, 0.01f, 0, 0, 0);
        LidarObstaclePipeline pipeline = new LidarObstaclePipeline(ClusterConfig.DEFAULTS);
        pipeline.process(cloud, GroundPrior.level(HEIGHT), new ObstacleClusters());
        VoxelCloud v = pipeline.voxels();
        assertEquals(2, v.size());
        assertEquals(2, v.weight(0));
        assertEquals(10.02, v.x(0), 1e-5);
        assertEquals(0.03, v.z(0), 1e-5);
        assertEquals(HEIGHT + 0.03, v.heightMeters(0), 1e-5);
        assertEquals(1, v.weight(1));
    }

    @Test
    void clusterSizeCountsLidarPointsNotVoxels() {
        // 10 points in one voxel, 1.5 m above the road: one voxel, but 10 points >= minClusterPoints 8
        PointCloud cloud = new PointCloud(32);
        for (int i = 0; i < 10; i++) {
            cloud.add(10.01f + i * 0.001f, 0.01f, -0.2f, 0, 0, 0);
        }
        ObstacleClusters c = run(cloud, ClusterConfig.DEFAULTS, GroundPrior.level(HEIGHT));
        assertEquals(1, c.size());
        assertEquals(10, c.points(0));
        ObstacleClusters none = run(cloud, ClusterConfig.DEFAULTS.withClusterPoints(11, 100),
                GroundPrior.level(HEIGHT));
        assertEquals(0, none.size());
        assertEquals(1, none.rejectedSmall());
    }

    @Test
    void aReusedPipelineGivesTheSameClustersAsAFreshOne() {
        Random rnd = new Random(7);
        PointCloud big = new PointCloud(400_000);
        road(big, 0);
        box(big, 12, 3, 4.0, 1.8, 1.5, 0);
        PointCloud small = new PointCloud(1000);
        for (int i = 0; i < 1000; i++) {
            small.add((float) (5 + rnd.nextDouble() * 3), (float) rnd.nextDouble(), (float) (rnd.nextDouble() - 1), 0,
                    0, 0);
        }
        LidarObstaclePipeline pipeline = new LidarObstaclePipeline(ClusterConfig.DEFAULTS);
        ObstacleClusters out = new ObstacleClusters();
        pipeline.process(big, GroundPrior.level(HEIGHT), out);
        pipeline.process(small, GroundPrior.level(HEIGHT), out);
        ObstacleClusters fresh = run(small, ClusterConfig.DEFAULTS, GroundPrior.level(HEIGHT));
        assertEquals(fresh.size(), out.size());
        for (int k = 0; k < out.size(); k++) {
            assertEquals(fresh.centerXMeters(k), out.centerXMeters(k));
            assertEquals(fresh.points(k), out.points(k));
        }
    }
}
