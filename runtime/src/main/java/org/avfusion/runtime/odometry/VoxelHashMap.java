package org.avfusion.runtime.odometry;

import java.util.Arrays;
import org.avfusion.runtime.voxel.VoxelKeyTable;

/**
 * The local map of KISS-ICP (Vizzo et al., RA-L 2023, section III-D): points in the odometry frame, bucketed in
 * cubic voxels of {@code voxelSizeMeters}, at most {@code maxPointsPerVoxel} per voxel and no two in a voxel closer
 * than {@code voxelSize / sqrt(maxPointsPerVoxel)} (as KISS-ICP 1.x). Nearest-neighbour queries look at the 27
 * voxels around the query, skipping a neighbour voxel when its box is already farther than the best point found.
 * Voxels whose first point is farther than {@code maxDistanceMeters} from the current position are pruned.
 *
 * <p>Each voxel also has a shape, from the eigenvalues {@code l1 <= l2 <= l3} of the covariance of the points in it
 * and its 26 neighbours,
 * computed when asked and kept until a point is added: {@link #PLANE} ({@code l1 < PLANE_RATIO * l2} and
 * {@code l2 >= LINE_RATIO * l3}; its normal is the eigenvector of {@code l1}), {@link #LINE}
 * ({@code l2 < LINE_RATIO * l3}; its direction is the eigenvector of {@code l3}) or {@link #SCATTER} (anything else,
 * and neighbourhoods with fewer than {@link #MIN_SHAPE_POINTS} points). The thresholds are those of the classic
 * dimensionality features (Demantke, Mallet, David, Vallet, "Dimensionality based scale selection in 3D lidar point
 * clouds", ISPRS 2011) set for the map's spacing: a surface sampled over a voxel with centimetre noise is a plane.
 *
 * <p>Storage: voxels live in slots (fixed stride of {@code maxPointsPerVoxel} points, float xyz) recycled through a
 * free list, indexed by an open-addressing hash keyed by the packed voxel indices; pruning rebuilds the index.
 * Arrays grow by doubling and are never shrunk, so a steady drive allocates nothing. Not thread-safe.
 */
final class VoxelHashMap {
    private static final int AXIS_OFFSET = 1 << 20;
    private static final long AXIS_MASK = (1L << 21) - 1;
    private static final int EMPTY = -1;
    /** Voxel shapes (see the class comment); {@link #DIRTY} means not computed since the last point was added. */
    static final byte DIRTY = 0;
    static final byte PLANE = 1;
    static final byte LINE = 2;
    static final byte SCATTER = 3;
    /** Fewer points than this and a voxel is {@link #SCATTER}: no shape to speak of. */
    static final int MIN_SHAPE_POINTS = 6;
    /** Plane: the smallest covariance eigenvalue below this fraction of the middle one (sigma across < 0.2 along). */
    static final double PLANE_RATIO = 0.04;
    /** Line: the middle eigenvalue below this fraction of the largest one. */
    static final double LINE_RATIO = 0.04;
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
    /**
     * One bit per value of {@code VoxelKeyTable.mix(key) & occupancyMask}, set for every voxel in the table: a clear
     * bit tells that a voxel is not in the map without probing the table. Most of the 27 voxels around a query are
     * empty, and the table (12 bytes an entry, a random entry per key) misses the cache where this (4 bits an entry)
     * mostly does not. Rebuilt with the table, so removed voxels leave no bits behind.
     */
    private long[] occupancy = new long[0];
    private int occupancyMask;

    private long[] slotKey = new long[0];
    private int[] slotCount = new int[0];
    private float[] points = new float[0];
    private int[] freeSlots = new int[0];
    private byte[] slotShape = new byte[0];
    /** Per slot: the plane normal or the line direction (unit), valid when the shape is PLANE or LINE. */
    private float[] slotAxis = new float[0];
    private final double[] covariance = new double[9];
    private final double[] eigenvalues = new double[3];
    private final double[] eigenvectors = new double[9];
    private final double[] eigenWork = new double[9];
    private int freeCount;
    private int slotsUsed;
    private int voxelCount;
    private long pointCount;

    /** Bumped by every change of the map: cached neighbour slots of an older generation are stale. */
    private int generation;
    /** Per cached query (see {@link #nearest(double, double, double, double, int)}): its voxel's key. */
    private long[] queryVoxel = new long[0];
    /** Per cached query: the generation its slots were looked up in. */
    private int[] queryGeneration = new int[0];
    /**
     * Per cached query: the slots of the occupied voxels among the 27 around it, in {@link #NEIGHBOURS} order (27
     * entries reserved per query, {@link #queryCount} used).
     */
    private int[] querySlots = new int[0];
    /** Per cached query, beside {@link #querySlots}: which of the 27 neighbours each slot is (its NEIGHBOURS index). */
    private byte[] queryNeighbour = new byte[0];
    /** Per cached query: how many of the 27 voxels around it are occupied. */
    private int[] queryCount = new int[0];
    /** Scratch of a cached query: per axis the squared gap to the neighbour box below, beside (0) and above. */
    private final double[] gapX = new double[3];
    private final double[] gapY = new double[3];
    private final double[] gapZ = new double[3];

    /** Result of the last {@link #nearest} query. */
    double nearestX;
    double nearestY;
    double nearestZ;
    /** Slot of the last {@link #nearest} result, for {@link #shape} and {@link #axisX} etc. */
    int nearestSlot;

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

    /**
     * Makes room for {@code voxels} voxels (slots and index) now, so that the map does not grow while it is used up
     * to that many. Never shrinks.
     *
     * @throws IllegalArgumentException unless {@code voxels} is in [1, 2^24]
     */
    void reserve(int voxels) {
        if (voxels < 1 || voxels > 1 << 24) {
            throw new IllegalArgumentException("voxels to reserve must be in [1, 16777216], was " + voxels);
        }
        int capacity = voxels == 1 ? 1 : Integer.highestOneBit(voxels - 1) << 1; // the power of two >= voxels
        if (slotKey.length < capacity) {
            growSlots(capacity);
        }
        if (tableKey.length < 2 * capacity) {
            rebuildTable(2 * capacity);
        }
    }

    /** Voxels there is room for without growing. */
    int capacity() {
        return slotKey.length;
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
        generation++;
        Arrays.fill(tableSlot, EMPTY);
        Arrays.fill(occupancy, 0L);
        freeCount = 0;
        slotsUsed = 0;
        voxelCount = 0;
        pointCount = 0;
    }

    /** Adds {@code n} points given in the sensor frame, mapped into the map frame by {@code pose} (3x4 row-major). */
    void addPoints(float[] xs, float[] ys, float[] zs, int n, double[] pose) {
        generation++;
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
            slotShape[slot] = DIRTY;
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
        slotShape[slot] = DIRTY;
        pointCount++;
    }

    /** Drops every voxel whose first point is farther than the maximum distance from {@code (x, y, z)}. */
    void removeFarFrom(double x, double y, double z) {
        generation++;
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
            best = nearestInSlot(slot, x, y, z, best);
        }
        return best < maxDistanceSquared ? best : Double.POSITIVE_INFINITY;
    }

    /**
     * The points of {@code slot} closer to {@code (x, y, z)} than {@code bestSquared}: the nearest goes into
     * {@link #nearestX} etc. and {@link #nearestSlot}; returns its squared distance, or {@code bestSquared} when none
     * is closer. The inner loop of both {@code nearest} queries.
     */
    private double nearestInSlot(int slot, double x, double y, double z, double bestSquared) {
        double best = bestSquared;
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
                nearestSlot = slot;
            }
        }
        return best;
    }

    /**
     * Takes {@code donor}'s query cache when it has room for more queries than this map's, giving it this one's in
     * exchange; both caches are emptied (every entry marked as of an older generation), so no map reads the other's
     * neighbour slots.
     */
    void adoptQueryCacheOf(VoxelHashMap donor) {
        if (queryVoxel.length < donor.queryVoxel.length) {
            long[] qv = queryVoxel;
            int[] qg = queryGeneration;
            int[] qs = querySlots;
            byte[] qn = queryNeighbour;
            int[] qc = queryCount;
            queryVoxel = donor.queryVoxel;
            queryGeneration = donor.queryGeneration;
            querySlots = donor.querySlots;
            queryNeighbour = donor.queryNeighbour;
            queryCount = donor.queryCount;
            donor.queryVoxel = qv;
            donor.queryGeneration = qg;
            donor.querySlots = qs;
            donor.queryNeighbour = qn;
            donor.queryCount = qc;
        }
        Arrays.fill(queryGeneration, generation - 1);
        Arrays.fill(donor.queryGeneration, donor.generation - 1);
    }

    /**
     * Makes room for {@code n} cached queries ({@link #nearest(double, double, double, double, int)}); grows by
     * replacement, so a steady drive allocates nothing here.
     */
    void ensureQueryCapacity(int n) {
        if (queryVoxel.length < n) {
            int cap = Math.max(n, 1024);
            queryVoxel = new long[cap];
            queryGeneration = new int[cap];
            Arrays.fill(queryGeneration, generation - 1);
            querySlots = new int[27 * cap];
            queryNeighbour = new byte[27 * cap];
            queryCount = new int[cap];
        }
    }

    /**
     * As {@link #nearest(double, double, double, double)}, for query number {@code q} of a set of queries that are
     * asked again and again while the map does not change (the Gauss-Newton iterations of one registration): the
     * slots of the 27 voxels around the query are looked up once and kept until the query moves to another voxel or
     * the map changes. The same voxels are visited in the same order with the same pruning, so the result is that of
     * the uncached query; only the hash probes are saved. {@code q} must be below the capacity given to
     * {@link #ensureQueryCapacity}.
     */
    double nearest(double x, double y, double z, double maxDistanceSquared, int q) {
        long ix = voxelIndex(x), iy = voxelIndex(y), iz = voxelIndex(z);
        long own = key(ix, iy, iz);
        int base = 27 * q;
        if (queryGeneration[q] != generation || queryVoxel[q] != own) {
            int occupied = 0;
            for (int k = 0, j = 0; k < NEIGHBOURS.length; k += 3, j++) {
                int slot = find(key(ix + NEIGHBOURS[k], iy + NEIGHBOURS[k + 1], iz + NEIGHBOURS[k + 2]));
                if (slot != EMPTY) {
                    querySlots[base + occupied] = slot;
                    queryNeighbour[base + occupied] = (byte) j;
                    occupied++;
                }
            }
            queryCount[q] = occupied;
            queryVoxel[q] = own;
            queryGeneration[q] = generation;
        }
        // the gaps axisGap gives, each worked out once per axis instead of once per neighbour (the same expressions,
        // so the same bits, and the same sum order below)
        double vs = voxelSize;
        double[] gx = gapX, gy = gapY, gz = gapZ;
        gx[0] = axisGap(x, (ix - 1) * vs, -1, vs);
        gx[2] = axisGap(x, (ix + 1) * vs, 1, vs);
        gy[0] = axisGap(y, (iy - 1) * vs, -1, vs);
        gy[2] = axisGap(y, (iy + 1) * vs, 1, vs);
        gz[0] = axisGap(z, (iz - 1) * vs, -1, vs);
        gz[2] = axisGap(z, (iz + 1) * vs, 1, vs);
        double best = maxDistanceSquared;
        for (int m = base, end = base + queryCount[q]; m < end; m++) {
            int k = 3 * queryNeighbour[m];
            double gap = gx[NEIGHBOURS[k] + 1] + gy[NEIGHBOURS[k + 1] + 1] + gz[NEIGHBOURS[k + 2] + 1];
            if (gap >= best) {
                continue;
            }
            best = nearestInSlot(querySlots[m], x, y, z, best);
        }
        return best < maxDistanceSquared ? best : Double.POSITIVE_INFINITY;
    }

    /**
     * The shape of the voxel in {@code slot} (a slot from {@link #nearestSlot}): {@link #PLANE}, {@link #LINE} or
     * {@link #SCATTER}, computed now if points were added since it was last asked. For a plane or a line, its
     * normal or direction is then in {@link #axisX(int)} etc.
     */
    byte shape(int slot) {
        byte shape = slotShape[slot];
        if (shape != DIRTY) {
            return shape;
        }
        // the shape of the neighbourhood: the voxel and its 26 neighbours (one voxel holds too few points of one
        // sweep to tell a plane from a line)
        long key = slotKey[slot];
        long ix = ((key >>> 42) & AXIS_MASK) - AXIS_OFFSET;
        long iy = ((key >>> 21) & AXIS_MASK) - AXIS_OFFSET;
        long iz = (key & AXIS_MASK) - AXIS_OFFSET;
        int count = 0;
        double mx = 0, my = 0, mz = 0;
        double xx = 0, xy = 0, xz = 0, yy = 0, yz = 0, zz = 0;
        // centre the sums on the voxel's first point: float coordinates far from the origin lose the small spread
        int first = slot * stride;
        double ox = points[first], oy = points[first + 1], oz = points[first + 2];
        for (int k = 0; k < NEIGHBOURS.length; k += 3) {
            int s = k == 0 ? slot : find(key(ix + NEIGHBOURS[k], iy + NEIGHBOURS[k + 1], iz + NEIGHBOURS[k + 2]));
            if (s == EMPTY) {
                continue;
            }
            int c = slotCount[s];
            for (int p = 0, o = s * stride; p < c; p++, o += 3) {
                double dx = points[o] - ox, dy = points[o + 1] - oy, dz = points[o + 2] - oz;
                mx += dx;
                my += dy;
                mz += dz;
                xx += dx * dx;
                xy += dx * dy;
                xz += dx * dz;
                yy += dy * dy;
                yz += dy * dz;
                zz += dz * dz;
            }
            count += c;
        }
        shape = SCATTER;
        if (count >= MIN_SHAPE_POINTS) {
            mx /= count;
            my /= count;
            mz /= count;
            xx = xx / count - mx * mx;
            xy = xy / count - mx * my;
            xz = xz / count - mx * mz;
            yy = yy / count - my * my;
            yz = yz / count - my * mz;
            zz = zz / count - mz * mz;
            double[] c = covariance;
            c[0] = xx; c[1] = xy; c[2] = xz;
            c[3] = xy; c[4] = yy; c[5] = yz;
            c[6] = xz; c[7] = yz; c[8] = zz;
            SymmetricEigen3.decompose(c, eigenvalues, eigenvectors, eigenWork);
            double l1 = eigenvalues[0], l2 = eigenvalues[1], l3 = eigenvalues[2];
            int column = -1;
            if (l2 < LINE_RATIO * l3) {
                shape = LINE;
                column = 2;
            } else if (l1 < PLANE_RATIO * l2) {
                shape = PLANE;
                column = 0;
            }
            if (column >= 0) {
                slotAxis[3 * slot] = (float) eigenvectors[column];
                slotAxis[3 * slot + 1] = (float) eigenvectors[3 + column];
                slotAxis[3 * slot + 2] = (float) eigenvectors[6 + column];
            }
        }
        slotShape[slot] = shape;
        return shape;
    }

    float axisX(int slot) {
        return slotAxis[3 * slot];
    }

    float axisY(int slot) {
        return slotAxis[3 * slot + 1];
    }

    float axisZ(int slot) {
        return slotAxis[3 * slot + 2];
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
        int h = VoxelKeyTable.mix(key);
        int bit = h & occupancyMask;
        if ((occupancy[bit >>> 6] & (1L << bit)) == 0) {
            return EMPTY;
        }
        int i = h & tableMask;
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
        int h = VoxelKeyTable.mix(key);
        int bit = h & occupancyMask;
        occupancy[bit >>> 6] |= 1L << bit;
        int i = h & tableMask;
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
            occupancy = new long[Math.max(1, size / 16)]; // 4 bits per table entry: at most 1 in 8 set at load 0.5
            occupancyMask = 64 * occupancy.length - 1;
        }
        Arrays.fill(tableSlot, EMPTY);
        Arrays.fill(occupancy, 0L);
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
        slotShape = Arrays.copyOf(slotShape, capacity);
        slotAxis = Arrays.copyOf(slotAxis, 3 * capacity);
    }
}
