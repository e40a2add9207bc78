package org.avfusion.calibration.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Differential check of the distortion model against OpenCV: the expected pixels were computed once with
 * OpenCV 4.14.0 {@code cv::projectPoints} (JavaCV 1.5.14, rvec = tvec = 0, double precision) for the camera-frame
 * points below; calibration may not depend on OpenCV, so the values are a fixture here.
 */
class OpenCvProjectPointsReferenceTest {

    /** x, y, z (camera frame, metres), u, v (pixels, from OpenCV). */
    private static final double[][] KITTI_RAW_02 = {
        {0.3, -0.2, 1.0, 971.0693025695, 41.5785114692},
        {-2.0, 1.0, 5.0, 337.7099322562, 403.1148958209},
        {4.0, 0.5, 8.0, 1136.9879448714, 279.4484008703},
        {-0.05, 0.02, 2.0, 672.0337710068, 233.7482173317},
        {1.5, -0.9, 3.0, 1125.3977327198, -32.1245668773},
        {-3.0, -1.2, 6.0, 261.0377468025, 51.0191339090},
        {0.0, 0.0, 4.0, 696.0217000000, 224.1806000000},
    };

    private static final double[][] RATIONAL = {
        {0.3, -0.2, 1.0, 503.6066717447, 127.9787832155},
        {-2.0, 1.0, 5.0, 125.4998575129, 344.0607542467},
        {4.0, 0.5, 8.0, 612.1884996191, 269.5251287644},
        {-0.05, 0.02, 2.0, 328.8996298849, 240.9632264377},
        {1.5, -0.9, 3.0, 612.5360245883, 73.3311558090},
        {-3.0, -1.2, 6.0, 70.6153429123, 127.1451972916},
        {0.0, 0.0, 4.0, 342.3000000000, 235.6000000000},
    };

    private static void check(CameraIntrinsics k, double[][] table) {
        double[] uv = new double[2], back = new double[3];
        for (double[] row : table) {
            k.project(row[0], row[1], row[2], uv, 0);
            assertEquals(row[3], uv[0], 1e-6, "u of " + row[0] + ", " + row[1] + ", " + row[2]);
            assertEquals(row[4], uv[1], 1e-6, "v of " + row[0] + ", " + row[1] + ", " + row[2]);
            // and back: OpenCV's pixel at the point's depth gives the point
            k.pixelToPoint(row[3], row[4], row[2], back, 0);
            assertEquals(row[0], back[0], 1e-6);
            assertEquals(row[1], back[1], 1e-6);
        }
    }

    @Test
    void plumbBobMatchesOpenCvOnKittiCamera02() {
        check(new CameraIntrinsics(959.791, 956.9251, 696.0217, 224.1806, 1392, 512,
                DistortionCoefficients.ofOpenCv(-3.691481e-01, 1.968681e-01, 1.353473e-03, 5.677587e-04, -6.770705e-02)),
                KITTI_RAW_02);
    }

    @Test
    void rationalModelMatchesOpenCv() {
        check(new CameraIntrinsics(535.9, 536.2, 342.3, 235.6, 640, 480,
                DistortionCoefficients.ofOpenCv(0.1, -0.05, 0.001, -0.002, 0.01, 0.05, -0.01, 0.002)), RATIONAL);
    }
}
