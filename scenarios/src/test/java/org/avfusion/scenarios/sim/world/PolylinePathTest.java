package org.avfusion.scenarios.sim.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A street polyline as a drivable path: lengths, poses, smoothed corners, projection. */
class PolylinePathTest {

    @ParameterizedTest(name = "straight east, s={0}: x={1}")
    @CsvSource({"0, 0", "12.25, 12.25", "100, 100", "150, 100", "-5, 0"})
    void aStraightLineIsDrivenAtItsArcLengthClampedToItsEnds(double s, double x) {
        PolylinePath p = new PolylinePath(new double[] {0, 40, 100}, new double[] {0, 0, 0}, 3);
        double[] out = new double[4];
        p.poseAt(s, out);
        assertEquals(100, p.lengthMeters(), 1e-9);
        assertEquals(x, out[Road.X], 1e-9);
        assertEquals(0, out[Road.Y], 1e-9);
        assertEquals(0, out[Road.HEADING], 1e-9);
        assertEquals(0, out[Road.CURVATURE], 1e-9);
    }

    @Test
    void aRightAngleCornerIsRoundedWithFiniteCurvatureAndCutByAThirdOfTheSmoothing() {
        PolylinePath p = new PolylinePath(new double[] {0, 50, 50}, new double[] {0, 0, 50}, 4);
        double[] out = new double[4];
        double maxTurnPerStep = 0;
        double maxCurvature = 0;
        double previous = 0;
        for (double s = 0; s <= p.lengthMeters(); s += 0.1) {
            p.poseAt(s, out);
            maxTurnPerStep = Math.max(maxTurnPerStep, Math.abs(Math.IEEEremainder(out[Road.HEADING] - previous,
                    2 * Math.PI)));
            maxCurvature = Math.max(maxCurvature, Math.abs(out[Road.CURVATURE]));
            previous = out[Road.HEADING];
        }
        p.poseAt(50, out);
        double cut = Math.hypot(50 - out[Road.X], out[Road.Y]);
        System.out.printf(Locale.ROOT, "corner: largest heading step over 0.1 m %.4f rad, largest curvature %.3f 1/m, "
                + "corner cut %.2f m%n", maxTurnPerStep, maxCurvature, cut);
        assertTrue(maxTurnPerStep < 0.05, "heading continuous: " + maxTurnPerStep);
        assertTrue(maxCurvature < 1.0, "curvature finite: " + maxCurvature);
        assertEquals(Math.sqrt(2) / 4 * 4, cut, 0.2, "cut by about smoothing * sqrt(2) / 4");
        p.poseAt(p.lengthMeters(), out);
        assertEquals(Math.PI / 2, out[Road.HEADING], 1e-6, "leaves north");
        assertEquals(50, out[Road.Y], 1e-9, "the end is kept");
    }

    @ParameterizedTest(name = "({0}, {1}) within {2} m -> s={3}")
    @CsvSource({"10, 3, 100, 10", "45, -2, 100, 45", "10, 0, 5, 5.5", "-4, 0, 100, 0"})
    void projectionFindsTheNearestPointWithinTheSearchedStart(double x, double y, double max, double s) {
        PolylinePath p = new PolylinePath(new double[] {0, 100}, new double[] {0, 0}, 0);
        assertEquals(s, p.project(x, y, max), 0.01);
    }

    @Test
    void badInputIsRefusedNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PolylinePath(new double[] {0},
                new double[] {0}, 1)).getMessage().contains("two or more points"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PolylinePath(new double[] {0, 0},
                new double[] {0, 0}, 1)).getMessage().contains("too short"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PolylinePath(new double[] {0, 10},
                new double[] {0, 0}, 60)).getMessage().contains("smoothingMeters"));
    }
}
