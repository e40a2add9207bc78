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
 * <p>Not thread-safe; one updater per grid (it carries that grid's sub-cell motion remainder). Work arrays are
 * allocated once per grid geometry; nothing per sweep.
 */
public final class GridUpdater {
    private final OccupancyConfig config;
    private float[] scratch = new float[0];
    private int[] mark = new int[0];
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
        for (int r = 0; r < rows; r++) {
            double y = minY + (r + 0.5) * size;
            int rowBase = r * cols;
            for (int col = 0; col < cols; col++) {
                double x = minX + (col + 0.5) * size;
                double ox = c * x - s * y + tx;
                double oy = s * x + c * y + ty;
                double fc = (ox - minX) / size;
                double fr = (oy - minY) / size;
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
        double step = size * 0.5;
        double ox = scan.sensorXMeters();
        double oy = scan.sensorYMeters();
        for (int b = 0; b < bins; b++) {
            double obstacle = scan.nearestObstacleMeters(b);
            double free = Double.isInfinite(obstacle)
                    ? Math.min(scan.farthestGroundMeters(b), config.freeRayMaxMeters())
                    : Math.min(obstacle - size, config.freeRayMaxMeters());
            if (free <= 0) {
                continue;
            }
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
}
