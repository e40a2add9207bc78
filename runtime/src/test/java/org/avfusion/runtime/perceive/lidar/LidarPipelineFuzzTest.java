package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Test;

/**
 * Random sweeps (fixed seeds, printed on failure) with random settings: the pipeline never throws and its output
 * keeps its invariants (ground voxels in no cluster, cluster sizes within the limits, length >= width, counts add up).
 */
class LidarPipelineFuzzTest {
    private static final float[] ODD = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 1e-30f, 79.999f, 80f, 2.5f};

    @Test
    void randomCloudsNeverThrowAndKeepTheInvariants() {
        LidarObstaclePipeline shared = new LidarObstaclePipeline(ClusterConfig.DEFAULTS);
        ObstacleClusters out = new ObstacleClusters();
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            int n = rnd.nextInt(5) == 0 ? rnd.nextInt(3) : rnd.nextInt(10_000);
            PointCloud cloud = new PointCloud(Math.max(1, n));
            double spread = 1 + rnd.nextDouble() * 100;
            for (int i = 0; i < n; i++) {
                cloud.add(coord(rnd, spread), coord(rnd, spread), coord(rnd, 3), 0, 0, 0);
            }
            ClusterConfig config = rnd.nextBoolean() ? ClusterConfig.DEFAULTS
                    : ClusterConfig.DEFAULTS.withToleranceMeters(0.05 + rnd.nextDouble() * 3)
                            .withVoxelSizeMeters(0.02 + rnd.nextDouble() * 0.5)
                            .withClusterPoints(1 + rnd.nextInt(10), 10 + rnd.nextInt(5000));
            LidarObstaclePipeline pipeline = config == ClusterConfig.DEFAULTS ? shared
                    : new LidarObstaclePipeline(config);
            GroundPrior prior = new GroundPrior(rnd.nextGaussian() * 0.1, rnd.nextGaussian() * 0.1, 1,
                    rnd.nextDouble() * 3);
            String at = "seed " + seed + " (" + n + " points, " + config + ")";
            try {
                pipeline.process(cloud, prior, out);
            } catch (RuntimeException e) {
                throw new AssertionError(at + " threw", e);
            }
            check(pipeline, out, config, at);
        }
    }

    private static float coord(Random rnd, double spread) {
        return rnd.nextInt(200) == 0 ? ODD[rnd.nextInt(ODD.length)] : (float) ((rnd.nextDouble() - 0.5) * spread);
    }

    private static void check(LidarObstaclePipeline pipeline, ObstacleClusters out, ClusterConfig config, String at) {
        VoxelCloud v = pipeline.voxels();
        assertEquals(out.voxels(), v.size(), at);
        assertTrue(out.croppedPoints() <= out.inputPoints(), at);
        int weights = 0;
        for (int i = 0; i < v.size(); i++) {
            weights += v.weight(i);
            assertTrue(Float.isFinite(v.x(i)) && Float.isFinite(v.y(i)) && Float.isFinite(v.z(i)), at);
            if (v.isGround(i)) {
                assertEquals(-1, v.cluster(i), at + ": ground voxel " + i + " clustered");
            }
        }
        assertEquals(out.croppedPoints(), weights, at + ": voxel weights vs cropped points");
        int clustered = 0;
        for (int c = 0; c < out.size(); c++) {
            assertTrue(out.points(c) >= config.minClusterPoints() && out.points(c) <= config.maxClusterPoints(), at);
            assertTrue(out.lengthMeters(c) >= out.widthMeters(c) && out.widthMeters(c) >= 0, at);
            assertTrue(Math.abs(out.yawRad(c)) <= Math.PI / 2 + 1e-6, at);
            assertTrue(out.heightMeters(c) >= 0, at);
            clustered += out.points(c);
        }
        assertTrue(clustered <= out.croppedPoints(), at);
    }
}
