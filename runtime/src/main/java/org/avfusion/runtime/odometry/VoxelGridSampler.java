package org.avfusion.runtime.odometry;

import org.avfusion.runtime.voxel.VoxelKeyTable;

/**
 * Voxel-grid subsampling as KISS-ICP does it (Vizzo et al., RA-L 2023, section III-B): of the points falling in
 * one cubic voxel only the first is kept, unchanged (no centroid), so the kept points are real measurements.
 * Voxels seen live in a {@link VoxelKeyTable} (sized for the voxels, not the points: a sweep keeps far fewer voxels
 * than it has points), so a pass costs O(points) and allocates nothing once the table has grown to the most voxels a
 * pass has kept. A point in the voxel of the point before it (consecutive returns of one laser, common in firing
 * order) is dropped without a probe.
 *
 * <p>Not thread-safe; one instance per resolution.
 */
final class VoxelGridSampler {
    private static final int AXIS_OFFSET = 1 << 20;
    private static final long AXIS_MASK = (1L << 21) - 1;

    private final double inverseVoxelSize;
    private final VoxelKeyTable voxels = new VoxelKeyTable();

    VoxelGridSampler(double voxelSizeMeters) {
        this.inverseVoxelSize = 1.0 / voxelSizeMeters;
    }

    /** Takes {@code donor}'s key table where it has more room (see {@link VoxelKeyTable#adoptStorageOf}). */
    void adoptTableOf(VoxelGridSampler donor) {
        voxels.adoptStorageOf(donor.voxels);
    }

    /**
     * Writes into {@code keptIndices} the indices (ascending) of the first point of every occupied voxel among
     * {@code [0, n)} and returns how many; {@code keptIndices} must hold {@code n}.
     */
    int sample(float[] xs, float[] ys, float[] zs, int n, int[] keptIndices) {
        voxels.clear(512);
        int kept = 0;
        long lastKey = -1; // no packed key is negative (63 bits used)
        for (int i = 0; i < n; i++) {
            long key = keyOf(xs[i], ys[i], zs[i]);
            if (key == lastKey) {
                continue; // same voxel as the point before (consecutive returns of one laser): seen, no probe
            }
            lastKey = key;
            if (voxels.putIfAbsent(key, i) == VoxelKeyTable.ABSENT) {
                keptIndices[kept++] = i;
            }
        }
        return kept;
    }

    private long keyOf(float x, float y, float z) {
        double inv = inverseVoxelSize;
        long ix = (long) Math.floor(x * inv) + AXIS_OFFSET;
        long iy = (long) Math.floor(y * inv) + AXIS_OFFSET;
        long iz = (long) Math.floor(z * inv) + AXIS_OFFSET;
        return (ix & AXIS_MASK) << 42 | (iy & AXIS_MASK) << 21 | (iz & AXIS_MASK);
    }
}
