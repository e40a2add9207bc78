package org.avfusion.runtime.odometry;

import java.util.Arrays;

/**
 * Voxel-grid subsampling as KISS-ICP does it (Vizzo et al., RA-L 2023, section III-B): of the points falling in
 * one cubic voxel only the first is kept, unchanged (no centroid), so the kept points are real measurements.
 * Voxels live in an open-addressing hash whose slots are invalidated by a pass counter rather than cleared, so a
 * pass costs O(points) and allocates nothing once the table has grown to the most voxels a pass has kept. The table
 * is sized for the voxels, not the points (a sweep keeps far fewer voxels than it has points), so it stays smaller
 * in the cache; a pass that keeps more than any before doubles it. A point in the voxel of the point before it
 * (consecutive returns of one laser, common in firing order) is dropped without a probe.
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
    /** Most voxels one pass has kept so far: the next pass's table starts with room for twice as many. */
    private int mostKept;

    VoxelGridSampler(double voxelSizeMeters) {
        this.inverseVoxelSize = 1.0 / voxelSizeMeters;
    }

    /**
     * Writes into {@code keptIndices} the indices (ascending) of the first point of every occupied voxel among
     * {@code [0, n)} and returns how many; {@code keptIndices} must hold {@code n}.
     */
    int sample(float[] xs, float[] ys, float[] zs, int n, int[] keptIndices) {
        ensureSlots(2 * Math.max(mostKept, 512)); // load factor <= 0.5 for as many voxels as the largest pass kept
        if (++stamp == 0) {
            Arrays.fill(slotStamp, 0);
            stamp = 1;
        }
        int mask = slotKey.length - 1;
        int kept = 0;
        long lastKey = -1; // no packed key is negative (63 bits used)
        for (int i = 0; i < n; i++) {
            long key = keyOf(xs[i], ys[i], zs[i]);
            if (key == lastKey) {
                continue; // same voxel as the point before (consecutive returns of one laser): seen, no probe
            }
            lastKey = key;
            int slot = VoxelHashMap.mix(key) & mask;
            while (true) {
                if (slotStamp[slot] != stamp) {
                    if (2 * (kept + 1) > slotKey.length) {
                        // more voxels than this table holds at load 0.5: double it, then probe again
                        grow(xs, ys, zs, keptIndices, kept);
                        mask = slotKey.length - 1;
                        slot = VoxelHashMap.mix(key) & mask;
                        continue;
                    }
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
        mostKept = Math.max(mostKept, kept);
        return kept;
    }

    private long keyOf(float x, float y, float z) {
        double inv = inverseVoxelSize;
        long ix = (long) Math.floor(x * inv) + AXIS_OFFSET;
        long iy = (long) Math.floor(y * inv) + AXIS_OFFSET;
        long iz = (long) Math.floor(z * inv) + AXIS_OFFSET;
        return (ix & AXIS_MASK) << 42 | (iy & AXIS_MASK) << 21 | (iz & AXIS_MASK);
    }

    /** Doubles the table and puts back the voxels of the {@code kept} points kept so far in this pass. */
    private void grow(float[] xs, float[] ys, float[] zs, int[] keptIndices, int kept) {
        slotKey = new long[2 * slotKey.length];
        slotStamp = new int[slotKey.length];
        int mask = slotKey.length - 1;
        for (int k = 0; k < kept; k++) {
            int i = keptIndices[k];
            long key = keyOf(xs[i], ys[i], zs[i]);
            int slot = VoxelHashMap.mix(key) & mask;
            while (slotStamp[slot] == stamp) {
                slot = (slot + 1) & mask;
            }
            slotStamp[slot] = stamp;
            slotKey[slot] = key;
        }
    }

    private void ensureSlots(int voxels) {
        int slots = Integer.highestOneBit(Math.max(voxels, 1024) - 1) << 1; // the power of two >= voxels
        if (slotKey.length < slots) {
            slotKey = new long[slots];
            slotStamp = new int[slots];
            stamp = 0;
        }
    }
}
