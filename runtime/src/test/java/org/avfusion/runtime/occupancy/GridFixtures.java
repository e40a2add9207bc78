package org.avfusion.runtime.occupancy;

import org.avfusion.runtime.config.RuntimeConfig;

/**
 * Test fixtures for grids: default-profile config (config/default.yaml) and direct cell writes, so that tests in
 * other packages (plan) can lay out occupied cells without going through a sweep.
 */
public final class GridFixtures {
    private GridFixtures() {
    }

    /** The occupancy section of config/default.yaml. */
    public static OccupancyConfig defaultConfig() {
        return RuntimeConfig.defaults().occupancy();
    }

    /** An empty grid of the default geometry. */
    public static OccupancyGrid emptyGrid() {
        return new OccupancyGrid(defaultConfig());
    }

    /** Makes the cell containing (x, y) fully occupied (maxLogOdds). */
    public static void occupy(OccupancyGrid grid, double xMeters, double yMeters) {
        int c = grid.col(xMeters);
        int r = grid.row(yMeters);
        if (c < 0 || r < 0) {
            throw new IllegalArgumentException("(" + xMeters + ", " + yMeters + ") is outside the grid");
        }
        grid.add(c, r, grid.config().maxLogOdds() - grid.logOdds(c, r));
    }

    /** Occupies every cell whose centre lies in [x0, x1] x [y0, y1]. */
    public static void occupyRect(OccupancyGrid grid, double x0, double x1, double y0, double y1) {
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                double x = grid.cellCenterX(c);
                double y = grid.cellCenterY(r);
                if (x >= x0 && x <= x1 && y >= y0 && y <= y1) {
                    grid.add(c, r, grid.config().maxLogOdds() - grid.logOdds(c, r));
                }
            }
        }
    }
}
