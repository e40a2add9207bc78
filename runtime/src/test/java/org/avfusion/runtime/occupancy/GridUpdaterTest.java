package org.avfusion.runtime.occupancy;

import static org.avfusion.runtime.occupancy.GridFixtures.defaultConfig;
import static org.avfusion.runtime.occupancy.GridFixtures.emptyGrid;
import static org.avfusion.runtime.occupancy.GridFixtures.occupy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.perceive.ScanFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grid update on the default profile: 0.25 m cells, x in [-20, 60), y in [-30, 30), hit +1.2, miss -0.6, clamp
 * [-2.0, 3.5], occupied above 0.8, free rays at most 60 m; scans of 720 azimuth bins from a lidar at (1.2, 0).
 */
class GridUpdaterTest {
    private static final int BINS = 720;
    private static final double SENSOR_X = 1.2;
    private static final float HIT = 1.2f;
    private static final float MISS = -0.6f;

    private final OccupancyConfig config = defaultConfig();

    private static ObstacleScan scan() {
        ObstacleScan scan = new ObstacleScan(BINS, 10_000);
        ScanFixtures.begin(scan, SENSOR_X, 0.0);
        return scan;
    }

    // ---------------------------------------------------------------- integrate: tables

    /**
     * One obstacle point 10 m straight ahead of the lidar at (11.2, 0.02), bin 0 (ray at 0.25 deg). The ray marks
     * free up to one cell before the obstacle (9.75 m), the obstacle's cell is a hit, behind it is unknown.
     */
    @ParameterizedTest(name = "obstacle at 11.2 m, probe x = {0}: log-odds {1}")
    @CsvSource({
        "1.1,   -0.6",    // the cell the lidar sits in
        "3.0,   -0.6",
        "8.0,   -0.6",
        "10.9,  -0.6",    // last cell before the hit
        "11.1,   1.2",    // the hit cell [11.0, 11.25)
        "11.3,   0.0",    // behind the obstacle: unknown
        "20.0,   0.0",
        "0.9,    0.0",    // behind the lidar, no ray there
    })
    void rayToAnObstacleStraightAhead(double probeX, double expected) {
        OccupancyGrid grid = emptyGrid();
        ObstacleScan scan = scan();
        ScanFixtures.obstacle(scan, 11.2, 0.02, 1.0);
        new GridUpdater(config).integrate(grid, scan);
        assertEquals(expected, grid.logOdds(grid.col(probeX), grid.row(0.02)), 1e-6, "at x = " + probeX);
        assertEquals(0.0, grid.logOdds(grid.col(5.0), grid.row(1.0)), "off the ray");
    }

    @Test
    void groundOnlyRayIsFreeToTheFarthestGroundReturn() {
        OccupancyGrid grid = emptyGrid();
        ObstacleScan scan = scan();
        ScanFixtures.ground(scan, 0, 8.0);      // bin 0: ground seen up to 8 m from the lidar, no obstacle
        new GridUpdater(config).integrate(grid, scan);
        int row = grid.row(0.02);
        assertEquals(MISS, grid.logOdds(grid.col(SENSOR_X + 7.9), row), 1e-6);
        assertEquals(0f, grid.logOdds(grid.col(SENSOR_X + 8.3), row), "unknown beyond the farthest ground");
    }

    @Test
    void hitWinsOverMissInTheSameSweep() {
        OccupancyGrid grid = emptyGrid();
        ObstacleScan scan = scan();
        ScanFixtures.obstacle(scan, 21.2, 0.02, 1.0);    // bin 0's ray runs to 19.75 m through ...
        ScanFixtures.obstacle(scan, 6.2, 0.1, 1.0);      // ... this point's cell; the point itself is in bin 2
        new GridUpdater(config).integrate(grid, scan);
        assertEquals(HIT, grid.logOdds(grid.col(6.2), grid.row(0.1)), 1e-6);
        assertEquals(MISS, grid.logOdds(grid.col(5.9), grid.row(0.02)), 1e-6);
    }

    @ParameterizedTest(name = "{0} sweeps: hit cell {1}, miss cell {2}")
    @CsvSource({
        "1,  1.2, -0.6",
        "2,  2.4, -1.2",
        "3,  3.5, -1.8",    // clamped at maxLogOdds
        "4,  3.5, -2.0",    // clamped at minLogOdds
        "10, 3.5, -2.0",
    })
    void repeatedSweepsAccumulateAndClamp(int sweeps, double hit, double miss) {
        OccupancyGrid grid = emptyGrid();
        GridUpdater updater = new GridUpdater(config);
        for (int i = 0; i < sweeps; i++) {
            ObstacleScan scan = scan();
            ScanFixtures.obstacle(scan, 11.2, 0.02, 1.0);
            updater.integrate(grid, scan);
        }
        assertEquals(hit, grid.logOdds(grid.col(11.1), grid.row(0.02)), 1e-5);
        assertEquals(miss, grid.logOdds(grid.col(5.0), grid.row(0.02)), 1e-5);
        assertTrue(grid.isOccupiedAt(11.1, 0.02));
        assertFalse(grid.isOccupiedAt(5.0, 0.02));
    }

    @Test
    void occupiedCellIsClearedByMissesWhenTheObstacleLeaves() {
        OccupancyGrid grid = emptyGrid();
        GridUpdater updater = new GridUpdater(config);
        ObstacleScan seen = scan();
        ScanFixtures.obstacle(seen, 11.2, 0.02, 1.0);
        updater.integrate(grid, seen);
        updater.integrate(grid, seen);
        assertTrue(grid.isOccupiedAt(11.1, 0.02));
        int sweeps = 0;
        while (grid.isOccupiedAt(11.1, 0.02)) {
            ObstacleScan gone = scan();
            ScanFixtures.ground(gone, 0, 30.0);
            updater.integrate(grid, gone);
            sweeps++;
            assertTrue(sweeps < 10, "never cleared");
        }
        // 2.4 -> 1.8 -> 1.2 -> 0.6: the third free sweep brings it below 0.8
        assertEquals(3, sweeps);
    }

    // ---------------------------------------------------------------- integrate: differential

    /**
     * Random scans against a slow reference: for every bin the ray from the lidar is marched in steps of 1/64 cell
     * up to its free length (obstacle range minus one cell, or the farthest ground return when there is no
     * obstacle, at most freeRayMaxMeters), recording how long it runs in each cell. The updater samples every half
     * cell, so: every cell it marks free must be crossed by some ray (never free what no ray saw), every cell some
     * ray crosses for longer than half a cell must be marked free, every cell holding an obstacle point is a hit
     * (and never a miss), and no other cell changes.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2024, 99991})
    void integrateMatchesANaiveRayMarch(long seed) {
        Random rnd = new Random(seed);
        OccupancyGrid grid = emptyGrid();
        ObstacleScan scan = new ObstacleScan(BINS, 10_000);
        double sensorX = SENSOR_X + rnd.nextDouble() * 0.5;
        double sensorY = rnd.nextDouble() * 0.5 - 0.25;
        ScanFixtures.begin(scan, sensorX, sensorY);
        for (int b = 0; b < BINS; b++) {
            double angle = (b + 0.05 + 0.9 * rnd.nextDouble()) * 2 * Math.PI / BINS;
            double u = rnd.nextDouble();
            if (u < 0.4) {
                double range = 1 + rnd.nextDouble() * 75;
                ScanFixtures.obstacle(scan, sensorX + range * Math.cos(angle), sensorY + range * Math.sin(angle), 1.0);
            } else if (u < 0.9) {
                ScanFixtures.ground(scan, b, rnd.nextDouble() * 75);
            }
        }
        new GridUpdater(config).integrate(grid, scan);

        int cols = grid.cols();
        int rows = grid.rows();
        double size = grid.cellSizeMeters();
        boolean[] hit = new boolean[cols * rows];
        for (int i = 0; i < scan.obstacleCount(); i++) {
            int c = grid.col(scan.obstacleX(i));
            int r = grid.row(scan.obstacleY(i));
            if (c >= 0 && r >= 0) {
                hit[r * cols + c] = true;
            }
        }
        double fine = size / 64;
        double[] longestChord = new double[cols * rows];
        boolean[] crossed = new boolean[cols * rows];
        double[] chord = new double[cols * rows];
        int[] touched = new int[cols * rows];
        for (int b = 0; b < BINS; b++) {
            double obstacle = scan.nearestObstacleMeters(b);
            double free = Double.isInfinite(obstacle)
                    ? Math.min(scan.farthestGroundMeters(b), config.freeRayMaxMeters())
                    : Math.min(obstacle - size, config.freeRayMaxMeters());
            if (free <= 0) {
                continue;
            }
            int touchedCount = 0;
            double angle = (b + 0.5) * 2 * Math.PI / BINS;
            for (double d = 0; d <= free; d += fine) {
                double x = sensorX + d * Math.cos(angle);
                double y = sensorY + d * Math.sin(angle);
                int c = grid.col(x);
                int r = grid.row(y);
                if (c < 0 || r < 0) {
                    continue;
                }
                int k = r * cols + c;
                if (chord[k] == 0) {
                    touched[touchedCount++] = k;
                }
                crossed[k] = true;
                chord[k] += fine;
            }
            for (int i = 0; i < touchedCount; i++) {
                int k = touched[i];
                longestChord[k] = Math.max(longestChord[k], chord[k]);
                chord[k] = 0;
            }
        }
        int cornerClipped = 0;
        int misses = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = r * cols + c;
                float v = grid.logOdds(c, r);
                String at = "seed " + seed + ", cell (" + grid.cellCenterX(c) + ", " + grid.cellCenterY(r) + ")";
                if (hit[k]) {
                    assertEquals(HIT, v, 1e-6, at + " holds an obstacle point");
                } else if (v == MISS) {
                    misses++;
                    if (!crossed[k]) {
                        fail(at + " marked free but no ray crosses it");
                    }
                } else if (v != 0f) {
                    fail(at + " has log-odds " + v);
                } else if (longestChord[k] > size / 2 + 2 * fine) {
                    fail(at + ": a ray runs " + longestChord[k] + " m through it but it was not marked free");
                } else if (crossed[k]) {
                    cornerClipped++;
                }
            }
        }
        assertTrue(misses > 10_000, "seed " + seed + ": the scan should clear a lot: " + misses);
        // half-cell sampling skips cells a ray only grazes; they are few
        assertTrue(cornerClipped < misses / 5, "seed " + seed + ": " + cornerClipped + " grazed cells left unknown of "
                + misses);
    }

    // ---------------------------------------------------------------- moveWithEgo

    /** An occupied cell at (10.125, 0.125) (a cell centre), then the ego moves. */
    @ParameterizedTest(name = "drive {0} m, turn {1} deg -> cell now at ({2}, {3})")
    @CsvSource({
        "2.0,    0,    8.125,   0.125",     // 2 m forward: 2 m closer
        "10.0,   0,    0.125,   0.125",
        "-2.0,   0,   12.125,   0.125",     // reversing
        "0,     90,    0.125, -10.125",     // turn left 90 deg on the spot: what was ahead is now on the right
        "0,    -90,   -0.125,  10.125",     // turn right: now on the left
        "0,    180,  -10.125,  -0.125",
    })
    void occupiedCellMovesWithTheEgo(double forward, double yawDeg, double x, double y) {
        OccupancyGrid grid = emptyGrid();
        occupy(grid, 10.125, 0.125);
        new GridUpdater(config).moveWithEgo(grid, forward, Math.toRadians(yawDeg));
        assertTrue(grid.isOccupiedAt(x, y), "cell expected at (" + x + ", " + y + ")");
        assertEquals(1, grid.occupiedCount(), "exactly one occupied cell");
    }

    @Test
    void whatComesIntoViewIsUnknown() {
        OccupancyGrid grid = emptyGrid();
        GridUpdater updater = new GridUpdater(config);
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                occupy(grid, grid.cellCenterX(c), grid.cellCenterY(r));
            }
        }
        updater.moveWithEgo(grid, 2.0, 0.0);
        assertTrue(grid.isOccupiedAt(57.9, 0.1));
        assertEquals(0f, grid.logOdds(grid.col(58.1), grid.row(0.1)), "the last 2 m ahead came into view");
        assertEquals(0f, grid.logOdds(grid.col(59.9), grid.row(-29.9)));
    }

    /**
     * Small steps add up: ten sweeps of 0.2 m (2 m/s at 10 Hz) move a cell by 2 m, give or take the half-cell
     * quantisation, and 20 sweeps of 0.1 m (1 m/s) move it too.
     */
    @ParameterizedTest(name = "{0} steps of {1} m: cell moves {2} m")
    @CsvSource({
        "10, 0.2,   2.0",
        "20, 0.1,   2.0",
        "40, 0.05,  2.0",
        "12, 0.83, 9.96",
    })
    void smallStepsAccumulate(int steps, double step, double total) {
        OccupancyGrid grid = emptyGrid();
        occupy(grid, 20.125, 0.125);
        GridUpdater updater = new GridUpdater(config);
        for (int i = 0; i < steps; i++) {
            updater.moveWithEgo(grid, step, 0.0);
        }
        double expectedX = 20.125 - total;
        double found = Double.NaN;
        for (int c = 0; c < grid.cols(); c++) {
            if (grid.isOccupied(c, grid.row(0.125))) {
                found = grid.cellCenterX(c);
            }
        }
        assertEquals(1, grid.occupiedCount());
        assertEquals(expectedX, found, grid.cellSizeMeters() / 2 + 1e-9, "cell after " + steps + " steps");
    }

    /**
     * A blank grid (no sweep yet, e.g. a drive without lidar) stays blank when moved, and the sub-cell steps taken
     * while it was blank still count: 0.1 m three times, then a cell occupied at 20.125 m and one more 0.1 m step
     * (0.4 m in all) moves that cell by one 0.25 m cell; the last step alone (0.1 m) would round to none.
     */
    @Test
    void aBlankGridStaysBlankAndItsStepsStillCount() {
        OccupancyGrid grid = emptyGrid();
        GridUpdater updater = new GridUpdater(config);
        for (int i = 0; i < 3; i++) {
            updater.moveWithEgo(grid, 0.1, 0.0);
        }
        for (float v : grid.cells()) {
            assertEquals(0, Float.floatToRawIntBits(v), "a blank grid moved stays +0 everywhere");
        }
        occupy(grid, 20.125, 0.125);
        updater.moveWithEgo(grid, 0.1, 0.0);
        assertEquals(1, grid.occupiedCount());
        assertTrue(grid.isOccupiedAt(19.875, 0.125), "moved one cell back by the 0.4 m driven");
    }

    /**
     * Driving a circle of radius 8 m to the left keeps its centre at (0, 8) in the vehicle frame, whatever the arc:
     * the translation must be the arc's chord, not its length. The marker is a 3 x 3 cell block: nearest-cell
     * resampling of a rotation may drop or double single cells, so the block's centroid is checked.
     */
    @ParameterizedTest(name = "arc of {0} deg on a circle of 8 m: the centre stays at (0, 8)")
    @ValueSource(doubles = {10, 30, 45, 90, 135})
    void turningCentreStaysPut(double yawDeg) {
        OccupancyGrid grid = emptyGrid();
        GridFixtures.occupyRect(grid, -0.25, 0.5, 7.75, 8.5);
        assertEquals(9, grid.occupiedCount());
        double yaw = Math.toRadians(yawDeg);
        new GridUpdater(config).moveWithEgo(grid, 8 * yaw, yaw);
        double sumX = 0;
        double sumY = 0;
        int n = 0;
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                if (grid.isOccupied(c, r)) {
                    sumX += grid.cellCenterX(c);
                    sumY += grid.cellCenterY(r);
                    n++;
                }
            }
        }
        assertTrue(n >= 6 && n <= 12, "the block survives the rotation: " + n + " cells");
        // a quarter of a cell of slack per axis; the arc length instead of the chord is off by 0.9 m at 90 deg
        assertEquals(0.125, sumX / n, 0.25, "x of the turning centre after the arc");
        assertEquals(8.125, sumY / n, 0.25, "y of the turning centre after the arc");
    }
}
