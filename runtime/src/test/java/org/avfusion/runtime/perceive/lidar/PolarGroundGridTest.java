package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /**
     * The ring-by-ring walk of all sectors at once gives every cell the ground that a walk of each sector outward on
     * its own gives (the grid's walk before the ring-major layout, kept here as the oracle), bit for bit: random
     * lowest heights, a fifth of the cells empty, over grids of several shapes and limits.
     */
    @ParameterizedTest
    @CsvSource({"720, 160, 0.5, 10, 90, 0.15, 0.5", "4, 20, 1.0, 15, 5, 0.15, 0", "36, 7, 0.3, 2, 30, 0.05, 0.2",
            "1, 1, 2.0, 45, 90, 0.3, 0", "7200, 3, 0.1, 10, 10, 0.15, 0.5"})
    void everyCellGetsTheGroundOfAWalkAlongItsSector(int sectors, int rings, double ringMeters, double localDeg,
            double globalDeg, double step, double below) {
        PolarGroundGrid grid = new PolarGroundGrid(sectors, rings, ringMeters);
        SplittableRandom random = new SplittableRandom(sectors * 31L + rings);
        float[][] lowest = new float[sectors][rings];
        for (int sweep = 0; sweep < 3; sweep++) {
            grid.clear();
            for (float[] sector : lowest) {
                java.util.Arrays.fill(sector, Float.POSITIVE_INFINITY);
            }
            for (int k = 0; k < 4 * sectors * rings; k++) {
                double range = random.nextDouble() * rings * ringMeters;
                double azimuth = random.nextDouble() * 2 * Math.PI;
                int cell = grid.cellOf(range * Math.cos(azimuth), range * Math.sin(azimuth));
                if (cell < 0 || random.nextInt(5) == 0) {
                    continue;
                }
                double height = random.nextDouble(-1.5, 2.5);
                grid.add(cell, height);
                int sector = grid.sectorOf(cell);
                int ring = cell / sectors;
                assertEquals(cell, ring * sectors + sector);
                lowest[sector][ring] = Math.min(lowest[sector][ring], (float) height);
            }
            grid.fitGround(localDeg, globalDeg, step, below);
            double localSlope = Math.tan(Math.toRadians(localDeg));
            double globalSlope = globalDeg >= 90 ? Double.POSITIVE_INFINITY : Math.tan(Math.toRadians(globalDeg));
            for (int az = 0; az < sectors; az++) {
                double ground = 0.0;
                double groundRange = 0.0;
                for (int r = 0; r < rings; r++) {
                    float minH = lowest[az][r];
                    if (minH != Float.POSITIVE_INFINITY) {
                        double range = (r + 0.5) * ringMeters;
                        double local = localSlope * (range - groundRange) + step;
                        double global = globalSlope * range + step;
                        if (minH - ground <= local && ground - minH <= local + below && Math.abs(minH) <= global) {
                            ground = minH;
                            groundRange = range;
                        }
                    }
                    assertEquals(Float.floatToRawIntBits((float) ground),
                            Float.floatToRawIntBits((float) grid.groundMeters(r * sectors + az)),
                            "sweep " + sweep + ", sector " + az + ", ring " + r);
                }
            }
        }
    }

    @Test
    void rejectsAnEmptyGrid() {
        assertThrows(IllegalArgumentException.class, () -> new PolarGroundGrid(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new PolarGroundGrid(4, 10, 0));
    }
}
