package org.avfusion.runtime.perceive.lidar;

import org.avfusion.runtime.voxel.VoxelKeyTable;

/**
 * Euclidean cluster extraction (Rusu, "Semantic 3D Object Maps for Everyday Manipulation in Human Living
 * Environments", 2009, section 4.2; PCL's {@code EuclideanClusterExtraction}): the connected components of the graph
 * that joins two points closer than {@code toleranceMeters} (3-D distance, {@code d^2 <= tolerance^2}), kept when
 * their weight (lidar points) lies in {@code [minWeight, maxWeight]}.
 *
 * <p>Neighbour search: a voxel hash with cells of edge {@code toleranceMeters}, so every neighbour of a point lies
 * in the 27 cells around it, which are looked up once per cell, not per point (13 probes per cell: each pair of
 * neighbouring cells is found from one side and written on both). Consecutive entries in one cell (voxels come in
 * firing order) skip the probe. The cells are numbered through a {@link VoxelKeyTable}, sized for the cells, not the
 * points: the non-ground voxels of a KITTI HDL-64E sweep (about 63,000 voxels in all) fall in 2,800-5,300 cells of
 * 0.6 m (the default tolerance), so the table holds 8,192-16,384 slots. Each cell is a linked list threaded through
 * one {@code next} array, from which a point is unlinked once it has joined a cluster (so a cell is scanned about
 * once however dense). Components grow breadth-first from the lowest unvisited index, so clusters come out ordered by
 * their first point.
 *
 * <p>Results ({@link #clusterCount}, {@link #clusterStart}, {@link #clusterSize}, {@link #member}, {@link #label}) are
 * valid until the next call. Not thread-safe; no allocation per call once the work arrays have grown to the largest
 * input.
 */
public final class EuclideanClusterer {
    private static final int AXIS_OFFSET = 1 << 20;
    private static final long AXIS_MASK = (1L << 21) - 1;

    private final VoxelKeyTable cellOfKey = new VoxelKeyTable();
    private int[] next = new int[0];
    private int[] cellOfPoint = new int[0];
    private int[] cellHead = new int[0];
    private int[] cellX = new int[0];
    private int[] cellY = new int[0];
    private int[] cellZ = new int[0];
    private int[] cellNeighbours = new int[0];
    private int[] labels = new int[0];
    private int[] members = new int[0];
    private int[] starts = new int[64];
    private int[] sizes = new int[64];
    private int clusters;
    private int rejectedSmall;
    private int rejectedLarge;

    /**
     * Clusters the points {@code [0, n)} of {@code x, y, z} (metres) whose {@code skip} flag is false.
     *
     * @param weight    lidar points each entry stands for (voxel weights), or null for 1 each
     * @param skip      entries to leave out (ground), or null for none
     * @param minWeight smallest cluster weight kept
     * @param maxWeight largest cluster weight kept
     */
    public void cluster(float[] x, float[] y, float[] z, int[] weight, boolean[] skip, int n, double toleranceMeters,
            int minWeight, int maxWeight) {
        if (!(toleranceMeters > 0) || Double.isInfinite(toleranceMeters)) {
            throw new IllegalArgumentException("cluster tolerance must be > 0 m, was " + toleranceMeters);
        }
        ensureCapacity(n);
        cellOfKey.clear(512);
        double inv = 1.0 / toleranceMeters;
        int cells = 0;
        long lastKey = -1; // no packed key is negative (63 bits used)
        int lastCell = -1;
        for (int i = 0; i < n; i++) {
            labels[i] = -1;
            if (skip != null && skip[i]) {
                continue;
            }
            if (!Float.isFinite(x[i]) || !Float.isFinite(y[i]) || !Float.isFinite(z[i])) {
                labels[i] = -2; // never joins anything
                continue;
            }
            int cx = (int) Math.floor(x[i] * inv);
            int cy = (int) Math.floor(y[i] * inv);
            int cz = (int) Math.floor(z[i] * inv);
            long key = key(cx, cy, cz);
            if (key == lastKey) {
                // the cell of the entry before (voxels come in firing order): no hash probe
                next[i] = cellHead[lastCell];
                cellHead[lastCell] = i;
                cellOfPoint[i] = lastCell;
                continue;
            }
            lastKey = key;
            int cell = cellOfKey.putIfAbsent(key, cells);
            if (cell == VoxelKeyTable.ABSENT) {
                if (cells == cellHead.length) {
                    growCells();
                }
                cell = cells++;
                cellX[cell] = cx;
                cellY[cell] = cy;
                cellZ[cell] = cz;
                next[i] = -1;
            } else {
                next[i] = cellHead[cell];
            }
            cellHead[cell] = i;
            cellOfPoint[i] = cell;
            lastCell = cell;
        }
        findNeighbourCells(cells);

        double tol2 = toleranceMeters * toleranceMeters;
        clusters = 0;
        rejectedSmall = 0;
        rejectedLarge = 0;
        int written = 0;
        for (int seed = 0; seed < n; seed++) {
            if (labels[seed] != -1 || (skip != null && skip[seed])) {
                continue;
            }
            // breadth-first over members[written ..]: the queue is the cluster's member list itself
            int head = written;
            int tail = written;
            members[tail++] = seed;
            labels[seed] = clusters;
            long clusterWeight = 0;
            while (head < tail) {
                int p = members[head++];
                clusterWeight += weight == null ? 1 : weight[p];
                double px = x[p], py = y[p], pz = z[p];
                int base = cellOfPoint[p] * 27;
                for (int k = 0; k < 27; k++) {
                    int cell = cellNeighbours[base + k];
                    if (cell < 0) {
                        continue;
                    }
                    // labelled points leave their cell's list as they are met: a list only ever holds points still
                    // waiting for a cluster, so dense cells are scanned about once
                    int prev = -1;
                    for (int q = cellHead[cell]; q >= 0; ) {
                        int following = next[q];
                        boolean unlink = labels[q] != -1;
                        if (!unlink) {
                            double ex = x[q] - px, ey = y[q] - py, ez = z[q] - pz;
                            if (ex * ex + ey * ey + ez * ez <= tol2) {
                                labels[q] = clusters;
                                members[tail++] = q;
                                unlink = true;
                            }
                        }
                        if (unlink) {
                            if (prev < 0) {
                                cellHead[cell] = following;
                            } else {
                                next[prev] = following;
                            }
                        } else {
                            prev = q;
                        }
                        q = following;
                    }
                }
            }
            if (clusterWeight < minWeight || clusterWeight > maxWeight) {
                if (clusterWeight < minWeight) {
                    rejectedSmall++;
                } else {
                    rejectedLarge++;
                }
                for (int k = written; k < tail; k++) {
                    labels[members[k]] = -3; // visited, in no kept cluster
                }
                continue;
            }
            if (clusters == starts.length) {
                starts = java.util.Arrays.copyOf(starts, clusters * 2);
                sizes = java.util.Arrays.copyOf(sizes, clusters * 2);
            }
            starts[clusters] = written;
            sizes[clusters] = tail - written;
            clusters++;
            written = tail;
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                labels[i] = -1;
            }
        }
    }

    /**
     * For every cell, the occupied cells among the 27 around it (itself included, at index 13), -1 for empty ones;
     * index {@code (dx + 1) * 9 + (dy + 1) * 3 + (dz + 1)}. Only the 13 offsets before the cell itself are looked up:
     * a neighbour at offset {@code k} sees this cell at offset {@code 26 - k}, so each pair is found once and both
     * sides are written (half the hash probes of looking up all 27 per cell, the same table).
     */
    private void findNeighbourCells(int cells) {
        if (cellNeighbours.length < cells * 27) { // cells, not points: a fraction of the entries
            cellNeighbours = new int[27 * Math.max(cells + (cells >> 1), 1024)];
        }
        java.util.Arrays.fill(cellNeighbours, 0, cells * 27, -1);
        for (int cell = 0; cell < cells; cell++) {
            int base = cell * 27;
            cellNeighbours[base + 13] = cell;
            int cx = cellX[cell], cy = cellY[cell], cz = cellZ[cell];
            for (int k = 0; k < 13; k++) {
                int other = cellOfKey.get(key(cx + k / 9 - 1, cy + k / 3 % 3 - 1, cz + k % 3 - 1));
                if (other != VoxelKeyTable.ABSENT) {
                    cellNeighbours[base + k] = other;
                    cellNeighbours[other * 27 + 26 - k] = cell;
                }
            }
        }
    }

    /** Clusters kept by the last call. */
    public int clusterCount() {
        return clusters;
    }

    /** Components dropped for weighing less than {@code minWeight}. */
    public int rejectedSmall() {
        return rejectedSmall;
    }

    /** Components dropped for weighing more than {@code maxWeight}. */
    public int rejectedLarge() {
        return rejectedLarge;
    }

    /** Offset of cluster {@code c}'s first member in {@link #member}. */
    public int clusterStart(int c) {
        return starts[c];
    }

    /** Members of cluster {@code c}. */
    public int clusterSize(int c) {
        return sizes[c];
    }

    /** The {@code k}-th member index over all kept clusters (cluster {@code c}: {@code [start, start + size)}). */
    public int member(int k) {
        return members[k];
    }

    /** Cluster of input point {@code i}, -1 when it is in none (skipped or in a dropped component). */
    public int label(int i) {
        return labels[i];
    }

    private static long key(int cx, int cy, int cz) {
        return ((cx + AXIS_OFFSET) & AXIS_MASK) << 42 | ((cy + AXIS_OFFSET) & AXIS_MASK) << 21
                | ((cz + AXIS_OFFSET) & AXIS_MASK);
    }

    /**
     * Room in the per-point arrays for {@code points} points now, between calls (see
     * {@link LidarObstaclePipeline#reserveHeadroom}).
     */
    void reserve(int points) {
        if (labels.length < points) {
            next = new int[points];
            cellOfPoint = new int[points];
            labels = new int[points];
            members = new int[points];
        }
    }

    /**
     * Grows the per-point arrays to hold {@code n} with half as much again in reserve: sweeps that grow a little at a
     * time (a vehicle approaching a wall adds voxels every sweep) must not replace them every sweep (each
     * replacement was several MiB on KITTI, allocated in the middle of the track stage).
     */
    private void ensureCapacity(int n) {
        if (labels.length < n) {
            int cap = Math.max(n + (n >> 1), 1024);
            next = new int[cap];
            cellOfPoint = new int[cap];
            labels = new int[cap];
            members = new int[cap];
        }
    }

    /** Half as much room again for the per-cell arrays, keeping the cells of this call (only a call with more). */
    private void growCells() {
        int cap = Math.max(1024, cellHead.length + (cellHead.length >> 1));
        cellHead = java.util.Arrays.copyOf(cellHead, cap);
        cellX = java.util.Arrays.copyOf(cellX, cap);
        cellY = java.util.Arrays.copyOf(cellY, cap);
        cellZ = java.util.Arrays.copyOf(cellZ, cap);
    }
}
