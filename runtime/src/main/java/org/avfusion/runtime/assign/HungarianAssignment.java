package org.avfusion.runtime.assign;

import java.util.Arrays;

/**
 * The Hungarian method (Kuhn 1955, Munkres 1957) in its shortest-augmenting-path form with row and column potentials
 * (Jonker and Volgenant 1987; the O(n^2 m) formulation of e-maxx "Hungarian algorithm"): a minimum-cost assignment
 * of the smaller side into the larger. Forbidden pairs get a cost above every allowed one ({@code FORBIDDEN}), so the
 * solution first assigns as many allowed pairs as possible, then minimises their cost; forbidden pairs it had to use
 * are dropped from the result.
 *
 * <p>Why hand-written: the tracker solves one of these per sweep on its hot path (100 x 100 in well under a
 * millisecond, no allocation); the libraries on Maven Central (JGraphT's {@code KuhnMunkresMinimalWeightBipartite-
 * PerfectMatching}) need a graph of boxed vertices and edges built per call and a perfect matching. Checked against
 * brute force on random matrices in {@code HungarianAssignmentTest}.
 *
 * <p>Work arrays grow to the largest problem seen; not thread-safe.
 */
public final class HungarianAssignment implements Assignment {
    private double[] work = new double[0];
    private double[] u = new double[1];
    private double[] v = new double[1];
    private double[] minv = new double[1];
    private int[] p = new int[1];
    private int[] way = new int[1];
    private boolean[] used = new boolean[1];

    @Override
    public int solve(double[] cost, int rows, int cols, double maxCost, int[] rowToCol) {
        Assignment.check(cost, rows, cols, rowToCol);
        Arrays.fill(rowToCol, 0, rows, -1);
        if (rows == 0 || cols == 0) {
            return 0;
        }
        boolean transpose = rows > cols;
        int n = transpose ? cols : rows; // the smaller side: every one of them is assigned
        int m = transpose ? rows : cols;
        grow(n, m);
        // allowed costs are shifted to [0, span]; a forbidden pair costs more than n full spans
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows * cols; i++) {
            double c = cost[i];
            if (Assignment.allowed(c, maxCost)) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double forbidden = (hi - lo + 1) * (n + 1);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = cost[r * cols + c];
                double w = Assignment.allowed(x, maxCost) ? x - lo : forbidden;
                if (transpose) {
                    work[c * m + r] = w;
                } else {
                    work[r * m + c] = w;
                }
            }
        }
        // 1-based arrays, column 0 is the virtual start
        Arrays.fill(u, 0, n + 1, 0);
        Arrays.fill(v, 0, m + 1, 0);
        Arrays.fill(p, 0, m + 1, 0);
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, 0, m + 1, Double.POSITIVE_INFINITY);
            Arrays.fill(used, 0, m + 1, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                int rowBase = (i0 - 1) * m - 1;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = work[rowBase + j] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int pairs = 0;
        for (int j = 1; j <= m; j++) {
            if (p[j] == 0) {
                continue;
            }
            int small = p[j] - 1, large = j - 1;
            int r = transpose ? large : small;
            int c = transpose ? small : large;
            if (Assignment.allowed(cost[r * cols + c], maxCost)) {
                rowToCol[r] = c;
                pairs++;
            }
        }
        return pairs;
    }

    private void grow(int n, int m) {
        if (work.length < n * m) {
            work = new double[Math.max(n * m + (n * m >> 1), 64)]; // reserve: the matrix grows a row at a time
        }
        if (u.length < n + 1) {
            u = new double[n + 1];
        }
        if (v.length < m + 1) {
            v = new double[m + 1];
            minv = new double[m + 1];
            p = new int[m + 1];
            way = new int[m + 1];
            used = new boolean[m + 1];
        }
    }
}
