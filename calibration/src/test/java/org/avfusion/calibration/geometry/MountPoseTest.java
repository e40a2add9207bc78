package org.avfusion.calibration.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.calibration.camera.DistortionCoefficients;
import org.junit.jupiter.api.Test;

/** The written-out equals and hashCode keep a record's contract: every component, compared as Double.compare does. */
class MountPoseTest {
    @Test
    void equalsAndHashCodeAsARecords() {
        MountPose a = new MountPose(1.5, -0.2, 1.73, 0.01, -0.02, Math.PI / 2);
        assertEquals(a, new MountPose(1.5, -0.2, 1.73, 0.01, -0.02, Math.PI / 2));
        assertEquals(a.hashCode(), new MountPose(1.5, -0.2, 1.73, 0.01, -0.02, Math.PI / 2).hashCode());
        double[] v = {1.5, -0.2, 1.73, 0.01, -0.02, Math.PI / 2};
        for (int i = 0; i < v.length; i++) {
            double[] w = v.clone();
            w[i] += 1e-9;
            assertNotEquals(a, new MountPose(w[0], w[1], w[2], w[3], w[4], w[5]), "component " + i);
        }
        assertNotEquals(MountPose.IDENTITY, new MountPose(-0.0, 0, 0, 0, 0, 0), "0.0 and -0.0 differ, as in a record");
        assertNotEquals(a, null);
        assertNotEquals(a, "pose");
    }

    @Test
    void distortionEqualsAndHashCodeAsARecords() {
        double[] c = {-0.37, 0.2, 0.001, -0.0005, -0.07, 0.01, 0.02, 0.03};
        DistortionCoefficients d = DistortionCoefficients.ofOpenCv(c);
        assertEquals(d, DistortionCoefficients.ofOpenCv(c.clone()));
        assertEquals(d.hashCode(), DistortionCoefficients.ofOpenCv(c.clone()).hashCode());
        for (int i = 0; i < c.length; i++) {
            double[] w = c.clone();
            w[i] += 1e-9;
            assertNotEquals(d, DistortionCoefficients.ofOpenCv(w), "coefficient " + i);
        }
        assertTrue(DistortionCoefficients.ofOpenCv().isNone());
        assertFalse(d.isNone());
    }
}
