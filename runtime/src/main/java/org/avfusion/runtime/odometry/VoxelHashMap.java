package org.avfusion.runtime.odometry;

import java.util.Arrays;

/**
 * The local map of KISS-ICP (Vizzo et al., RA-L 2023, section III-D): points in the odometry frame, bucketed in
 * cubic voxels of {@code voxelSizeMeters}, at most {@code maxPointsPerVoxel} per voxel and no two in a voxel closer
 * than {@code voxelSize / sqrt(maxPointsPerVoxel)} (as KISS-ICP 1.x). Nearest-neighbour queries look at the 27
 * voxels around the query, skipping a neighbour voxel when its box is already farther than the best point found.
 * Voxels whose first point is farther than {@code maxDistanceMeters} from the current position are pruned.
 *
 * <p>Storage: voxels live in slots (fixed stride of {@code maxPointsPerVoxel} points, float xyz) recycled through a
 * free list, indexed by an open-addressing hash keyed by the packed voxel indices; pruning rebuilds the index.
 * Arrays grow by doubling and are never shrunk, so a steady drive allocates nothing. Not thread-safe.
 */
final class VoxelHashMap {
    private static final int AXIS_OFFSET = 1 << 20;
    private static final long AXIS_MASK = (1L << 21) - 1;
    private static final int EMPTY = -1;
    /** The 27 neighbour offsets, the query's own voxel first so that its points bound the search early. */
    private static final int[] NEIGHBOURS = new int[27 * 3];

    static {
        int k = 3;
        for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (dx == 0 && dy == 0 && dz == 0) {
                        continue;
                    }
                    NEIGHBOURS[k++] = dx;
                    NEIGHBOURS[k++] = dy;
                    NEIGHBOURS[k++] = dz;
                }
            }
        }
    }

    private final double voxelSize;
    private final double inverseVoxelSize;
    private final int maxPoints;
    private final int stride;
    private final float minSpacingSquared;
    private final double maxDistanceSquared;

    private long[] tableKey = new long[0];
    private int[] tableSlot = new int[0];
    private int tableMask;

    private long[] slotKey = new long[0];
    private int[] slotCount = new int[0];
    private float[] points = new float[0];
    private int[] freeSlots = new int[0];
    private int freeCount;
    private int slotsUsed;
    private int voxelCount;
    private long pointCount;

    /** Result of the last {@link #nearest} query. */
    double nearestX;
    double nearestY;
    double nearestZ;

    VoxelHashMap(double voxelSizeMeters, int maxPointsPerVoxel, double maxDistanceMeters) {
        this.voxelSize = voxelSizeMeters;
        this.inverseVoxelSize = 1.0 / voxelSizeMeters;
        this.maxPoints = maxPointsPerVoxel;
        this.stride = 3 * maxPointsPerVoxel;
        this.minSpacingSquared = (float) (voxelSizeMeters * voxelSizeMeters / maxPointsPerVoxel);
        this.maxDistanceSquared = maxDistanceMeters * maxDistanceMeters;
        growSlots(1024);
        rebuildTable(2048);
    }

    int voxelCount() {
        return voxelCount;
    }

    long pointCount() {
        return pointCount;
    }

    boolean isEmpty() {
        return voxelCount == 0;
    }

    void clear() {
        Arrays.fill(tableSlot, EMPTY);
        freeCount = 0;
        slotsUsed = 0;
        voxelCount = 0;
        pointCount = 0;
    }

    /** Adds {@code n} points given in the sensor frame, mapped into the map frame by {@code pose} (3x4 row-major). */
    void addPoints(float[] xs, float[] ys, float[] zs, int n, double[] pose) {
        for (int i = 0; i < n; i++) {
            double x = xs[i], y = ys[i], z = zs[i];
            float wx = (float) (pose[0] * x + pose[1] * y + pose[2] * z + pose[3]);
            float wy = (float) (pose[4] * x + pose[5] * y + pose[6] * z + pose[7]);
            float wz = (float) (pose[8] * x + pose[9] * y + pose[10] * z + pose[11]);
            addPoint(wx, wy, wz);
        }
    }

    private void addPoint(float x, float y, float z) {
        long key = key(voxelIndex(x), voxelIndex(y), voxelIndex(z));
        int slot = find(key);
        if (slot == EMPTY) {
            slot = newSlot(key);
            int base = slot * stride;
            points[base] = x;
            points[base + 1] = y;
            points[base + 2] = z;
            slotCount[slot] = 1;
            pointCount++;
            return;
        }
        int count = slotCount[slot];
        if (count == maxPoints) {
            return;
        }
        int base = slot * stride;
        for (int p = 0, o = base; p < count; p++, o += 3) {
            float dx = points[o] - x, dy = points[o + 1] - y, dz = points[o + 2] - z;
            if (dx * dx + dy * dy + dz * dz < minSpacingSquared) {
                return;
            }
        }
        int o = base + 3 * count;
        points[o] = x;
        points[o + 1] = y;
        points[o + 2] = z;
        slotCount[slot] = count + 1;
        pointCount++;
    }

    /** Drops every voxel whose first point is farther than the maximum distance from {@code (x, y, z)}. */
    void removeFarFrom(double x, double y, double z) {
        boolean removed = false;
        for (int s = 0; s < slotsUsed; s++) {
            if (slotCount[s] == 0) {
                continue;
            }
            int o = s * stride;
            double dx = points[o] - x, dy = points[o + 1] - y, dz = points[o + 2] - z;
            if (dx * dx + dy * dy + dz * dz > maxDistanceSquared) {
                pointCount -= slotCount[s];
                slotCount[s] = 0;
                freeSlots[freeCount++] = s;
                voxelCount--;
                removed = true;
            }
        }
        if (removed) {
            rebuildTable(tableKey.length);
        }
    }

    /**
     * The map point nearest to {@code (x, y, z)} among the 27 voxels around it, if closer than
     * {@code sqrt(maxDistanceSquared)}: returns its squared distance and leaves it in {@link #nearestX} etc.;
     * returns {@code Double.POSITIVE_INFINITY} when there is none.
     */
    double nearest(double x, double y, double z, double maxDistanceSquared) {
        double best = maxDistanceSquared;
        boolean found = false;
        long ix = voxelIndex(x), iy = voxelIndex(y), iz = voxelIndex(z);
        double vs = voxelSize;
        for (int k = 0; k < NEIGHBOURS.length; k += 3) {
            int dx = NEIGHBOURS[k], dy = NEIGHBOURS[k + 1], dz = NEIGHBOURS[k + 2];
            // distance from the query to the neighbour voxel's box: skip boxes that cannot hold a closer point
            double gap = axisGap(x, (ix + dx) * vs, dx, vs) + axisGap(y, (iy + dy) * vs, dy, vs)
                    + axisGap(z, (iz + dz) * vs, dz, vs);
            if (gap >= best) {
                continue;
            }
            int slot = find(key(ix + dx, iy + dy, iz + dz));
            if (slot == EMPTY) {
                continue;
            }
            int count = slotCount[slot];
            float[] pts = points;
            for (int p = 0, o = slot * stride; p < count; p++, o += 3) {
                double ex = pts[o] - x, ey = pts[o + 1] - y, ez = pts[o + 2] - z;
                double d2 = ex * ex + ey * ey + ez * ez;
                if (d2 < best) {
                    best = d2;
                    nearestX = pts[o];
                    nearestY = pts[o + 1];
                    nearestZ = pts[o + 2];
                    found = true;
                }
            }
        }
        return found ? best : Double.POSITIVE_INFINITY;
    }

    /** Squared distance along one axis from {@code v} to the voxel {@code [lo, lo + size)} at offset {@code d}. */
    private static double axisGap(double v, double lo, int d, double size) {
        double g;
        if (d < 0) {
            g = v - (lo + size);
        } else if (d > 0) {
            g = lo - v;
        } else {
            return 0;
        }
        return g > 0 ? g * g : 0;
    }

    /** Copies every map point into {@code out} (x, y, z triples) and returns how many; for tests and viewers. */
    int copyPoints(float[] out) {
        int n = 0;
        for (int s = 0; s < slotsUsed; s++) {
            int c = slotCount[s];
            System.arraycopy(points, s * stride, out, 3 * n, 3 * c);
            n += c;
        }
        return n;
    }

    private long voxelIndex(double v) {
        return (long) Math.floor(v * inverseVoxelSize);
    }

    private static long key(long ix, long iy, long iz) {
        return ((ix + AXIS_OFFSET) & AXIS_MASK) << 42 | ((iy + AXIS_OFFSET) & AXIS_MASK) << 21
                | ((iz + AXIS_OFFSET) & AXIS_MASK);
    }

    private int find(long key) {
        int i = mix(key) & tableMask;
        while (true) {
            int s = tableSlot[i];
            if (s == EMPTY) {
                return EMPTY;
            }
            if (tableKey[i] == key) {
                return s;
            }
            i = (i + 1) & tableMask;
        }
    }

    private int newSlot(long key) {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (slotsUsed == slotKey.length) {
                growSlots(2 * slotKey.length);
            }
            slot = slotsUsed++;
        }
        slotKey[slot] = key;
        voxelCount++;
        if (2 * voxelCount > tableKey.length) {
            rebuildTable(2 * tableKey.length);
        }
        insert(key, slot);
        return slot;
    }

    private void insert(long key, int slot) {
        int i = mix(key) & tableMask;
        while (tableSlot[i] != EMPTY) {
            i = (i + 1) & tableMask;
        }
        tableKey[i] = key;
        tableSlot[i] = slot;
    }

    private void rebuildTable(int size) {
        if (tableKey.length != size) {
            tableKey = new long[size];
            tableSlot = new int[size];
            tableMask = size - 1;
        }
        Arrays.fill(tableSlot, EMPTY);
        for (int s = 0; s < slotsUsed; s++) {
            if (slotCount[s] > 0) { // a slot just handed out by newSlot is still empty: newSlot inserts it
                insert(slotKey[s], s);
            }
        }
    }

    private void growSlots(int capacity) {
        slotKey = Arrays.copyOf(slotKey, capacity);
        slotCount = Arrays.copyOf(slotCount, capacity);
        points = Arrays.copyOf(points, capacity * stride);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }

    /** MurmurHash3's 64-bit finaliser: every key bit reaches the low bits the table mask keeps. */
    static int mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
