package org.avfusion.runtime.assign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Hungarian method against brute force on random matrices with forbidden pairs (the most allowed pairs first,
 * then the least cost), and the greedy method on small tables.
 */
class HungarianAssignmentTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void solvesSmallTablesByHand() {
        HungarianAssignment h = new HungarianAssignment();
        int[] out = new int[3];
        // greedy would take (0,0)=1 and then (1,1)=10: 11; the optimum is (0,1)+(1,0) = 2+2 = 4
        assertEquals(2, h.solve(new double[] {1, 2, 2, 10}, 2, 2, 100, out));
        assertArrayEquals(new int[] {1, 0}, new int[] {out[0], out[1]});
        // row 1 has no allowed column: unassigned; more rows than columns
        assertEquals(1, h.solve(new double[] {5, INF, 3}, 3, 1, 100, out));
        assertArrayEquals(new int[] {-1, -1, 0}, out);
        // a cost above maxCost is forbidden
        assertEquals(0, h.solve(new double[] {5}, 1, 1, 4.9, out));
        assertEquals(-1, out[0]);
        assertEquals(0, h.solve(new double[0], 0, 3, 1, out));
    }

    @Test
    void greedyTakesTheCheapestPairFirst() {
        GreedyAssignment g = new GreedyAssignment();
        int[] out = new int[2];
        assertEquals(2, g.solve(new double[] {1, 2, 2, 10}, 2, 2, 100, out));
        assertArrayEquals(new int[] {0, 1}, out);
        assertEquals(1, g.solve(new double[] {1, 2, 2, INF}, 2, 2, 100, out));
        assertArrayEquals(new int[] {0, -1}, out);
    }

    @Test
    void matchesBruteForceOnRandomMatrices() {
        long seed = 20261204L;
        Random random = new Random(seed);
        HungarianAssignment h = new HungarianAssignment();
        for (int trial = 0; trial < 2000; trial++) {
            int rows = random.nextInt(6), cols = random.nextInt(6);
            double[] cost = new double[rows * cols];
            for (int i = 0; i < cost.length; i++) {
                cost[i] = random.nextDouble() < 0.3 ? INF : Math.round(random.nextDouble() * 100) / 10.0;
            }
            double maxCost = random.nextBoolean() ? 100 : 5;
            int[] out = new int[rows];
            int pairs = h.solve(cost, rows, cols, maxCost, out);
            double[] best = brute(cost, rows, cols, maxCost);
            double total = 0;
            boolean[] used = new boolean[cols];
            for (int r = 0; r < rows; r++) {
                if (out[r] >= 0) {
                    assertTrue(!used[out[r]], "column used twice, seed " + seed + " trial " + trial);
                    used[out[r]] = true;
                    assertTrue(cost[r * cols + out[r]] <= maxCost, "forbidden pair, seed " + seed);
                    total += cost[r * cols + out[r]];
                }
            }
            String where = "seed " + seed + " trial " + trial + " " + rows + "x" + cols;
            assertEquals((int) best[0], pairs, where);
            assertEquals(best[1], total, 1e-9, where);
        }
    }

    /** {most pairs, least cost among those} by enumeration. */
    private static double[] brute(double[] cost, int rows, int cols, double maxCost) {
        double[] best = {0, 0};
        search(cost, rows, cols, maxCost, 0, new boolean[cols], 0, 0, best);
        return best;
    }

    private static void search(double[] cost, int rows, int cols, double maxCost, int r, boolean[] used, int pairs,
            double sum, double[] best) {
        if (r == rows) {
            if (pairs > best[0] || (pairs == best[0] && sum < best[1] - 1e-12)) {
                best[0] = pairs;
                best[1] = sum;
            }
            return;
        }
        search(cost, rows, cols, maxCost, r + 1, used, pairs, sum, best);
        for (int c = 0; c < cols; c++) {
            double x = cost[r * cols + c];
            if (!used[c] && x <= maxCost) {
                used[c] = true;
                search(cost, rows, cols, maxCost, r + 1, used, pairs + 1, sum + x, best);
                used[c] = false;
            }
        }
    }
}
