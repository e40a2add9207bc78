package org.avfusion.runtime.odometry;

/**
 * Solves a 6x6 symmetric positive-definite system in place by Cholesky factorisation, allocation-free: the normal
 * equations of one Gauss-Newton step on SE(3). Stateless.
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
        // factor A = L L^T, L stored in the lower triangle (read upper via symmetry a[j*6+i] for i<j)
        for (int j = 0; j < 6; j++) {
            double d = a[j * 6 + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * 6 + k] * a[j * 6 + k];
            }
            if (!(d > 1e-12 * Math.max(1, Math.abs(a[j * 6 + j])))) {
                return false;
            }
            double l = Math.sqrt(d);
            a[j * 6 + j] = l;
            for (int i = j + 1; i < 6; i++) {
                double s = a[j * 6 + i]; // upper entry (j, i) = A(i, j)
                for (int k = 0; k < j; k++) {
                    s -= a[i * 6 + k] * a[j * 6 + k];
                }
                a[i * 6 + j] = s / l;
            }
        }
        for (int i = 0; i < 6; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * 6 + k] * b[k];
            }
            b[i] = s / a[i * 6 + i];
        }
        for (int i = 5; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < 6; k++) {
                s -= a[k * 6 + i] * b[k];
            }
            b[i] = s / a[i * 6 + i];
        }
        return true;
    }
}
