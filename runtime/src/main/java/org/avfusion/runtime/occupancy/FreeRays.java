package org.avfusion.runtime.occupancy;

/**
 * The cells each azimuth bin's free ray samples, worked out once per sensor position and grid geometry. The ray of
 * bin {@code b} leaves the sensor at angle {@code (b + 0.5) 2 pi / bins} and is sampled every half cell: distances
 * {@code d = 0, step, step + step, ...} (added up one step at a time) while {@code d <= maxMeters}, stopping where
 * it leaves the grid. Consecutive samples in one cell are one entry, which keeps the index of the first of them. A
 * sweep whose ray is free up to {@code free} metres then marks the entries whose first sample is among the
 * {@link #samplesWithin samples within} {@code free}: the same cells, computed by the same expressions, as stepping
 * the ray every sweep, which is what {@link GridUpdater} did before (2026-12-06). The rays of one lidar start from
 * the same point every sweep (its mount), so stepping them again cost 720 bins x up to 481 samples, 2.4-3.3 ms a
 * sweep on the default grid; the table has 117,735 entries there (0.9 MB).
 *
 * <p>{@link #prepare} rebuilds the table when the origin, the bins or the grid differ from the last call (reusing
 * its arrays when they are large enough), and declines (returns false) when the table would exceed
 * {@link #MAX_ENTRIES}: the caller steps the rays then. Not thread-safe: one per {@link GridUpdater}.
 */
final class FreeRays {
    /** Entries above which no table is kept (8 MB of arrays): a fine grid with many bins steps its rays instead. */
    static final int MAX_ENTRIES = 1 << 20;

    private int bins = -1;
    private double originX = Double.NaN; // NaN equals nothing: the first prepare builds
    private double originY = Double.NaN;
    private int cols = -1;
    private int rows = -1;
    private double minX = Double.NaN;
    private double minY = Double.NaN;
    private double cellSize = Double.NaN;
    private double maxMeters = Double.NaN;
    private boolean fits;
    private int builds;

    private double[] sampleMeters = new double[0];
    private int samples;
    private int[] rayStart = new int[1];
    private int[] cell = new int[0];
    private int[] firstSample = new int[0];

    /**
     * Makes the table fit this origin, bin count and grid; true when it is usable, false when it would hold more than
     * {@link #MAX_ENTRIES} entries.
     */
    boolean prepare(OccupancyGrid grid, int bins, double originX, double originY, double maxMeters) {
        if (bins == this.bins && originX == this.originX && originY == this.originY && grid.cols() == cols
                && grid.rows() == rows && grid.minXMeters() == minX && grid.minYMeters() == minY
                && grid.cellSizeMeters() == cellSize && maxMeters == this.maxMeters) {
            return fits;
        }
        this.bins = bins;
        this.originX = originX;
        this.originY = originY;
        this.cols = grid.cols();
        this.rows = grid.rows();
        this.minX = grid.minXMeters();
        this.minY = grid.minYMeters();
        this.cellSize = grid.cellSizeMeters();
        this.maxMeters = maxMeters;
        fits = build(grid);
        builds++;
        return fits;
    }

    private boolean build(OccupancyGrid grid) {
        double step = cellSize * 0.5;
        samples = 0;
        for (double d = 0; d <= maxMeters; d += step) {
            samples++;
        }
        // a straight ray crosses at most cols + rows - 1 cells: a table past the limit is not even counted
        if ((long) bins * Math.min(samples, cols + rows) > MAX_ENTRIES) {
            return false;
        }
        if (sampleMeters.length < samples) {
            sampleMeters = new double[samples];
        }
        int i = 0;
        for (double d = 0; d <= maxMeters; d += step) {
            sampleMeters[i++] = d;
        }
        if (rayStart.length < bins + 1) {
            rayStart = new int[bins + 1];
        }
        int entries = walk(grid, false); // count, then allocate what the rays fill
        if (cell.length < entries) {
            cell = new int[entries];
            firstSample = new int[entries];
        }
        walk(grid, true);
        return true;
    }

    /** Steps every bin's ray through the samples; counts its entries, and stores them when {@code store}. */
    private int walk(OccupancyGrid grid, boolean store) {
        int entries = 0;
        for (int b = 0; b < bins; b++) {
            rayStart[b] = entries;
            double angle = (b + 0.5) * 2 * Math.PI / bins;
            double dx = Math.cos(angle);
            double dy = Math.sin(angle);
            int last = -1;
            for (int s = 0; s < samples; s++) {
                double d = sampleMeters[s];
                int c = grid.col(originX + dx * d);
                int r = grid.row(originY + dy * d);
                if (c < 0 || r < 0) {
                    break;
                }
                int k = r * cols + c;
                if (k != last) {
                    if (store) {
                        cell[entries] = k;
                        firstSample[entries] = s;
                    }
                    entries++;
                    last = k;
                }
            }
        }
        rayStart[bins] = entries;
        return entries;
    }

    /**
     * About the bytes a table takes for a lidar at ({@code originX}, {@code originY}) on a grid of {@code cols} x
     * {@code rows} cells of {@code cellSize} from ({@code minX}, {@code minY}), without building it (the start-up heap
     * estimate): each ray crosses about {@code 1 + length (|cos| + |sin|) / cellSize} cells over its length in the
     * grid, at most {@code maxMeters}; 0 when the table would not be kept. Half-cell sampling misses corner cells the
     * line crosses, so the table is smaller: the default grid's 117,735 entries are estimated at 135,000, and five
     * geometries tried were all 14-15 % over (an estimate for the heap errs on the high side).
     */
    static long estimatedBytes(int bins, int cols, int rows, double minX, double minY, double cellSize,
            double originX, double originY, double maxMeters) {
        long samples = (long) Math.floor(maxMeters / (cellSize * 0.5)) + 1;
        if ((long) bins * Math.min(samples, cols + rows) > MAX_ENTRIES) {
            return 0;
        }
        double maxX = minX + cols * cellSize;
        double maxY = minY + rows * cellSize;
        double entries = 0;
        if (originX >= minX && originX < maxX && originY >= minY && originY < maxY) {
            for (int b = 0; b < bins; b++) {
                double angle = (b + 0.5) * 2 * Math.PI / bins;
                double dx = Math.cos(angle);
                double dy = Math.sin(angle);
                double exitX = dx > 0 ? (maxX - originX) / dx : dx < 0 ? (minX - originX) / dx : Double.MAX_VALUE;
                double exitY = dy > 0 ? (maxY - originY) / dy : dy < 0 ? (minY - originY) / dy : Double.MAX_VALUE;
                double length = Math.min(maxMeters, Math.min(exitX, exitY));
                entries += 1 + length * (Math.abs(dx) + Math.abs(dy)) / cellSize;
            }
        }
        return Math.round(entries) * 2 * Integer.BYTES + samples * Double.BYTES + (bins + 1L) * Integer.BYTES;
    }

    /** How many samples lie within {@code freeMeters} of the origin ({@code d <= freeMeters}). */
    int samplesWithin(double freeMeters) {
        int lo = 0;
        int hi = samples;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sampleMeters[mid] <= freeMeters) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First entry of bin {@code b}'s ray. */
    int rayStart(int b) {
        return rayStart[b];
    }

    /** One past the last entry of bin {@code b}'s ray. */
    int rayEnd(int b) {
        return rayStart[b + 1];
    }

    /** The cell (row * cols + col) of entry {@code j}. */
    int cell(int j) {
        return cell[j];
    }

    /** Index of the first sample of entry {@code j}'s ray that lands in its cell. */
    int firstSample(int j) {
        return firstSample[j];
    }

    /** Times the table was worked out (or found too large): for tests. */
    int builds() {
        return builds;
    }

    /** Entries of the table (0 when it does not fit): for tests and memory accounts. */
    int entries() {
        return fits ? rayStart[bins] : 0;
    }
}
