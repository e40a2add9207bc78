package org.avfusion.runtime.occupancy;

import static org.avfusion.runtime.occupancy.GridFixtures.emptyGrid;
import static org.avfusion.runtime.occupancy.GridFixtures.occupy;
import static org.avfusion.runtime.occupancy.GridFixtures.occupyRect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Obstacles read off the default 0.25 m grid: 8-connected blobs, nearest first, cell-quantised extents. */
class ObstacleExtractorTest {
    private static final double EPS = 1e-9;

    @Test
    void emptyGridHasNoObstacles() {
        ObstacleList out = new ObstacleList(8);
        new ObstacleExtractor().extract(emptyGrid(), out);
        assertEquals(0, out.size());
    }

    /**
     * Blob A: cells with centres in x [20.125, 20.875], y [-5.125, -4.375] (4 x 4 cells, 1 m square, centre
     * (20.5, -4.75)); blob B: x [8.125, 8.625], y [2.125, 2.375] (3 x 2 cells, centre (8.375, 2.25)). B is nearer
     * though A comes first in the row-major scan (lower y).
     */
    @Test
    void twoSeparatedBlobsGiveTwoObstaclesNearestFirst() {
        OccupancyGrid grid = emptyGrid();
        occupyRect(grid, 20.1, 20.9, -5.15, -4.35);
        occupyRect(grid, 8.1, 8.65, 2.1, 2.4);
        ObstacleList out = new ObstacleList(8);
        new ObstacleExtractor().extract(grid, out);
        assertEquals(2, out.size());
        // nearest: B
        assertEquals(8.375, out.centerXMeters(0), EPS);
        assertEquals(2.25, out.centerYMeters(0), EPS);
        assertEquals(0.75, out.lengthMeters(0), EPS);
        assertEquals(0.5, out.widthMeters(0), EPS);
        assertEquals(8.0, out.minXMeters(0), EPS);
        assertEquals(8.75, out.maxXMeters(0), EPS);
        assertEquals(2.0, out.minYMeters(0), EPS);
        assertEquals(2.5, out.maxYMeters(0), EPS);
        assertEquals(6, out.cellCount(0));
        assertEquals(Math.hypot(8.375, 2.25), out.rangeMeters(0), EPS);
        // then A
        assertEquals(20.5, out.centerXMeters(1), EPS);
        assertEquals(-4.75, out.centerYMeters(1), EPS);
        assertEquals(1.0, out.lengthMeters(1), EPS);
        assertEquals(1.0, out.widthMeters(1), EPS);
        assertEquals(16, out.cellCount(1));
    }

    @Test
    void diagonalNeighboursAreOneObstacle() {
        OccupancyGrid grid = emptyGrid();
        occupy(grid, 10.1, 0.1);
        occupy(grid, 10.35, 0.35);      // touches the first only at a corner
        occupy(grid, 10.6, 0.6);
        ObstacleList out = new ObstacleList(8);
        new ObstacleExtractor().extract(grid, out);
        assertEquals(1, out.size());
        assertEquals(3, out.cellCount(0));
        assertEquals(0.75, out.lengthMeters(0), EPS);
        assertEquals(0.75, out.widthMeters(0), EPS);
    }

    @Test
    void oneEmptyCellApartAreTwoObstacles() {
        OccupancyGrid grid = emptyGrid();
        occupy(grid, 10.1, 0.1);
        occupy(grid, 10.6, 0.1);
        ObstacleList out = new ObstacleList(8);
        new ObstacleExtractor().extract(grid, out);
        assertEquals(2, out.size());
    }

    /** Capacity 3, seven single cells at ranges 11..48 m, far ones first in scan order: the 3 nearest remain. */
    @Test
    void capacityKeepsTheNearest() {
        OccupancyGrid grid = emptyGrid();
        double[][] cells = {
            {35.1, -20.1}, {30.1, -15.1}, {5.1, 10.1}, {25.1, -10.1}, {8.1, 12.1}, {15.1, 0.1}, {40.1, 25.1},
        };
        for (double[] c : cells) {
            occupy(grid, c[0], c[1]);
        }
        ObstacleList out = new ObstacleList(3);
        new ObstacleExtractor().extract(grid, out);
        assertEquals(3, out.size());
        // ranges 11.3 (5.1, 10.1), 14.6 (8.1, 12.1), 15.1 (15.1, 0.1); the next is 26.9
        assertEquals(5.125, out.centerXMeters(0), EPS);
        assertEquals(8.125, out.centerXMeters(1), EPS);
        assertEquals(15.125, out.centerXMeters(2), EPS);
        assertTrue(out.rangeMeters(0) <= out.rangeMeters(1) && out.rangeMeters(1) <= out.rangeMeters(2));
    }

    /** Random sprinkles of cells against a brute-force labelling (union of 8-neighbours, then sort by range). */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 11, 2025})
    void randomGridsMatchBruteForceComponents(long seed) {
        Random rnd = new Random(seed);
        OccupancyGrid grid = emptyGrid();
        for (int i = 0; i < 400; i++) {
            double x = -19 + rnd.nextDouble() * 78;
            double y = -29 + rnd.nextDouble() * 58;
            occupyRect(grid, x, x + rnd.nextDouble() * 1.5, y, y + rnd.nextDouble() * 1.5);
        }
        int cols = grid.cols();
        int rows = grid.rows();
        int[] parent = new int[cols * rows];
        for (int k = 0; k < parent.length; k++) {
            parent[k] = k;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (!grid.isOccupied(c, r)) {
                    continue;
                }
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int rr = r + dr;
                        int cc = c + dc;
                        if (rr >= 0 && rr < rows && cc >= 0 && cc < cols && grid.isOccupied(cc, rr)) {
                            parent[find(parent, r * cols + c)] = find(parent, rr * cols + cc);
                        }
                    }
                }
            }
        }
        java.util.Map<Integer, double[]> sums = new java.util.HashMap<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (grid.isOccupied(c, r)) {
                    double[] s = sums.computeIfAbsent(find(parent, r * cols + c), k -> new double[3]);
                    s[0] += grid.cellCenterX(c);
                    s[1] += grid.cellCenterY(r);
                    s[2]++;
                }
            }
        }
        double[] ranges = sums.values().stream().mapToDouble(s -> Math.hypot(s[0] / s[2], s[1] / s[2])).sorted()
                .toArray();
        int capacity = 64;
        ObstacleList out = new ObstacleList(capacity);
        new ObstacleExtractor().extract(grid, out);
        assertTrue(ranges.length > capacity, "seed " + seed + ": want more blobs than capacity, got " + ranges.length);
        assertEquals(capacity, out.size());
        for (int i = 0; i < capacity; i++) {
            assertEquals(ranges[i], out.rangeMeters(i), 1e-9, "seed " + seed + ": obstacle " + i);
        }
    }

    private static int find(int[] parent, int k) {
        while (parent[k] != k) {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        return k;
    }
}
