package org.avfusion.runtime.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.camera.PinholeIntrinsics;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The flat-ground range against its closed form {@code Z = h / tan(theta + atan((v - c_y) / f_y))} (Stein, Mano and
 * Shashua 2003) for a 640x360 camera (f = 320 px, principal point (319.5, 179.5)) on a lidar 1.8 m above the road,
 * the camera 0.4 m below the lidar and pitched down by {@code pitch}.
 */
class GroundPlaneRangeTest {
    private static final double LIDAR_HEIGHT = 1.8;
    private static final double CAMERA_BELOW_LIDAR = 0.4;

    /** Lidar frame (x forward, y left, z up) into the optical frame (x right, y down, z forward), pitched down. */
    private static PointProjector camera(double pitchDeg) {
        double p = Math.toRadians(pitchDeg), c = Math.cos(p), s = Math.sin(p);
        // optical axes in lidar coordinates: x_opt = -y, y_opt = (-sin p, 0, -cos p)·, z_opt = (cos p, 0, -sin p)
        double[] r = {0, -1, 0, -s, 0, -c, c, 0, -s};
        double tx = 0, ty = -(r[3] * 0 + r[4] * 0 + r[5] * -CAMERA_BELOW_LIDAR), tz = -(r[8] * -CAMERA_BELOW_LIDAR);
        return new PointProjector(RigidTransform.of(r, tx, ty, tz),
                new PinholeIntrinsics(320, 320, 319.5, 179.5, 640, 360).withDistortion(DistortionCoefficients.NONE));
    }

    @ParameterizedTest(name = "pitch {0} deg, row {1}: {2}")
    @CsvSource({
        // pitch, row v,  expected
        "0,       200,    closed form",
        "0,       240,    closed form",
        "0,       350,    closed form",
        "2,       195,    closed form",
        "-1.5,    230,    closed form",
        "0,       179.5,  horizon",
        "0,       120,    above the horizon",
        "0,       183,    beyond 60 m",
    })
    void rangeOfARoadPixelIsTheClosedForm(double pitchDeg, double v, String expected) {
        GroundPlaneRange range = new GroundPlaneRange(60);
        double z = range.cameraDepthMeters(camera(pitchDeg), GroundPrior.level(LIDAR_HEIGHT), 300, v);
        double h = LIDAR_HEIGHT - CAMERA_BELOW_LIDAR;
        double along = h / Math.tan(Math.toRadians(pitchDeg) + Math.atan((v - 179.5) / 320));
        // camera depth is along the pitched optical axis; the closed form's Z is along the road
        double depth = along * Math.cos(Math.toRadians(pitchDeg)) + h * Math.sin(Math.toRadians(pitchDeg));
        if (expected.equals("closed form")) {
            assertEquals(depth, z, 1e-6 * depth, "camera depth at row " + v);
        } else {
            assertTrue(Double.isNaN(z), expected + ": no range, was " + z);
        }
    }
}
