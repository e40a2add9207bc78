package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The written-out solver against the loop form it was generated from: the same bits, the same refusals. */
class Cholesky6Test {
    /** The loop form, as {@code Cholesky6} had it before it was written out. */
    private static boolean loops(double[] a, double[] b) {
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
                double s = a[j * 6 + i];
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

    /** J^T J + lambda I for a random 6-column J of {@code rows} rows, scaled like the odometry's normal equations. */
    private static double[] normalEquations(SplittableRandom rnd, int rows, double lambda, double scale) {
        double[] a = new double[36];
        for (int r = 0; r < rows; r++) {
            double[] j = new double[6];
            for (int c = 0; c < 6; c++) {
                j[c] = rnd.nextDouble(-1, 1) * (c < 3 ? 1 : scale);
            }
            for (int p = 0; p < 6; p++) {
                for (int q = 0; q < 6; q++) {
                    a[p * 6 + q] += j[p] * j[q];
                }
            }
        }
        for (int p = 0; p < 6; p++) {
            a[p * 6 + p] += lambda;
        }
        return a;
    }

    @Test
    void writtenOutGivesTheLoopsBitsOnAHundredThousandSystems() {
        SplittableRandom rnd = new SplittableRandom(20261206);
        int solved = 0;
        for (int n = 0; n < 100_000; n++) {
            int rows = rnd.nextInt(1, 40); // fewer than 6 rows: singular, refused
            double[] a = normalEquations(rnd, rows, n % 3 == 0 ? 0 : rnd.nextDouble(1e-9, 1e-3),
                    Math.pow(10, rnd.nextInt(-3, 4)));
            double[] b = new double[6];
            for (int i = 0; i < 6; i++) {
                b[i] = rnd.nextDouble(-100, 100);
            }
            double[] a2 = a.clone();
            double[] b2 = b.clone();
            boolean expected = loops(a, b);
            assertEquals(expected, Cholesky6.solveInPlace(a2, b2), "system " + n);
            if (expected) {
                solved++;
                assertArrayEquals(a, a2, 0.0, "factor of system " + n);
                assertArrayEquals(b, b2, 0.0, "solution of system " + n);
            }
        }
        assertEquals(true, solved > 50_000 && solved < 100_000, "solved " + solved + " of 100,000");
    }

    @Test
    void aZeroPivotAtEachRowIsRefused() {
        for (int j = 0; j < 6; j++) {
            double[] a = new double[36];
            for (int p = 0; p < 6; p++) {
                a[p * 6 + p] = p == j ? 0 : 1;
            }
            assertEquals(false, Cholesky6.solveInPlace(a, new double[6]), "pivot " + j);
        }
    }
}
