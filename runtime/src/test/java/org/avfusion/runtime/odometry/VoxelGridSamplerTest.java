package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link VoxelGridSampler} keeps the first point of every voxel, as a set of voxel indices would, from pass to pass
 * while its table grows within a pass (a pass with more voxels than any before) and is reused by smaller passes.
 */
class VoxelGridSamplerTest {
    private static final long SEED = 11L;

    /** The first index of every voxel, ascending: what a set of visited voxels gives. */
    private static int[] reference(float[] x, float[] y, float[] z, int n, double voxel) {
        Set<List<Long>> seen = new HashSet<>();
        int[] kept = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            List<Long> v = List.of((long) Math.floor(x[i] * (1.0 / voxel)), (long) Math.floor(y[i] * (1.0 / voxel)),
                    (long) Math.floor(z[i] * (1.0 / voxel)));
            if (seen.add(v)) {
                kept[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(kept, k);
    }

    @Test
    void keepsTheFirstPointOfEveryVoxelAsTheTableGrowsWithinAPass() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double voxel = 0.4;
        VoxelGridSampler sampler = new VoxelGridSampler(voxel);
        // extents in metres: few voxels, then far more than the first pass's table holds, then few again, then a
        // pass of points in firing order (runs of points in one voxel)
        double[] extents = {2, 60, 3, 120, 5};
        int n = 40_000;
        for (int pass = 0; pass < extents.length; pass++) {
            float[] x = new float[n], y = new float[n], z = new float[n];
            double e = extents[pass];
            for (int i = 0; i < n; i++) {
                if (pass == extents.length - 1 && i > 0 && i % 4 != 0) {
                    x[i] = x[i - 1] + 0.01f; // a laser's next return, usually in the same voxel
                    y[i] = y[i - 1];
                    z[i] = z[i - 1];
                    continue;
                }
                x[i] = (float) rng.nextDouble(-e, e);
                y[i] = (float) rng.nextDouble(-e, e);
                z[i] = (float) rng.nextDouble(-3, 3);
            }
            int[] indices = new int[n];
            int kept = sampler.sample(x, y, z, n, indices);
            assertArrayEquals(reference(x, y, z, n, voxel), java.util.Arrays.copyOf(indices, kept),
                    "seed " + SEED + " pass " + pass + " (extent " + e + " m)");
        }
    }
}
