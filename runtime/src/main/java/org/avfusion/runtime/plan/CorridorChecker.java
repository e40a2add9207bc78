package org.avfusion.runtime.plan;

import org.avfusion.runtime.occupancy.OccupancyGrid;

/**
 * Finds the nearest occupied cell in the corridor the ego sweeps along its predicted path: a circular arc through
 * {@code base_link} with the current curvature (yaw rate / speed), as wide as the vehicle plus a margin on each
 * side. Stations are sampled every half cell along the arc from the front bumper; at each station the cells across
 * the corridor are tested.
 *
 * <p>Stateless apart from its config; no allocation on the arc (one small array per call).
 */
public final class CorridorChecker {
    private final DecisionConfig config;
    /** Scratch pose along the path (x, y, heading), reused: one decide thread calls this, once per set. */
    private final double[] pose = new double[3];

    public CorridorChecker(DecisionConfig config) {
        this.config = config;
    }

    /**
     * @return distance along the path from the front bumper to the first station with at least
     *         {@code minCorridorCells} occupied cells, or NaN when the corridor is clear within the look-ahead
     */
    public double nearestObstacleMeters(OccupancyGrid grid, double curvaturePerMeter) {
        return nearestObstacleMeters(grid, CorridorPath.arc(curvaturePerMeter), null);
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
        return nearestObstacleMeters(grid, CorridorPath.arc(curvaturePerMeter), filter);
    }

    /**
     * SEAM (map issue #12): the same check along any {@link CorridorPath} (a route's centre line in the vehicle frame);
     * cells outside the path's area are not counted.
     */
    public double nearestObstacleMeters(OccupancyGrid grid, CorridorPath path) {
        return nearestObstacleMeters(grid, path, null);
    }

    /** Along {@code path}, ignoring the occupied cells {@code filter} claims (null: none). */
    public double nearestObstacleMeters(OccupancyGrid grid, CorridorPath path, CellFilter filter) {
        double step = grid.cellSizeMeters() * 0.5;
        double halfWidth = config.vehicleWidthMeters() / 2 + config.corridorMarginMeters();
        double start = config.frontOverhangMeters();
        double end = start + config.lookaheadMeters();
        for (double s = start; s <= end; s += step) {
            if (!path.at(s, pose)) {
                break;
            }
            double x = pose[0];
            double y = pose[1];
            double heading = pose[2];
            double nx = -Math.sin(heading);
            double ny = Math.cos(heading);
            int occupied = 0;
            int lastCol = -1;
            int lastRow = -1;
            for (double l = -halfWidth; l <= halfWidth; l += step) {
                double px = x + nx * l;
                double py = y + ny * l;
                int c = grid.col(px);
                int r = grid.row(py);
                if (c < 0 || r < 0 || (c == lastCol && r == lastRow) || !path.contains(px, py)) {
                    continue;
                }
                lastCol = c;
                lastRow = r;
                if (grid.isOccupied(c, r) && (filter == null || !filter.ignore(px, py))) {
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
