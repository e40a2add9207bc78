package org.avfusion.runtime.assign;

/**
 * Solves a rectangular assignment problem: {@code rows x cols} costs in a row-major array, where a cost that is not
 * finite or exceeds {@code maxCost} forbids the pair. Writes {@code rowToCol[r]} (the column given to row {@code r},
 * or -1) and returns the number of pairs. Every row and column is used at most once.
 *
 * <p>Implementations keep work arrays that grow to the largest problem; not thread-safe.
 */
public interface Assignment {
    /**
     * @param costRowMajor {@code cost[r * cols + c]}; read only
     * @param maxCost      largest allowed cost (inclusive)
     * @param rowToCol     output, at least {@code rows} long
     * @return pairs assigned
     */
    int solve(double[] costRowMajor, int rows, int cols, double maxCost, int[] rowToCol);

    /** Whether a pair with this cost may be assigned. */
    static boolean allowed(double cost, double maxCost) {
        return cost <= maxCost && cost == cost && cost != Double.NEGATIVE_INFINITY;
    }

    /** Argument checks shared by the implementations. */
    static void check(double[] cost, int rows, int cols, int[] rowToCol) {
        if (rows < 0 || cols < 0 || (long) rows * cols > cost.length) {
            throw new IllegalArgumentException("cost array of " + cost.length + " cannot hold " + rows + " x " + cols);
        }
        if (rowToCol.length < rows) {
            throw new IllegalArgumentException("rowToCol of " + rowToCol.length + " is shorter than " + rows + " rows");
        }
    }
}
