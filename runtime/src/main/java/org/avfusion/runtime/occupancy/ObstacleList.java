package org.avfusion.runtime.occupancy;

/**
 * Obstacles read off a grid: axis-aligned extents in {@code base_link}, nearest first. Reused; valid until the next
 * extraction into it.
 *
 * <p>Memory: the storage starts at {@link #INITIAL_STORAGE} obstacles and doubles, up to the capacity, the first time
 * an extraction needs more (at most three allocations over the list's life at the default capacity of 64): every ring
 * slot holds one list and most slots never hold a set, so preallocating the full capacity cost 15 MB of heap at 4,096
 * slots (docs/PERFORMANCE.md, "Replay memory and start-up").
 */
public final class ObstacleList {
    /** Obstacles the storage holds before it first grows. */
    static final int INITIAL_STORAGE = 8;

    private final int capacity;
    private double[] centerX;
    private double[] centerY;
    private double[] minX;
    private double[] maxX;
    private double[] minY;
    private double[] maxY;
    private int[] cells;
    private double[] range;
    private int size;

    /** @param capacity most obstacles the list holds, >= 1 */
    public ObstacleList(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        allocate(Math.min(capacity, INITIAL_STORAGE));
    }

    private void allocate(int n) {
        centerX = java.util.Arrays.copyOf(centerX == null ? new double[0] : centerX, n);
        centerY = java.util.Arrays.copyOf(centerY == null ? new double[0] : centerY, n);
        minX = java.util.Arrays.copyOf(minX == null ? new double[0] : minX, n);
        maxX = java.util.Arrays.copyOf(maxX == null ? new double[0] : maxX, n);
        minY = java.util.Arrays.copyOf(minY == null ? new double[0] : minY, n);
        maxY = java.util.Arrays.copyOf(maxY == null ? new double[0] : maxY, n);
        cells = java.util.Arrays.copyOf(cells == null ? new int[0] : cells, n);
        range = java.util.Arrays.copyOf(range == null ? new double[0] : range, n);
    }

    /** Obstacles the storage holds now (grows up to {@link #capacity()}). */
    int storage() {
        return centerX.length;
    }

    void clear() {
        size = 0;
    }

    int capacity() {
        return capacity;
    }

    void set(int i, double cx, double cy, double x0, double x1, double y0, double y1, int n) {
        if (i >= centerX.length) {
            if (i >= capacity) {
                throw new IndexOutOfBoundsException("obstacle " + i + " beyond the capacity " + capacity);
            }
            allocate(Math.min(capacity, Math.max(i + 1, 2 * centerX.length)));
        }
        centerX[i] = cx;
        centerY[i] = cy;
        minX[i] = x0;
        maxX[i] = x1;
        minY[i] = y0;
        maxY[i] = y1;
        cells[i] = n;
        range[i] = Math.hypot(cx, cy);
    }

    void size(int n) {
        size = n;
    }

    void swap(int a, int b) {
        swap(centerX, a, b);
        swap(centerY, a, b);
        swap(minX, a, b);
        swap(maxX, a, b);
        swap(minY, a, b);
        swap(maxY, a, b);
        swap(range, a, b);
        int t = cells[a];
        cells[a] = cells[b];
        cells[b] = t;
    }

    private static void swap(double[] v, int a, int b) {
        double t = v[a];
        v[a] = v[b];
        v[b] = t;
    }

    public int size() {
        return size;
    }

    public double centerXMeters(int i) {
        return centerX[i];
    }

    public double centerYMeters(int i) {
        return centerY[i];
    }

    /** Extent along x (length), metres, cell-quantised. */
    public double lengthMeters(int i) {
        return maxX[i] - minX[i];
    }

    /** Extent along y (width), metres, cell-quantised. */
    public double widthMeters(int i) {
        return maxY[i] - minY[i];
    }

    public double minXMeters(int i) {
        return minX[i];
    }

    public double maxXMeters(int i) {
        return maxX[i];
    }

    public double minYMeters(int i) {
        return minY[i];
    }

    public double maxYMeters(int i) {
        return maxY[i];
    }

    public int cellCount(int i) {
        return cells[i];
    }

    /** Distance of the centre from base_link. */
    public double rangeMeters(int i) {
        return range[i];
    }
}
