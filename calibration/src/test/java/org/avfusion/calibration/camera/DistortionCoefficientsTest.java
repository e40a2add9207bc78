package org.avfusion.calibration.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistortionCoefficientsTest {

    /** KITTI 2011_09_26 camera 02 (calib_cam_to_cam.txt D_02): strong barrel distortion. */
    static final DistortionCoefficients KITTI_D02 =
            DistortionCoefficients.ofOpenCv(-3.691481e-01, 1.968681e-01, 1.353473e-03, 5.677587e-04, -6.770705e-02);
    static final DistortionCoefficients RATIONAL =
            DistortionCoefficients.ofOpenCv(0.1, -0.05, 0.001, -0.002, 0.01, 0.05, -0.01, 0.002);

    @Test
    void distortsAHandComputedPoint() {
        DistortionCoefficients d = DistortionCoefficients.ofOpenCv(-0.2, 0.05, 0.001, 0.002, 0.0);
        double x = 0.3, y = -0.2, r2 = 0.13;
        double radial = 1 - 0.2 * r2 + 0.05 * r2 * r2;
        double[] out = new double[2];
        d.distort(x, y, out, 0);
        assertEquals(x * radial + 2 * 0.001 * x * y + 0.002 * (r2 + 2 * x * x), out[0], 1e-15);
        assertEquals(y * radial + 0.001 * (r2 + 2 * y * y) + 2 * 0.002 * x * y, out[1], 1e-15);
    }

    @Test
    void undistortInvertsDistortWithinTheMonotonicRegion() {
        for (DistortionCoefficients d : new DistortionCoefficients[] {KITTI_D02, RATIONAL}) {
            double maxR = Math.min(1.2, 0.95 * d.maxMonotonicRadius());
            Random rnd = new Random(11);
            double[] dist = new double[2], back = new double[2];
            for (int i = 0; i < 500; i++) {
                double r = maxR * Math.sqrt(rnd.nextDouble()), a = rnd.nextDouble() * 2 * Math.PI;
                double x = r * Math.cos(a), y = r * Math.sin(a);
                d.distort(x, y, dist, 0);
                assertTrue(d.undistort(dist[0], dist[1], back, 0), "no convergence at " + x + ", " + y + " for " + d);
                assertArrayEquals(new double[] {x, y}, back, 1e-9);
            }
        }
    }

    @Test
    void kittiBarrelDistortionFoldsBackBeyondItsField() {
        double maxR = KITTI_D02.maxMonotonicRadius();
        // the 1392 px wide raw image spans |x| <= 0.73 from the principal point: the model must hold there
        assertTrue(maxR > 0.9 && maxR < 3, "max monotonic radius " + maxR);
        assertEquals(Double.POSITIVE_INFINITY, DistortionCoefficients.NONE.maxMonotonicRadius());
    }

    @Test
    void openCvOrderRoundTrips() {
        assertArrayEquals(new double[] {-3.691481e-01, 1.968681e-01, 1.353473e-03, 5.677587e-04, -6.770705e-02},
                KITTI_D02.toOpenCv());
        assertEquals(8, RATIONAL.toOpenCv().length);
        assertEquals(DistortionCoefficients.NONE, DistortionCoefficients.ofOpenCv());
    }

    @Test
    void rejectsUnsupportedCoefficientCounts() {
        assertThrows(IllegalArgumentException.class, () -> DistortionCoefficients.ofOpenCv(1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> DistortionCoefficients.ofOpenCv(new double[14]));
    }
}
