package org.avfusion.calibration.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CameraIntrinsicsTest {

    /** KITTI 2011_09_26 raw camera 02: K_02, S_02, D_02. */
    static final CameraIntrinsics KITTI_RAW_02 = CameraIntrinsics.fromCameraMatrix(
            new double[] {9.597910e+02, 0, 6.960217e+02, 0, 9.569251e+02, 2.241806e+02, 0, 0, 1}, 1392, 512,
            DistortionCoefficientsTest.KITTI_D02);

    @Test
    void pinholeProjectionAgreesWithPinholeIntrinsics() {
        PinholeIntrinsics p = PinholeIntrinsics.fromHorizontalFov(90, 640, 360);
        CameraIntrinsics k = CameraIntrinsics.of(p);
        double[] uv = new double[2];
        assertTrue(k.project(1.0, -0.5, 4.0, uv, 0));
        assertEquals(p.projectU(1.0, 4.0), uv[0], 1e-12);
        assertEquals(p.projectV(-0.5, 4.0), uv[1], 1e-12);
        assertEquals(90, k.horizontalFovDeg(), 1e-9);
        assertEquals(p, k.toPinhole());
    }

    @Test
    void pixelAndDepthGoBackToThePoint() {
        Random rnd = new Random(3);
        double[] uv = new double[2], p = new double[3];
        for (int i = 0; i < 300; i++) {
            double u = rnd.nextDouble() * 1391, v = rnd.nextDouble() * 511, depth = 1 + rnd.nextDouble() * 60;
            assertTrue(KITTI_RAW_02.pixelToPoint(u, v, depth, p, 0), "pixel " + u + ", " + v);
            assertEquals(depth, p[2], 1e-12);
            assertTrue(KITTI_RAW_02.project(p[0], p[1], p[2], uv, 0));
            assertArrayEquals(new double[] {u, v}, uv, 1e-6, "pixel " + u + ", " + v);
        }
    }

    @Test
    void rayIsUnitLengthAndPointsThroughThePixel() {
        double[] ray = new double[3];
        assertTrue(KITTI_RAW_02.pixelToRay(KITTI_RAW_02.cxPixels(), KITTI_RAW_02.cyPixels(), ray, 0));
        assertArrayEquals(new double[] {0, 0, 1}, ray, 1e-12);
        assertTrue(KITTI_RAW_02.pixelToRay(100, 400, ray, 0));
        assertEquals(1, Math.sqrt(ray[0] * ray[0] + ray[1] * ray[1] + ray[2] * ray[2]), 1e-12);
        assertTrue(ray[0] < 0 && ray[1] > 0);
    }

    @Test
    void pointBehindTheCameraDoesNotProject() {
        double[] uv = new double[2];
        assertFalse(KITTI_RAW_02.project(0, 0, -1, uv, 0));
        assertTrue(Double.isNaN(uv[0]));
    }

    @Test
    void rejectsSkewAndMalformedCameraMatrices() {
        assertThrows(IllegalArgumentException.class, () -> CameraIntrinsics.fromCameraMatrix(
                new double[] {500, 3, 320, 0, 500, 240, 0, 0, 1}, 640, 480, DistortionCoefficients.NONE));
        assertThrows(IllegalArgumentException.class, () -> CameraIntrinsics.fromCameraMatrix(
                new double[] {500, 0, 320, 0, 500, 240}, 640, 480, DistortionCoefficients.NONE));
        assertThrows(IllegalArgumentException.class, () -> CameraIntrinsics.fromCameraMatrix(
                new double[] {500, 0, 320, 0, 500, 240, 0, 0, 2}, 640, 480, DistortionCoefficients.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> new CameraIntrinsics(-1, 500, 320, 240, 640, 480, DistortionCoefficients.NONE));
    }

    @Test
    void aNegativeFocalLengthIsNamedAsSuchNotAsSkew() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CameraIntrinsics
                .fromCameraMatrix(new double[] {-500, 0, 320, 0, 500, 240, 0, 0, 1}, 640, 480,
                        DistortionCoefficients.NONE));
        assertEquals("focal lengths must be finite and > 0 pixels, were fx=-500.0 fy=500.0", e.getMessage());
    }
}
