package org.avfusion.runtime.odometry;

/**
 * Eigen-decomposition of a symmetric 3x3 matrix by cyclic Jacobi rotations (Golub and Van Loan, "Matrix
 * Computations", 4th ed., section 8.5), allocation-free. Used for the shape of a map voxel (the covariance of its
 * points) and for how well a registration constrains each translation direction. Stateless.
 */
final class SymmetricEigen3 {
    private static final int MAX_SWEEPS = 20;

    private SymmetricEigen3() {
    }

    /**
     * Decomposes the symmetric matrix {@code a} (row-major 3x3; only read) into {@code values} (ascending) and
     * {@code vectors} (row-major 3x3, column {@code k} the unit eigenvector of {@code values[k]}).
     *
     * @param work 9 doubles of scratch
     */
    static void decompose(double[] a, double[] values, double[] vectors, double[] work) {
        double[] m = work;
        System.arraycopy(a, 0, m, 0, 9);
        double[] v = vectors;
        v[0] = 1; v[1] = 0; v[2] = 0;
        v[3] = 0; v[4] = 1; v[5] = 0;
        v[6] = 0; v[7] = 0; v[8] = 1;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = m[1] * m[1] + m[2] * m[2] + m[5] * m[5];
            double diag = m[0] * m[0] + m[4] * m[4] + m[8] * m[8];
            if (off <= 1e-30 * Math.max(diag, 1e-300)) {
                break;
            }
            rotate(m, v, 0, 1);
            rotate(m, v, 0, 2);
            rotate(m, v, 1, 2);
        }
        values[0] = m[0];
        values[1] = m[4];
        values[2] = m[8];
        // sort ascending, carrying the columns
        for (int i = 0; i < 2; i++) {
            int min = i;
            for (int j = i + 1; j < 3; j++) {
                if (values[j] < values[min]) {
                    min = j;
                }
            }
            if (min != i) {
                double t = values[i];
                values[i] = values[min];
                values[min] = t;
                for (int r = 0; r < 3; r++) {
                    t = v[r * 3 + i];
                    v[r * 3 + i] = v[r * 3 + min];
                    v[r * 3 + min] = t;
                }
            }
        }
    }

    /** One Jacobi rotation zeroing {@code m[p][q]}. */
    private static void rotate(double[] m, double[] v, int p, int q) {
        double apq = m[p * 3 + q];
        if (apq == 0) {
            return;
        }
        double app = m[p * 3 + p];
        double aqq = m[q * 3 + q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < 3; k++) { // columns p, q of m <- m * J
            double mkp = m[k * 3 + p];
            double mkq = m[k * 3 + q];
            m[k * 3 + p] = c * mkp - s * mkq;
            m[k * 3 + q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < 3; k++) { // rows p, q <- J^T * m
            double mpk = m[p * 3 + k];
            double mqk = m[q * 3 + k];
            m[p * 3 + k] = c * mpk - s * mqk;
            m[q * 3 + k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < 3; k++) {
            double vkp = v[k * 3 + p];
            double vkq = v[k * 3 + q];
            v[k * 3 + p] = c * vkp - s * vkq;
            v[k * 3 + q] = s * vkp + c * vkq;
        }
    }
}
