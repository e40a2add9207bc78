package org.avfusion.runtime.occupancy;

/**
 * Obstacles read off a grid: axis-aligned extents in {@code base_link}, nearest first. Preallocated and reused;
 * valid until the next extraction into it.
 */
public final class ObstacleList {
    private final double[] centerX;
    private final double[] centerY;
    private final double[] minX;
    private final double[] maxX;
    private final double[] minY;
    private final double[] maxY;
    private final int[] cells;
    private final double[] range;
    private int size;

    public ObstacleList(int capacity) {
        centerX = new double[capacity];
        centerY = new double[capacity];
        minX = new double[capacity];
        maxX = new double[capacity];
        minY = new double[capacity];
        maxY = new double[capacity];
        cells = new int[capacity];
        range = new double[capacity];
    }

    void clear() {
        size = 0;
    }

    int capacity() {
        return centerX.length;
    }

    void set(int i, double cx, double cy, double x0, double x1, double y0, double y1, int n) {
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
