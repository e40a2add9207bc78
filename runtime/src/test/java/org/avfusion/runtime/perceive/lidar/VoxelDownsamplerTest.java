package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Test;

/**
 * The voxel grid against a plain map of voxels in first-seen order (the same sums in the same order, so the same
 * centroids to the bit), on random sweeps that grow the downsampler's tables in the middle of a sweep.
 */
class VoxelDownsamplerTest {
    private static final ClusterConfig CONFIG = ClusterConfig.DEFAULTS;
    private static final GroundPrior PRIOR = GroundPrior.level(1.73);

    /** A sweep of {@code n} points, most in runs of near neighbours (one laser's consecutive returns), some NaN. */
    private static PointCloud sweep(Random rnd, int n) {
        PointCloud cloud = new PointCloud(n);
        double x = 0, y = 0, z = 0;
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(4) == 0) {
                x = (rnd.nextDouble() - 0.5) * 170; // some beyond the 80 m crop, some within 2.5 m
                y = (rnd.nextDouble() - 0.5) * 170;
                z = rnd.nextDouble() * 8 - 4; // some below or above the height crop
            } else {
                x += rnd.nextGaussian() * 0.05;
                y += rnd.nextGaussian() * 0.05;
            }
            float px = rnd.nextInt(500) == 0 ? Float.NaN : (float) x;
            cloud.add(px, (float) y, (float) z, 1f, 0, 0);
        }
        return cloud;
    }

    /** The expected voxel cloud: a map keyed by voxel indices, in the order voxels are first seen. */
    private static VoxelCloud reference(PointCloud cloud) {
        Map<String, double[]> voxels = new LinkedHashMap<>();
        double inv = 1.0 / CONFIG.voxelSizeMeters();
        for (int i = 0; i < cloud.size(); i++) {
            double px = cloud.x(i), py = cloud.y(i), pz = cloud.z(i);
            double r2 = px * px + py * py;
            double h = PRIOR.heightAboveMeters(px, py, pz);
            if (!(r2 >= CONFIG.minRangeMeters() * CONFIG.minRangeMeters()
                    && r2 <= CONFIG.maxRangeMeters() * CONFIG.maxRangeMeters())
                    || !(h >= CONFIG.minHeightMeters() && h <= CONFIG.maxHeightMeters())) {
                continue;
            }
            String key = Math.floor(px * inv) + "," + Math.floor(py * inv) + "," + Math.floor(pz * inv);
            double[] sum = voxels.computeIfAbsent(key, k -> new double[4]);
            sum[0] += px;
            sum[1] += py;
            sum[2] += pz;
            sum[3]++;
        }
        VoxelCloud out = new VoxelCloud();
        out.ensureCapacity(voxels.size());
        int v = 0;
        for (double[] sum : voxels.values()) {
            double cx = sum[0] / sum[3], cy = sum[1] / sum[3], cz = sum[2] / sum[3];
            out.x[v] = (float) cx;
            out.y[v] = (float) cy;
            out.z[v] = (float) cz;
            out.heightMeters[v] = (float) PRIOR.heightAboveMeters(cx, cy, cz);
            out.weight[v] = (int) sum[3];
            v++;
        }
        out.size = v;
        return out;
    }

    private static void assertSameVoxels(VoxelCloud expected, VoxelCloud actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": voxels");
        for (int v = 0; v < expected.size(); v++) {
            assertEquals(expected.x(v), actual.x(v), what + ": x of voxel " + v);
            assertEquals(expected.y(v), actual.y(v), what + ": y of voxel " + v);
            assertEquals(expected.z(v), actual.z(v), what + ": z of voxel " + v);
            assertEquals(expected.heightMeters(v), actual.heightMeters(v), what + ": height of voxel " + v);
            assertEquals(expected.weight(v), actual.weight(v), what + ": weight of voxel " + v);
            assertEquals(-1, actual.cluster(v), what + ": cluster label of voxel " + v);
        }
    }

    /**
     * One downsampler through sweeps of 300 to 40,000 points (its table starts at 1,024 slots and its sums at 576
     * voxels, and grows in the middle of the larger sweeps), then a small one again: each matches the reference and a
     * downsampler that never saw a sweep before.
     */
    @Test
    void matchesAPlainMapOfVoxelsAndAFreshDownsamplerWhileItsTablesGrow() {
        VoxelDownsampler downsampler = new VoxelDownsampler(CONFIG);
        VoxelCloud out = new VoxelCloud();
        Random rnd = new Random(5);
        for (int n : new int[] {300, 5_000, 40_000, 2_000, 40_000}) {
            PointCloud cloud = sweep(rnd, n);
            downsampler.downsample(cloud, PRIOR, out);
            VoxelCloud fresh = new VoxelCloud();
            new VoxelDownsampler(CONFIG).downsample(cloud, PRIOR, fresh);
            VoxelCloud expected = reference(cloud);
            assertSameVoxels(expected, out, n + " points");
            assertSameVoxels(expected, fresh, n + " points, fresh downsampler");
        }
    }
}
