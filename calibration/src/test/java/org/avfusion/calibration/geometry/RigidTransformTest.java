package org.avfusion.calibration.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RigidTransformTest {

    private static final long SEED = 20240704L;

    static RigidTransform random(Random rnd) {
        return RigidTransform.fromRollPitchYaw(rnd.nextGaussian() * 3, rnd.nextGaussian() * 3, rnd.nextGaussian() * 3,
                (rnd.nextDouble() - 0.5) * 2 * Math.PI, (rnd.nextDouble() - 0.5) * Math.PI, (rnd.nextDouble() - 0.5) * 2 * Math.PI);
    }

    private static double[] apply(RigidTransform t, double x, double y, double z) {
        double[] out = new double[3];
        t.transformPoint(x, y, z, out, 0);
        return out;
    }

    @Test
    void yawOfNinetyDegreesTurnsForwardIntoLeft() {
        RigidTransform t = RigidTransform.fromRollPitchYaw(1, 2, 3, 0, 0, Math.PI / 2);
        assertArrayEquals(new double[] {1, 3, 3}, apply(t, 1, 0, 0), 1e-12);
    }

    @Test
    void rollPitchYawRoundTripsAndMatchesMountPose() {
        MountPose m = new MountPose(1.5, -0.2, 1.4, 0.1, -0.3, 2.0);
        RigidTransform t = RigidTransform.fromMountPose(m);
        assertArrayEquals(new double[] {0.1, -0.3, 2.0}, t.rollPitchYawRad(), 1e-12);
        assertEquals(1.5, t.txMeters());
        assertEquals(1.4, t.tzMeters());
    }

    @Test
    void composeAppliesRightOperandFirst() {
        RigidTransform aFromB = RigidTransform.translation(1, 0, 0);
        RigidTransform bFromC = RigidTransform.fromRollPitchYaw(0, 0, 0, 0, 0, Math.PI / 2);
        // c's x axis is b's y axis, then shifted by 1 along a's x
        assertArrayEquals(new double[] {1, 1, 0}, apply(aFromB.compose(bFromC), 1, 0, 0), 1e-12);
    }

    @Test
    void inverseUndoesTheTransformOnRandomPoints() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 200; i++) {
            RigidTransform t = random(rnd);
            double x = rnd.nextGaussian() * 10, y = rnd.nextGaussian() * 10, z = rnd.nextGaussian() * 10;
            double[] p = apply(t, x, y, z);
            assertArrayEquals(new double[] {x, y, z}, apply(t.inverse(), p[0], p[1], p[2]), 1e-9, "seed " + SEED + " #" + i);
            assertTrue(t.compose(t.inverse()).approxEquals(RigidTransform.identity(), 1e-12, 1e-12));
        }
    }

    @Test
    void composeIsAssociative() {
        Random rnd = new Random(SEED + 1);
        RigidTransform a = random(rnd), b = random(rnd), c = random(rnd);
        assertTrue(a.compose(b).compose(c).approxEquals(a.compose(b.compose(c)), 1e-12, 1e-12));
    }

    @Test
    void matrixLayoutsRoundTrip() {
        RigidTransform t = random(new Random(SEED + 2));
        assertEquals(t, RigidTransform.fromMatrix3x4(t.toMatrix3x4()));
        assertEquals(t, RigidTransform.fromMatrix4x4(t.toMatrix4x4()));
    }

    @Test
    void floatBatchMatchesSinglePoints() {
        Random rnd = new Random(SEED + 3);
        RigidTransform t = random(rnd);
        float[] src = new float[4 * 50];
        for (int i = 0; i < src.length; i++) {
            src[i] = (float) (rnd.nextGaussian() * 20);
        }
        float[] dst = new float[3 * 50];
        t.transformPoints(src, 0, 4, 50, dst, 0);
        for (int i = 0; i < 50; i++) {
            double[] p = apply(t, src[4 * i], src[4 * i + 1], src[4 * i + 2]);
            assertArrayEquals(new float[] {(float) p[0], (float) p[1], (float) p[2]},
                    new float[] {dst[3 * i], dst[3 * i + 1], dst[3 * i + 2]}, 1e-4f);
        }
    }

    @Test
    void rejectsNonOrthonormalRotation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RigidTransform.of(new double[] {1, 0, 0, 0, 1.01, 0, 0, 0, 1}, 0, 0, 0));
        assertTrue(e.getMessage().contains("not orthonormal"), e.getMessage());
    }

    @Test
    void rejectsReflection() {
        assertThrows(IllegalArgumentException.class,
                () -> RigidTransform.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1}, 0, 0, 0));
    }

    @Test
    void rejectsWrongMatrixSizes() {
        assertThrows(IllegalArgumentException.class, () -> RigidTransform.of(new double[8], 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> RigidTransform.fromMatrix3x4(new double[9]));
        double[] m = RigidTransform.identity().toMatrix4x4();
        m[15] = 2;
        assertThrows(IllegalArgumentException.class, () -> RigidTransform.fromMatrix4x4(m));
    }

    @Test
    void rotationAngleOfTwoDegreesYaw() {
        RigidTransform t = RigidTransform.fromRollPitchYaw(0, 0, 0, 0, 0, Math.toRadians(2));
        assertEquals(2.0, Math.toDegrees(t.rotationAngleRad()), 1e-9);
    }
}
