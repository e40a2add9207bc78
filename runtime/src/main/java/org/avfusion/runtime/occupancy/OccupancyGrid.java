package org.avfusion.runtime.occupancy;

import java.util.Arrays;
import java.util.Objects;
import org.avfusion.drivers.pool.PooledPayload;

/**
 * A 2D log-odds grid in {@code base_link} (x forward, y left). Cell (col, row) covers
 * x in [minX + col*size, minX + (col+1)*size), y in [minY + row*size, ...). Log-odds 0 is unknown, > 0 occupied,
 * < 0 free. Pooled so that the fuse stage can hand snapshots down the ring (see
 * {@link org.avfusion.drivers.pool.PooledPayload} for the ownership rule).
 */
public final class OccupancyGrid extends PooledPayload {
    private final OccupancyConfig config;
    private final int cols;
    private final int rows;
    private final double minXMeters;
    private final double minYMeters;
    private final float[] logOdds;
    private long stampNanos;

    public OccupancyGrid(OccupancyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        Geometry g = geometry(config);
        this.cols = g.cols();
        this.rows = g.rows();
        this.minXMeters = g.minXMeters();
        this.minYMeters = g.minYMeters();
        this.logOdds = new float[cols * rows];
    }

    /** Columns (along x), rows (along y) and the lower corner of a grid. */
    record Geometry(int cols, int rows, double minXMeters, double minYMeters) {
    }

    /** The geometry of {@code config}'s grid, as a grid built from it has it. */
    static Geometry geometry(OccupancyConfig config) {
        return new Geometry((int) Math.round((config.forwardMeters() + config.backwardMeters())
                / config.cellSizeMeters()), (int) Math.round(2 * config.lateralMeters() / config.cellSizeMeters()),
                -config.backwardMeters(), -config.lateralMeters());
    }

    public OccupancyConfig config() {
        return config;
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    public double cellSizeMeters() {
        return config.cellSizeMeters();
    }

    public double minXMeters() {
        return minXMeters;
    }

    public double minYMeters() {
        return minYMeters;
    }

    /** Vehicle time (ns) of the sweep this grid state belongs to. */
    public long stampNanos() {
        return stampNanos;
    }

    public void stampNanos(long stamp) {
        this.stampNanos = stamp;
    }

    /** Column of x, or -1 outside. */
    public int col(double xMeters) {
        double c = (xMeters - minXMeters) / config.cellSizeMeters();
        return c >= 0 && c < cols ? (int) c : -1;
    }

    /** Row of y, or -1 outside. */
    public int row(double yMeters) {
        double r = (yMeters - minYMeters) / config.cellSizeMeters();
        return r >= 0 && r < rows ? (int) r : -1;
    }

    public double cellCenterX(int col) {
        return minXMeters + (col + 0.5) * config.cellSizeMeters();
    }

    public double cellCenterY(int row) {
        return minYMeters + (row + 0.5) * config.cellSizeMeters();
    }

    public float logOdds(int col, int row) {
        return logOdds[row * cols + col];
    }

    public boolean isOccupied(int col, int row) {
        return logOdds[row * cols + col] > config.occupiedLogOdds();
    }

    /** Occupied at a point; false outside the grid. */
    public boolean isOccupiedAt(double xMeters, double yMeters) {
        int c = col(xMeters);
        int r = row(yMeters);
        return c >= 0 && r >= 0 && isOccupied(c, r);
    }

    /** Backing array, row-major ({@code row * cols + col}); mutable by the updater in this package. */
    float[] cells() {
        return logOdds;
    }

    void add(int col, int row, double delta) {
        addAt(row * cols + col, delta);
    }

    /** {@link #add} by cell index ({@code row * cols + col}). */
    void addAt(int i, double delta) {
        float v = (float) (logOdds[i] + delta);
        logOdds[i] = (float) Math.max(config.minLogOdds(), Math.min(config.maxLogOdds(), v));
    }

    /** Copies another grid of the same geometry into this one. */
    public void copyFrom(OccupancyGrid other) {
        if (other.cols != cols || other.rows != rows) {
            throw new IllegalArgumentException("grid geometry differs: " + other.cols + "x" + other.rows + " vs "
                    + cols + "x" + rows);
        }
        System.arraycopy(other.logOdds, 0, logOdds, 0, logOdds.length);
        stampNanos = other.stampNanos;
    }

    /** Number of occupied cells. */
    public int occupiedCount() {
        int n = 0;
        float t = (float) config.occupiedLogOdds();
        for (float v : logOdds) {
            if (v > t) {
                n++;
            }
        }
        return n;
    }

    @Override
    protected void clear() {
        Arrays.fill(logOdds, 0f);
        stampNanos = 0;
    }

    /** Resets every cell to unknown. */
    public void reset() {
        clear();
    }
}
