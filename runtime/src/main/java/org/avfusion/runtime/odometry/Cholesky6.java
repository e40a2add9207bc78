package org.avfusion.runtime.odometry;

/**
 * Solves a 6x6 symmetric positive-definite system in place by Cholesky factorisation, allocation-free: the normal
 * equations of one Gauss-Newton step on SE(3). Stateless.
 *
 * <p>Written out without loops (generated from the loop form, which {@code Cholesky6Test} keeps as its oracle: the
 * same operations in the same order, so the same bits). The loops' trip counts change with the row, and C2's
 * profile-based loop predicates failed on them again and again in the first seconds of a run, each failure
 * discarding the compiled {@code LidarOdometry.register} it was inlined in (JFR {@code jdk.Deoptimization}
 * {@code profile_predicate}, docs/PERFORMANCE.md).
 */
final class Cholesky6 {
    private Cholesky6() {
    }

    /**
     * Solves {@code A x = b}; {@code a} is row-major 6x6 of which only the upper triangle is read (it is
     * overwritten by the factor), {@code b} is replaced by {@code x}.
     *
     * @return false when {@code A} is not positive definite (degenerate geometry); {@code b} is then undefined
     */
    static boolean solveInPlace(double[] a, double[] b) {
        // factor A = L L^T, L in the lower triangle (the upper entry (j, i) read as A(i, j)); unrolled, the
        // loops' order of operations kept term by term
        double d;
        double l;
        d = a[0];
        if (!(d > 1e-12 * Math.max(1, Math.abs(a[0])))) {
            return false;
        }
        l = Math.sqrt(d);
        a[0] = l;
        a[6] = (a[1]) / l;
        a[12] = (a[2]) / l;
        a[18] = (a[3]) / l;
        a[24] = (a[4]) / l;
        a[30] = (a[5]) / l;
        d = a[7] - a[6] * a[6];
        if (!(d > 1e-12 * Math.max(1, Math.abs(a[7])))) {
            return false;
        }
        l = Math.sqrt(d);
        a[7] = l;
        a[13] = (a[8] - a[12] * a[6]) / l;
        a[19] = (a[9] - a[18] * a[6]) / l;
        a[25] = (a[10] - a[24] * a[6]) / l;
        a[31] = (a[11] - a[30] * a[6]) / l;
        d = a[14] - a[12] * a[12] - a[13] * a[13];
        if (!(d > 1e-12 * Math.max(1, Math.abs(a[14])))) {
            return false;
        }
        l = Math.sqrt(d);
        a[14] = l;
        a[20] = (a[15] - a[18] * a[12] - a[19] * a[13]) / l;
        a[26] = (a[16] - a[24] * a[12] - a[25] * a[13]) / l;
        a[32] = (a[17] - a[30] * a[12] - a[31] * a[13]) / l;
        d = a[21] - a[18] * a[18] - a[19] * a[19] - a[20] * a[20];
        if (!(d > 1e-12 * Math.max(1, Math.abs(a[21])))) {
            return false;
        }
        l = Math.sqrt(d);
        a[21] = l;
        a[27] = (a[22] - a[24] * a[18] - a[25] * a[19] - a[26] * a[20]) / l;
        a[33] = (a[23] - a[30] * a[18] - a[31] * a[19] - a[32] * a[20]) / l;
        d = a[28] - a[24] * a[24] - a[25] * a[25] - a[26] * a[26] - a[27] * a[27];
        if (!(d > 1e-12 * Math.max(1, Math.abs(a[28])))) {
            return false;
        }
        l = Math.sqrt(d);
        a[28] = l;
        a[34] = (a[29] - a[30] * a[24] - a[31] * a[25] - a[32] * a[26] - a[33] * a[27]) / l;
        d = a[35] - a[30] * a[30] - a[31] * a[31] - a[32] * a[32] - a[33] * a[33] - a[34] * a[34];
        if (!(d > 1e-12 * Math.max(1, Math.abs(a[35])))) {
            return false;
        }
        l = Math.sqrt(d);
        a[35] = l;
        // L y = b, then L^T x = y
        b[0] = (b[0]) / a[0];
        b[1] = (b[1] - a[6] * b[0]) / a[7];
        b[2] = (b[2] - a[12] * b[0] - a[13] * b[1]) / a[14];
        b[3] = (b[3] - a[18] * b[0] - a[19] * b[1] - a[20] * b[2]) / a[21];
        b[4] = (b[4] - a[24] * b[0] - a[25] * b[1] - a[26] * b[2] - a[27] * b[3]) / a[28];
        b[5] = (b[5] - a[30] * b[0] - a[31] * b[1] - a[32] * b[2] - a[33] * b[3] - a[34] * b[4]) / a[35];
        b[5] = (b[5]) / a[35];
        b[4] = (b[4] - a[34] * b[5]) / a[28];
        b[3] = (b[3] - a[27] * b[4] - a[33] * b[5]) / a[21];
        b[2] = (b[2] - a[20] * b[3] - a[26] * b[4] - a[32] * b[5]) / a[14];
        b[1] = (b[1] - a[13] * b[2] - a[19] * b[3] - a[25] * b[4] - a[31] * b[5]) / a[7];
        b[0] = (b[0] - a[6] * b[1] - a[12] * b[2] - a[18] * b[3] - a[24] * b[4] - a[30] * b[5]) / a[0];
        return true;
    }
}
