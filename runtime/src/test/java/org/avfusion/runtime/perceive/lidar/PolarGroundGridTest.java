package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The one ground model: what it follows along a sector and what it refuses. 1 m rings, 4 sectors. */
class PolarGroundGridTest {
    private static PolarGroundGrid grid() {
        PolarGroundGrid grid = new PolarGroundGrid(4, 20, 1.0);
        grid.clear();
        return grid;
    }

    /** Adds one height per ring along the +x sector, ring r at x = r + 0.5. */
    private static int[] along(PolarGroundGrid grid, double... heights) {
        int[] cells = new int[heights.length];
        for (int r = 0; r < heights.length; r++) {
            cells[r] = grid.cellOf(r + 0.5, 0.01);
            grid.add(cells[r], heights[r]);
        }
        return cells;
    }

    @Test
    void followsARampWithinTheLocalSlope() {
        PolarGroundGrid grid = grid();
        int[] cells = along(grid, 0.0, 0.1, 0.2, 0.3);
        grid.fitGround(10, 90, 0.15, 0);
        assertEquals(0.3, grid.groundMeters(cells[3]), 1e-6);
    }

    @Test
    void aWallKeepsThePreviousGround() {
        PolarGroundGrid grid = grid();
        int[] cells = along(grid, 0.0, 0.0, 1.5, 1.6);
        grid.fitGround(10, 90, 0.15, 0);
        assertEquals(0.0, grid.groundMeters(cells[2]), 1e-6);
        assertEquals(0.0, grid.groundMeters(cells[3]), 1e-6);
    }

    @Test
    void theGlobalSlopeStopsADriftingGround() {
        // each step is within the local slope, but 1.2 m at 5.5 m is too steep from the sensor at 5 degrees
        PolarGroundGrid grid = grid();
        int[] cells = along(grid, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2);
        grid.fitGround(15, 5, 0.15, 0);
        assertEquals(0.0, grid.groundMeters(cells[5]), 1e-6);
        grid.fitGround(15, 90, 0.15, 0);
        assertEquals(1.2, grid.groundMeters(cells[5]), 1e-6);
    }

    @Test
    void belowToleranceLetsTheGroundDip() {
        PolarGroundGrid grid = grid();
        int[] cells = along(grid, 0.0, -0.5);
        grid.fitGround(5, 90, 0.15, 0);
        assertEquals(0.0, grid.groundMeters(cells[1]), 1e-6);
        grid.fitGround(5, 90, 0.15, 0.5);
        assertEquals(-0.5, grid.groundMeters(cells[1]), 1e-6);
    }

    @Test
    void positionsBeyondTheLastRingHaveNoCell() {
        PolarGroundGrid grid = grid();
        assertEquals(-1, grid.cellOf(20.5, 0));
        assertEquals(-1, grid.cellOf(Double.NaN, 0));
        assertEquals(1, grid.sectorOf(grid.cellOf(0, 3)));
    }

    @Test
    void rejectsAnEmptyGrid() {
        assertThrows(IllegalArgumentException.class, () -> new PolarGroundGrid(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new PolarGroundGrid(4, 10, 0));
    }
}
