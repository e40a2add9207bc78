package org.avfusion.runtime.plan;

import org.avfusion.runtime.occupancy.OccupancyGrid;

/**
 * Finds the nearest occupied cell in the corridor the ego sweeps along its predicted path: a circular arc through
 * {@code base_link} with the current curvature (yaw rate / speed), as wide as the vehicle plus a margin on each
 * side. Stations are sampled every half cell along the arc from the front bumper; at each station the cells across
 * the corridor are tested.
 *
 * <p>Stateless apart from its config; no allocation.
 */
public final class CorridorChecker {
    private final DecisionConfig config;

    public CorridorChecker(DecisionConfig config) {
        this.config = config;
    }

    /**
     * @return distance along the path from the front bumper to the first station with at least
     *         {@code minCorridorCells} occupied cells, or NaN when the corridor is clear within the look-ahead
     */
    public double nearestObstacleMeters(OccupancyGrid grid, double curvaturePerMeter) {
        return nearestObstacleMeters(grid, curvaturePerMeter, null);
    }

    /** Which occupied cells do not count (those of tracked moving objects: the dynamic layer). */
    @FunctionalInterface
    public interface CellFilter {
        /** @return whether the occupied cell sampled at {@code (x, y)} (base_link, metres) is to be ignored */
        boolean ignore(double xMeters, double yMeters);
    }

    /**
     * As {@link #nearestObstacleMeters(OccupancyGrid, double)}, ignoring the occupied cells {@code filter} claims
     * (null: none).
     */
    public double nearestObstacleMeters(OccupancyGrid grid, double curvaturePerMeter, CellFilter filter) {
        double step = grid.cellSizeMeters() * 0.5;
        double halfWidth = config.vehicleWidthMeters() / 2 + config.corridorMarginMeters();
        double start = config.frontOverhangMeters();
        double end = start + config.lookaheadMeters();
        double k = curvaturePerMeter;
        for (double s = start; s <= end; s += step) {
            double x;
            double y;
            double heading = k * s;
            if (Math.abs(k) < 1e-6) {
                x = s;
                y = 0;
            } else {
                x = Math.sin(heading) / k;
                y = (1 - Math.cos(heading)) / k;
            }
            double nx = -Math.sin(heading);
            double ny = Math.cos(heading);
            int occupied = 0;
            int lastCol = -1;
            int lastRow = -1;
            for (double l = -halfWidth; l <= halfWidth; l += step) {
                int c = grid.col(x + nx * l);
                int r = grid.row(y + ny * l);
                if (c < 0 || r < 0 || (c == lastCol && r == lastRow)) {
                    continue;
                }
                lastCol = c;
                lastRow = r;
                if (grid.isOccupied(c, r) && (filter == null || !filter.ignore(x + nx * l, y + ny * l))) {
                    occupied++;
                }
            }
            if (occupied >= config.minCorridorCells()) {
                return s - start;
            }
        }
        return Double.NaN;
    }
}
