package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigen3Test {
    private static final long SEED = 31L;

    /** V diag(values) V^T gives the matrix back, V is orthonormal and the values ascend, on random matrices. */
    @Test
    void decompositionReconstructsRandomSymmetricMatrices() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] a = new double[9], values = new double[3], v = new double[9], work = new double[9];
        for (int trial = 0; trial < 2000; trial++) {
            for (int r = 0; r < 3; r++) {
                for (int c = r; c < 3; c++) {
                    double e = rng.nextDouble(-10, 10);
                    a[r * 3 + c] = e;
                    a[c * 3 + r] = e;
                }
            }
            if (trial % 3 == 0) { // flat, as a plane's covariance
                a[2] = a[5] = a[6] = a[7] = 0;
                a[8] = 1e-6;
            }
            SymmetricEigen3.decompose(a, values, v, work);
            assertTrue(values[0] <= values[1] && values[1] <= values[2], "seed " + SEED + ", trial " + trial);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    double sum = 0, dot = 0;
                    for (int k = 0; k < 3; k++) {
                        sum += v[r * 3 + k] * values[k] * v[c * 3 + k];
                        dot += v[k * 3 + r] * v[k * 3 + c];
                    }
                    assertEquals(a[r * 3 + c], sum, 1e-9,
                            "seed " + SEED + ", trial " + trial + " A(" + r + "," + c + ")");
                    assertEquals(r == c ? 1 : 0, dot, 1e-12, "seed " + SEED + ", trial " + trial + " V^T V");
                }
            }
        }
    }
}
