package org.avfusion.runtime.odometry;

import java.util.Arrays;

/**
 * Voxel-grid subsampling as KISS-ICP does it (Vizzo et al., RA-L 2023, section III-B): of the points falling in
 * one cubic voxel only the first is kept, unchanged (no centroid), so the kept points are real measurements.
 * Voxels live in an open-addressing hash whose slots are invalidated by a pass counter rather than cleared, so a
 * pass costs O(points) and allocates nothing once the table has grown to the largest input. A point in the voxel of
 * the point before it (consecutive returns of one laser, common in firing order) is dropped without a probe.
 *
 * <p>Not thread-safe; one instance per resolution.
 */
final class VoxelGridSampler {
    private static final int AXIS_OFFSET = 1 << 20;
    private static final long AXIS_MASK = (1L << 21) - 1;

    private final double inverseVoxelSize;
    private long[] slotKey = new long[0];
    private int[] slotStamp = new int[0];
    private int stamp;

    VoxelGridSampler(double voxelSizeMeters) {
        this.inverseVoxelSize = 1.0 / voxelSizeMeters;
    }

    /**
     * Writes into {@code keptIndices} the indices (ascending) of the first point of every occupied voxel among
     * {@code [0, n)} and returns how many; {@code keptIndices} must hold {@code n}.
     */
    int sample(float[] xs, float[] ys, float[] zs, int n, int[] keptIndices) {
        ensureCapacity(n);
        if (++stamp == 0) {
            Arrays.fill(slotStamp, 0);
            stamp = 1;
        }
        int mask = slotKey.length - 1;
        double inv = inverseVoxelSize;
        int kept = 0;
        long lastKey = -1; // no packed key is negative (63 bits used)
        for (int i = 0; i < n; i++) {
            long ix = (long) Math.floor(xs[i] * inv) + AXIS_OFFSET;
            long iy = (long) Math.floor(ys[i] * inv) + AXIS_OFFSET;
            long iz = (long) Math.floor(zs[i] * inv) + AXIS_OFFSET;
            long key = (ix & AXIS_MASK) << 42 | (iy & AXIS_MASK) << 21 | (iz & AXIS_MASK);
            if (key == lastKey) {
                continue; // same voxel as the point before (consecutive returns of one laser): seen, no probe
            }
            lastKey = key;
            int slot = VoxelHashMap.mix(key) & mask;
            while (true) {
                if (slotStamp[slot] != stamp) {
                    slotStamp[slot] = stamp;
                    slotKey[slot] = key;
                    keptIndices[kept++] = i;
                    break;
                }
                if (slotKey[slot] == key) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return kept;
    }

    private void ensureCapacity(int n) {
        int slots = Integer.highestOneBit(Math.max(n, 1024)) << 2; // load factor <= 0.5
        if (slotKey.length < slots) {
            slotKey = new long[slots];
            slotStamp = new int[slots];
            stamp = 0;
        }
    }
}
