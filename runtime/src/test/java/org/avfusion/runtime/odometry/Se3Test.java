package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.avfusion.calibration.geometry.RigidTransform;
import org.junit.jupiter.api.Test;

class Se3Test {
    private static final long SEED = 20261204L;

    @Test
    void logUndoesExpFromTinyToLargeAngles() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] m = new double[12];
        double[] xi = new double[6];
        for (int trial = 0; trial < 2000; trial++) {
            double angleScale = new double[] {1e-9, 1e-4, 0.05, 0.3, 2.5}[trial % 5];
            double[] in = new double[6];
            for (int i = 0; i < 3; i++) {
                in[i] = rng.nextDouble(-5, 5);
                in[3 + i] = rng.nextDouble(-1, 1) * angleScale / Math.sqrt(3);
            }
            Se3.exp(in[0], in[1], in[2], in[3], in[4], in[5], 1.0, m);
            assertTrue(RigidTransform.orthonormalityError(new double[] {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9],
                m[10]}) < 1e-12, "seed " + SEED + " trial " + trial);
            Se3.log(m, xi);
            for (int i = 0; i < 6; i++) {
                assertEquals(in[i], xi[i], 1e-9, "seed " + SEED + " trial " + trial + " component " + i);
            }
        }
    }

    @Test
    void expOfARotationAboutZMatchesRollPitchYaw() {
        double[] m = new double[12];
        Se3.exp(0, 0, 0, 0, 0, 0.7, 1.0, m);
        RigidTransform expected = RigidTransform.fromRollPitchYaw(0, 0, 0, 0, 0, 0.7);
        assertTrue(RigidTransform.fromMatrix3x4(m).approxEquals(expected, 1e-12, 1e-12));
        // a screw: 1 m/s forward while turning at 0.5 rad/s for 1 s ends on a circle of radius 2 m
        Se3.exp(1, 0, 0, 0, 0, 0.5, 1.0, m);
        assertEquals(2 * Math.sin(0.5), m[3], 1e-12);
        assertEquals(2 * (1 - Math.cos(0.5)), m[7], 1e-12);
    }

    @Test
    void composeAndInverseAgreeWithRigidTransform() {
        RigidTransform a = RigidTransform.fromRollPitchYaw(1, -2, 3, 0.1, -0.2, 0.3);
        RigidTransform b = RigidTransform.fromRollPitchYaw(-4, 5, 0.5, -0.3, 0.05, 1.2);
        double[] out = new double[12];
        Se3.compose(a.toMatrix3x4(), b.toMatrix3x4(), out);
        assertTrue(RigidTransform.fromMatrix3x4(out).approxEquals(a.compose(b), 1e-12, 1e-12));
        Se3.inverse(a.toMatrix3x4(), out);
        assertTrue(RigidTransform.fromMatrix3x4(out).approxEquals(a.inverse(), 1e-12, 1e-12));
    }

    @Test
    void choleskySolvesASymmetricPositiveDefiniteSystemAndRefusesASingularOne() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] j = new double[60];
        for (int i = 0; i < j.length; i++) {
            j[i] = rng.nextDouble(-1, 1);
        }
        double[] a = new double[36];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) {
                for (int k = 0; k < 10; k++) {
                    a[r * 6 + c] += j[k * 6 + r] * j[k * 6 + c];
                }
            }
        }
        double[] x = {1, -2, 3, -4, 5, -6};
        double[] b = new double[6];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) {
                b[r] += a[r * 6 + c] * x[c];
            }
        }
        assertTrue(Cholesky6.solveInPlace(a.clone(), b));
        for (int i = 0; i < 6; i++) {
            assertEquals(x[i], b[i], 1e-9);
        }
        double[] singular = new double[36];
        singular[0] = 1;
        assertTrue(!Cholesky6.solveInPlace(singular, new double[6]));
    }
}
