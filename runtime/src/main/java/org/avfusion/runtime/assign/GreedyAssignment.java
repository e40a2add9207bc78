package org.avfusion.runtime.assign;

import java.util.Arrays;

/**
 * Greedy assignment: allowed pairs taken in order of increasing cost, each row and column once (Autoware's
 * {@code roi_cluster_fusion} keeps, per cluster, the detection of highest IoU in this spirit). Not optimal, but
 * stable and predictable; ties go to the lower row, then the lower column.
 *
 * <p>Work arrays grow to the largest problem seen; not thread-safe.
 */
public final class GreedyAssignment implements Assignment {
    private long[] order = new long[0];
    private double[] keys = new double[0];
    private boolean[] colUsed = new boolean[0];

    @Override
    public int solve(double[] cost, int rows, int cols, double maxCost, int[] rowToCol) {
        Assignment.check(cost, rows, cols, rowToCol);
        Arrays.fill(rowToCol, 0, rows, -1);
        int k = 0;
        if (order.length < rows * cols) {
            order = new long[rows * cols];
            keys = new double[rows * cols];
        }
        if (colUsed.length < cols) {
            colUsed = new boolean[cols];
        }
        Arrays.fill(colUsed, 0, cols, false);
        for (int i = 0; i < rows * cols; i++) {
            if (Assignment.allowed(cost[i], maxCost)) {
                order[k] = i;
                keys[k] = cost[i];
                k++;
            }
        }
        // insertion sort by (cost, index): k is small (pairs that passed the gate)
        for (int i = 1; i < k; i++) {
            double key = keys[i];
            long idx = order[i];
            int j = i - 1;
            while (j >= 0 && (keys[j] > key || (keys[j] == key && order[j] > idx))) {
                keys[j + 1] = keys[j];
                order[j + 1] = order[j];
                j--;
            }
            keys[j + 1] = key;
            order[j + 1] = idx;
        }
        int pairs = 0;
        for (int i = 0; i < k; i++) {
            int r = (int) (order[i] / cols), c = (int) (order[i] % cols);
            if (rowToCol[r] < 0 && !colUsed[c]) {
                rowToCol[r] = c;
                colUsed[c] = true;
                pairs++;
            }
        }
        return pairs;
    }
}
