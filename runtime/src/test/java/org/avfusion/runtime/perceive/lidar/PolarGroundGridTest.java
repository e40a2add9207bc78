package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one ground model: what it follows along a sector and what it refuses (1 m rings, 4 sectors); and that its
 * ring-major walk and its sector shortcut give what the walk of each sector and a fresh look-up give, bit for bit.
 */
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
                Arrays.fill(sector, Float.POSITIVE_INFINITY);
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

    /**
     * The cell of each position as the grid gives it with the sector of the position before at hand equals the cell
     * worked out from scratch ({@link AzimuthBin}, else {@code Math.atan2}, as before the shortcut): returns in
     * firing order (small azimuth steps), positions on the sector boundaries and a hair either side of them, on the
     * axes, tiny and huge offsets, at random.
     */
    @ParameterizedTest
    @CsvSource({"720, 160, 0.5", "36, 40, 2.0", "7200, 10, 10.0", "2, 5, 1.0", "1, 5, 1.0"})
    void theSectorOfTheReturnBeforeGivesTheCellOfAFreshLookUp(int sectors, int rings, double ringMeters) {
        PolarGroundGrid grid = new PolarGroundGrid(sectors, rings, ringMeters);
        double binsPerRad = sectors / (2 * Math.PI);
        double maxRange = rings * ringMeters;
        SplittableRandom random = new SplittableRandom(sectors + 17L * rings);
        int checked = 0;
        for (int k = 0; k < 400_000; k++) {
            double azimuth;
            double range = random.nextDouble(1e-6, maxRange);
            switch (k % 8) {
                case 0, 1, 2, 3 -> azimuth = (k / 8) * 0.0015 % (2 * Math.PI); // a laser's returns in order
                case 4 -> azimuth = random.nextInt(sectors + 1) / binsPerRad; // on a boundary
                case 5 -> azimuth = random.nextInt(sectors + 1) / binsPerRad + random.nextDouble(-1e-6, 1e-6);
                case 6 -> azimuth = random.nextInt(4) * Math.PI / 2; // the axes
                default -> azimuth = random.nextDouble(-4 * Math.PI, 4 * Math.PI);
            }
            if (k % 97 == 0) {
                range = random.nextBoolean() ? 1e-300 : maxRange * (1 - 1e-15);
            }
            double dx = range * Math.cos(azimuth);
            double dy = range * Math.sin(azimuth);
            assertEquals(freshCellOf(dx, dy, sectors, rings, ringMeters), grid.cellOf(dx, dy),
                    "position " + k + " (" + dx + ", " + dy + ")");
            checked++;
        }
        assertEquals(400_000, checked);
    }

    /** {@link PolarGroundGrid#cellOf} as it was before the sector of the return before was kept (ring-major). */
    private static int freshCellOf(double dx, double dy, int sectors, int rings, double ringMeters) {
        double range = Math.sqrt(dx * dx + dy * dy);
        int r = (int) (range / ringMeters);
        if (!(r < rings) || Double.isNaN(range)) {
            return -1;
        }
        double binsPerRad = sectors / (2 * Math.PI);
        int az = AzimuthBin.sectorOrMinusOne(dx, dy, binsPerRad);
        if (az < 0) {
            double a = Math.atan2(dy, dx);
            if (a < 0) {
                a += 2 * Math.PI;
            }
            az = (int) (a * binsPerRad);
        }
        if (az >= sectors) {
            az = 0;
        }
        return r * sectors + az;
    }

    @Test
    void rejectsAnEmptyGrid() {
        assertThrows(IllegalArgumentException.class, () -> new PolarGroundGrid(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new PolarGroundGrid(4, 10, 0));
    }
}
