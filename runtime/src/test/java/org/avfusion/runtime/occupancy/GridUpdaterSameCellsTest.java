package org.avfusion.runtime.occupancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.perceive.ScanFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The updater's free rays from a table ({@link FreeRays}) and its move with precomputed row and column products give
 * the grid, bit for bit, that the updater gave when it stepped every ray every sweep and worked out every cell's
 * source from scratch ({@link SteppingUpdater}, its code as it was on main d6ca42d): sweeps of random scans and random
 * moves, with the lidar moved on the vehicle in the middle (the table is rebuilt), on grids of power-of-two cells
 * (0.25 m: the move multiplies by the inverse) and others (0.2 m, 0.3 m: it divides), and with more bins than a table
 * may hold (the updater steps the rays then).
 */
class GridUpdaterSameCellsTest {

    private static OccupancyConfig config(double cellSize, double forward, double backward, double lateral) {
        return new OccupancyConfig(cellSize, forward, backward, lateral, 1.2, -0.6, -2.0, 3.5, 0.8, 60.0, 64);
    }

    @ParameterizedTest(name = "{0} m cells, {1} bins, seed {2}")
    @CsvSource({
        "0.25, 720, 1",
        "0.25, 720, 77",
        "0.2, 720, 5",
        "0.3, 360, 11",
        "0.25, 90, 13",
        "0.25, 3600, 3",  // 3600 x 481 samples: more than FreeRays.MAX_ENTRIES, the rays are stepped
    })
    void sameGridAsSteppingEveryRay(double cellSize, int bins, long seed) {
        OccupancyConfig config = config(cellSize, 60, 20, 30);
        OccupancyGrid fast = new OccupancyGrid(config);
        OccupancyGrid slow = new OccupancyGrid(config);
        GridUpdater updater = new GridUpdater(config);
        SteppingUpdater reference = new SteppingUpdater(config);
        Random rnd = new Random(seed);
        ObstacleScan scan = new ObstacleScan(bins, 20_000);
        double sensorX = 1.2;
        double sensorY = 0;
        for (int sweep = 0; sweep < 12; sweep++) {
            if (sweep == 6) { // the lidar's mount changes (a new rig): the table follows it
                sensorX = 0.3 + rnd.nextDouble();
                sensorY = rnd.nextDouble() - 0.5;
            }
            randomScan(scan, rnd, sensorX, sensorY);
            double forward = sweep % 4 == 3 ? 0 : rnd.nextDouble() * 2.5;
            double yaw = sweep % 3 == 2 ? 0 : (rnd.nextDouble() - 0.5) * 0.2;
            updater.moveWithEgo(fast, forward, yaw);
            reference.moveWithEgo(slow, forward, yaw);
            assertSameCells(slow, fast, "after move " + sweep);
            updater.integrate(fast, scan);
            reference.integrate(slow, scan);
            assertSameCells(slow, fast, "after sweep " + sweep);
        }
        int known = 0;
        for (int r = 0; r < slow.rows(); r++) {
            for (int c = 0; c < slow.cols(); c++) {
                known += slow.logOdds(c, r) != 0f ? 1 : 0;
            }
        }
        // a test of something: the sweeps mark thousands of cells free and leave obstacles occupied
        assertTrue(known > 5_000 && slow.occupiedCount() >= 20, known + " cells known, " + slow.occupiedCount()
                + " occupied");
    }

    @Test
    void theDefaultGridsTableIsSmallAndATooLargeOneIsDeclined() {
        OccupancyConfig config = config(0.25, 60, 20, 30);
        OccupancyGrid grid = new OccupancyGrid(config);
        FreeRays rays = new FreeRays();
        assertTrue(rays.prepare(grid, 720, 1.2, 0, 60));
        int entries = rays.entries();
        // 720 rays of at most 481 samples, each leaving the 80 m x 60 m grid or ending at 60 m: 2-3 samples a cell
        assertTrue(entries > 720 * 60 && entries < 720 * 300, "entries " + entries);
        assertEquals(0, rays.rayStart(0));
        assertEquals(entries, rays.rayEnd(719));
        assertEquals(481, rays.samplesWithin(60.0), "d = 0, 0.125, ..., 60 m");
        assertEquals(1, rays.samplesWithin(0.0));
        assertEquals(0, rays.samplesWithin(-1.0));
        assertTrue(rays.prepare(grid, 720, 1.2, 0, 60), "the same table, kept");
        assertEquals(entries, rays.entries());
        assertFalse(rays.prepare(grid, 3600, 1.2, 0, 60), "3600 x 481 > " + FreeRays.MAX_ENTRIES);
        assertEquals(0, rays.entries());
    }

    @ParameterizedTest(name = "{0} m cells, {1} bins, lidar at ({2}, {3})")
    @CsvSource({
        "0.25, 720, 1.2, 0.0",
        "0.25, 720, 0.0, 0.0",
        "0.125, 720, 1.2, 0.0",
        "0.2, 360, -5.0, 3.0",
        "0.5, 1440, 30.0, -10.0",
    })
    void theStartUpEstimateOfATablesBytesIsNearItsSize(double cellSize, int bins, double x, double y) {
        OccupancyConfig config = config(cellSize, 60, 20, 30);
        OccupancyGrid grid = new OccupancyGrid(config);
        FreeRays rays = new FreeRays();
        assertTrue(rays.prepare(grid, bins, x, y, 60));
        long samples = rays.samplesWithin(60.0);
        long bytes = rays.entries() * 8L + samples * 8 + (bins + 1L) * 4;
        long estimate = GridUpdater.rayTableBytes(config, bins, x, y);
        // half-cell sampling misses corner cells the line crosses: the estimate is above, by 14-15 % on these
        assertTrue(estimate >= bytes && estimate <= bytes * 1.2, "estimate " + estimate + " bytes, table " + bytes
                + " (" + rays.entries() + " entries)");
        System.out.println("ray table " + cellSize + " m, " + bins + " bins, (" + x + ", " + y + "): " + rays.entries()
                + " entries, " + bytes + " bytes; estimate " + estimate);
    }

    @Test
    void aTableTooLargeOrALidarOffTheGridIsEstimatedAtNothingMore() {
        OccupancyConfig config = config(0.25, 60, 20, 30);
        assertEquals(0, GridUpdater.rayTableBytes(config, 3600, 1.2, 0), "not kept: stepped instead");
        // a lidar outside the grid: no ray has a cell, only the samples and the bins' offsets
        assertEquals(481 * 8 + 721 * 4, GridUpdater.rayTableBytes(config, 720, -25, 0));
    }

    @Test
    void raysPreparedForTheLidarServeItsSweepsAndASweepFromElsewhereRebuildsThem() {
        OccupancyConfig config = config(0.25, 60, 20, 30);
        OccupancyGrid grid = new OccupancyGrid(config);
        GridUpdater updater = new GridUpdater(config);
        updater.prepareRays(grid, 720, 1.2, 0.0); // as the pipeline does, from the rig's lidar mount
        assertEquals(1, updater.rayTableBuilds());
        ObstacleScan scan = new ObstacleScan(720, 20_000);
        Random rnd = new Random(9);
        for (int sweep = 0; sweep < 3; sweep++) {
            randomScan(scan, rnd, 1.2, 0.0);
            updater.integrate(grid, scan);
        }
        assertEquals(1, updater.rayTableBuilds(), "the first sweeps use the prepared table");
        randomScan(scan, rnd, 0.5, 0.0);
        updater.integrate(grid, scan);
        assertEquals(2, updater.rayTableBuilds(), "a scan from another origin has its own rays");
    }

    private static void randomScan(ObstacleScan scan, Random rnd, double sensorX, double sensorY) {
        ScanFixtures.begin(scan, sensorX, sensorY);
        int bins = scan.azimuthBins();
        for (int b = 0; b < bins; b++) {
            double angle = (b + 0.05 + 0.9 * rnd.nextDouble()) * 2 * Math.PI / bins;
            double u = rnd.nextDouble();
            if (u < 0.4) {
                double range = 0.5 + rnd.nextDouble() * 75;
                ScanFixtures.obstacle(scan, sensorX + range * Math.cos(angle), sensorY + range * Math.sin(angle), 1.0);
            } else if (u < 0.9) {
                ScanFixtures.ground(scan, b, rnd.nextDouble() * 75);
            }
        }
    }

    private static void assertSameCells(OccupancyGrid expected, OccupancyGrid actual, String when) {
        for (int r = 0; r < expected.rows(); r++) {
            for (int c = 0; c < expected.cols(); c++) {
                int e = Float.floatToRawIntBits(expected.logOdds(c, r));
                int a = Float.floatToRawIntBits(actual.logOdds(c, r));
                if (e != a) {
                    assertEquals(expected.logOdds(c, r), actual.logOdds(c, r), when + ": cell (" + c + ", " + r
                            + ") of " + expected.cols() + " x " + expected.rows());
                    assertEquals(e, a, when + ": cell (" + c + ", " + r + "): bits");
                }
            }
        }
    }

    /**
     * {@link GridUpdater} as it was on main d6ca42d: every ray stepped and every cell's source worked out, every
     * sweep.
     */
    private static final class SteppingUpdater {
        private final OccupancyConfig config;
        private float[] scratch = new float[0];
        private int[] mark = new int[0];
        private int sweep;
        private double residualX;
        private double residualY;

        SteppingUpdater(OccupancyConfig config) {
            this.config = config;
        }

        void moveWithEgo(OccupancyGrid grid, double forwardMeters, double yawRad) {
            if (forwardMeters == 0 && yawRad == 0) {
                return;
            }
            double c = Math.cos(yawRad);
            double s = Math.sin(yawRad);
            double half = yawRad / 2;
            double chord = Math.abs(half) < 1e-9 ? forwardMeters : forwardMeters * Math.sin(half) / half;
            double size = grid.cellSizeMeters();
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
            boolean blank = true;
            for (float v : cells) {
                if (Float.floatToRawIntBits(v) != 0) {
                    blank = false;
                    break;
                }
            }
            if (blank) {
                return;
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

        void integrate(OccupancyGrid grid, ObstacleScan scan) {
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
}
