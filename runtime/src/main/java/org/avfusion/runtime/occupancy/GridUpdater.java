package org.avfusion.runtime.occupancy;

import java.util.Objects;
import org.avfusion.runtime.perceive.ObstacleScan;

/**
 * Keeps an {@link OccupancyGrid} in the vehicle frame current: {@link #moveWithEgo} shifts and rotates it by the
 * ego's motion since the last sweep (nearest-cell resampling, whole-cell translation with the sub-cell remainder
 * carried to the next sweep; what comes into view is unknown), and
 * {@link #integrate} applies one sweep by ray casting: every cell a ray crosses before its first obstacle gains
 * {@code missLogOdds} once, every cell an obstacle point lands in gains {@code hitLogOdds} once (hits win over
 * misses in the same sweep). Inverse sensor model after Thrun, Burgard and Fox, <i>Probabilistic Robotics</i>,
 * ch. 9.
 *
 * <p>Rays are sampled every half cell from the lidar's position; the cells each bin's ray samples are the same every
 * sweep while the lidar stays where it is on the vehicle, so they are worked out once ({@link FreeRays}: 117,735
 * entries, 0.9 MB, on the default grid) and a sweep marks the prefix of each ray that is free (2.4-3.3 ms a sweep
 * stepping every ray, 0.7-1.0 ms from the table, on the simulated pedestrian crossing; the same cells, bit for bit:
 * {@code GridUpdaterSameCellsTest}).
 *
 * <p>Not thread-safe; one updater per grid (it carries that grid's sub-cell motion remainder). Work arrays are
 * allocated once per grid geometry (the ray table once per lidar position too); nothing per sweep.
 */
public final class GridUpdater {
    private final OccupancyConfig config;
    private float[] scratch = new float[0];
    private double[] colCos = new double[0];
    private double[] colSin = new double[0];
    private double[] rowCos = new double[0];
    private double[] rowSin = new double[0];
    private int[] mark = new int[0];
    private final FreeRays rays = new FreeRays();
    private int sweep;
    private double residualX;
    private double residualY;

    public GridUpdater(OccupancyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Moves the grid with the ego: between the two sweeps the vehicle drove {@code forwardMeters} along a circular
     * arc and turned by {@code yawRad} (counter-clockwise positive). A cell at p in the new frame takes the value the
     * old grid had at {@code R(yaw) * p + t}, with t the chord of the arc driven ({@code forwardMeters} is the arc
     * length).
     *
     * <p>The translation is applied in whole cells; the sub-cell remainder is carried over to the next call, so
     * that steps shorter than a cell (slow driving) add up instead of being rounded away every sweep. The grid's
     * content is therefore off by at most half a cell per axis, never by a drift that grows. The remainder belongs
     * to the grid being moved: use one updater per grid.
     */
    public void moveWithEgo(OccupancyGrid grid, double forwardMeters, double yawRad) {
        if (forwardMeters == 0 && yawRad == 0) {
            return;
        }
        double c = Math.cos(yawRad);
        double s = Math.sin(yawRad);
        double half = yawRad / 2;
        double chord = Math.abs(half) < 1e-9 ? forwardMeters : forwardMeters * Math.sin(half) / half;
        double size = grid.cellSizeMeters();
        // true map at q = grid at q + residual; after the move the grid is sampled at R p + u with u in whole cells
        double wantX = chord * Math.cos(half) + residualX;
        double wantY = chord * Math.sin(half) + residualY;
        double tx = Math.rint(wantX / size) * size;
        double ty = Math.rint(wantY / size) * size;
        double remX = wantX - tx;
        double remY = wantY - ty;
        residualX = c * remX + s * remY;
        residualY = -s * remX + c * remY;
        if (yawRad == 0 && tx == 0 && ty == 0) {
            return;
        }
        float[] cells = grid.cells();
        if (allPositiveZero(cells)) {
            return; // every cell would take a copy of 0 or 0 itself: a blank grid (no sweep yet) stays as it is
        }
        if (scratch.length != cells.length) {
            scratch = new float[cells.length];
        }
        System.arraycopy(cells, 0, scratch, 0, cells.length);
        int cols = grid.cols();
        int rows = grid.rows();
        double minX = grid.minXMeters();
        double minY = grid.minYMeters();
        if (colCos.length != cols || rowSin.length != rows) {
            colCos = new double[cols];
            colSin = new double[cols];
            rowCos = new double[rows];
            rowSin = new double[rows];
        }
        // the products of a cell centre's coordinates with cos and sin, once per column and per row: the same
        // products, added in the same order, as computing them for every cell
        for (int col = 0; col < cols; col++) {
            double x = minX + (col + 0.5) * size;
            colCos[col] = c * x;
            colSin[col] = s * x;
        }
        for (int r = 0; r < rows; r++) {
            double y = minY + (r + 0.5) * size;
            rowCos[r] = c * y;
            rowSin[r] = s * y;
        }
        // dividing by a power-of-two cell size is multiplying by its exact inverse (0.25 m: 4): the same quotient
        double inverse = 1 / size;
        boolean exactInverse = size == Math.scalb(1.0, Math.getExponent(size));
        for (int r = 0; r < rows; r++) {
            double sy = rowSin[r];
            double cy = rowCos[r];
            int rowBase = r * cols;
            for (int col = 0; col < cols; col++) {
                double ox = colCos[col] - sy + tx;
                double oy = colSin[col] + cy + ty;
                double fc = exactInverse ? (ox - minX) * inverse : (ox - minX) / size;
                double fr = exactInverse ? (oy - minY) * inverse : (oy - minY) / size;
                if (fc >= 0 && fc < cols && fr >= 0 && fr < rows) {
                    cells[rowBase + col] = scratch[(int) fr * cols + (int) fc];
                } else {
                    cells[rowBase + col] = 0f;
                }
            }
        }
    }

    /** True when every cell is +0 (unknown), bit for bit: a grid no sweep has reached yet. */
    private static boolean allPositiveZero(float[] cells) {
        for (float v : cells) {
            if (Float.floatToRawIntBits(v) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Works out the free rays' cells for a lidar at ({@code sensorXMeters}, {@code sensorYMeters}) on the vehicle and
     * {@code azimuthBins} bins before the first sweep, so that the first sweep does not pay for them (2-14 ms on
     * the default grid, measured in one replay's four pipelines, warmest last). A sweep from elsewhere works them out
     * again. The grid move's copy and the integration's marks are sized for {@code grid} here too, so that the first
     * sweep allocates nothing.
     */
    public void prepareRays(OccupancyGrid grid, int azimuthBins, double sensorXMeters, double sensorYMeters) {
        rays.prepare(grid, azimuthBins, sensorXMeters, sensorYMeters, config.freeRayMaxMeters());
        int cells = grid.cells().length;
        if (scratch.length != cells) { // the move's copy, sized now rather than on the first move
            scratch = new float[cells];
        }
        if (mark.length != cells) { // the integration's marks likewise
            mark = new int[cells];
            sweep = 0;
        }
    }

    /**
     * About the bytes of the free rays' table for a lidar at ({@code sensorXMeters}, {@code sensorYMeters}) on the
     * vehicle, {@code azimuthBins} bins and {@code config}'s grid, without building it: for the start-up heap estimate.
     */
    public static long rayTableBytes(OccupancyConfig config, int azimuthBins, double sensorXMeters,
            double sensorYMeters) {
        OccupancyGrid.Geometry g = OccupancyGrid.geometry(config);
        return FreeRays.estimatedBytes(azimuthBins, g.cols(), g.rows(), g.minXMeters(), g.minYMeters(),
                config.cellSizeMeters(), sensorXMeters, sensorYMeters, config.freeRayMaxMeters());
    }

    /** Times the free rays' cells were worked out: for tests. */
    int rayTableBuilds() {
        return rays.builds();
    }

    /** Applies one sweep's scan to the grid. */
    public void integrate(OccupancyGrid grid, ObstacleScan scan) {
        float[] cells = grid.cells();
        if (mark.length != cells.length) {
            mark = new int[cells.length];
            sweep = 0;
        }
        sweep += 2;
        int hitMark = sweep;
        int missMark = sweep + 1;
        for (int i = 0; i < scan.obstacleCount(); i++) {
            int c = grid.col(scan.obstacleX(i));
            int r = grid.row(scan.obstacleY(i));
            if (c >= 0 && r >= 0) {
                int k = r * grid.cols() + c;
                if (mark[k] != hitMark) {
                    mark[k] = hitMark;
                    grid.add(c, r, config.hitLogOdds());
                }
            }
        }
        int bins = scan.azimuthBins();
        double size = grid.cellSizeMeters();
        double ox = scan.sensorXMeters();
        double oy = scan.sensorYMeters();
        boolean table = rays.prepare(grid, bins, ox, oy, config.freeRayMaxMeters());
        for (int b = 0; b < bins; b++) {
            double obstacle = scan.nearestObstacleMeters(b);
            double free = Double.isInfinite(obstacle)
                    ? Math.min(scan.farthestGroundMeters(b), config.freeRayMaxMeters())
                    : Math.min(obstacle - size, config.freeRayMaxMeters());
            if (free <= 0) {
                continue;
            }
            if (table) {
                int samples = rays.samplesWithin(free);
                for (int j = rays.rayStart(b), end = rays.rayEnd(b); j < end && rays.firstSample(j) < samples; j++) {
                    int k = rays.cell(j);
                    if (mark[k] != hitMark && mark[k] != missMark) {
                        mark[k] = missMark;
                        grid.addAt(k, config.missLogOdds());
                    }
                }
            } else {
                stepRay(grid, b, bins, ox, oy, free, hitMark, missMark);
            }
        }
    }

    /** Marks bin {@code b}'s ray free up to {@code free} metres by stepping it (a grid too fine for a table). */
    private void stepRay(OccupancyGrid grid, int b, int bins, double ox, double oy, double free, int hitMark,
            int missMark) {
        double step = grid.cellSizeMeters() * 0.5;
        double angle = (b + 0.5) * 2 * Math.PI / bins;
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        for (double d = 0; d <= free; d += step) {
            int c = grid.col(ox + dx * d);
            int r = grid.row(oy + dy * d);
            if (c < 0 || r < 0) {
                break;
            }
            int k = r * grid.cols() + c;
            if (mark[k] != hitMark && mark[k] != missMark) {
                mark[k] = missMark;
                grid.add(c, r, config.missLogOdds());
            }
        }
    }
}
