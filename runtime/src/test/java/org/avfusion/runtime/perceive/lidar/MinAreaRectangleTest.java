package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.MinimumAreaRectangle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** The allocation-free minimum-area rectangle, on fixtures and against JTS's {@code MinimumAreaRectangle}. */
class MinAreaRectangleTest {
    private final MinAreaRectangle rect = new MinAreaRectangle();

    @Test
    void aRotatedRectangleGivesItsCentreSizeAndHeading() {
        // a 4 x 2 box at (10, -3) heading 30 degrees, corners and edge midpoints
        double yaw = Math.toRadians(30);
        double[][] local = {{2, 1}, {2, -1}, {-2, -1}, {-2, 1}, {0, 1}, {2, 0}, {0, 0}};
        double[] xs = new double[local.length], ys = new double[local.length];
        for (int i = 0; i < local.length; i++) {
            xs[i] = 10 + Math.cos(yaw) * local[i][0] - Math.sin(yaw) * local[i][1];
            ys[i] = -3 + Math.sin(yaw) * local[i][0] + Math.cos(yaw) * local[i][1];
        }
        rect.fit(xs, ys, xs.length);
        assertEquals(10, rect.centerX(), 1e-9);
        assertEquals(-3, rect.centerY(), 1e-9);
        assertEquals(4, rect.lengthMeters(), 1e-9);
        assertEquals(2, rect.widthMeters(), 1e-9);
        assertEquals(yaw, rect.yawRad(), 1e-9);
        assertEquals(4, rect.hullSize());
    }

    @Test
    void headingIsFoldedIntoPlusMinusHalfPi() {
        // the same 4 x 2 box heading 120 degrees reads as -60 degrees
        double yaw = Math.toRadians(120);
        double[][] local = {{2, 1}, {2, -1}, {-2, -1}, {-2, 1}};
        double[] xs = new double[4], ys = new double[4];
        for (int i = 0; i < 4; i++) {
            xs[i] = Math.cos(yaw) * local[i][0] - Math.sin(yaw) * local[i][1];
            ys[i] = Math.sin(yaw) * local[i][0] + Math.cos(yaw) * local[i][1];
        }
        rect.fit(xs, ys, 4);
        assertEquals(Math.toRadians(-60), rect.yawRad(), 1e-9);
    }

    @Test
    void onePointIsAZeroSizeBoxOnIt() {
        rect.fit(new double[] {3, 3, 3}, new double[] {4, 4, 4}, 3);
        assertEquals(3, rect.centerX(), 0);
        assertEquals(4, rect.centerY(), 0);
        assertEquals(0, rect.lengthMeters(), 0);
        assertEquals(0, rect.widthMeters(), 0);
    }

    @Test
    void collinearPointsGiveAZeroWidthBoxAlongTheirLine() {
        rect.fit(new double[] {0, 1, 2, 3}, new double[] {0, 1, 2, 3}, 4);
        assertEquals(Math.sqrt(18), rect.lengthMeters(), 1e-9);
        assertEquals(0, rect.widthMeters(), 1e-9);
        assertEquals(Math.PI / 4, rect.yawRad(), 1e-9);
        assertEquals(1.5, rect.centerX(), 1e-9);
    }

    @Test
    void matchesJtsMinimumAreaRectangleOnRandomPointSets() {
        GeometryFactory gf = new GeometryFactory();
        for (long seed = 1; seed <= 500; seed++) {
            Random rnd = new Random(seed);
            int n = 3 + rnd.nextInt(200);
            double sx = 0.2 + rnd.nextDouble() * 10, sy = 0.2 + rnd.nextDouble() * 3;
            double a = rnd.nextDouble() * Math.PI * 2, cx = rnd.nextGaussian() * 50, cy = rnd.nextGaussian() * 50;
            double[] xs = new double[n], ys = new double[n];
            Coordinate[] coords = new Coordinate[n];
            for (int i = 0; i < n; i++) {
                double u = (rnd.nextDouble() - 0.5) * sx, v = (rnd.nextDouble() - 0.5) * sy;
                if (rnd.nextBoolean()) {
                    v = Math.signum(v) * sy / 2; // L-shaped, as lidar sees a car
                }
                xs[i] = cx + Math.cos(a) * u - Math.sin(a) * v;
                ys[i] = cy + Math.sin(a) * u + Math.cos(a) * v;
                coords[i] = new Coordinate(xs[i], ys[i]);
            }
            Geometry expected = MinimumAreaRectangle.getMinimumRectangle(gf.createMultiPointFromCoords(coords));
            rect.fit(xs, ys, n);
            double scale = Math.max(1, expected.getArea());
            assertEquals(expected.getArea(), rect.areaSquareMeters(), 1e-9 * scale, "area, seed " + seed);
            // the minimum can be reached by several rectangles (parallel rows of points): ours must enclose them all
            double c = Math.cos(rect.yawRad()), s = Math.sin(rect.yawRad());
            for (int i = 0; i < n; i++) {
                double dx = xs[i] - rect.centerX(), dy = ys[i] - rect.centerY();
                assertTrue(Math.abs(c * dx + s * dy) <= rect.lengthMeters() / 2 + 1e-9
                        && Math.abs(-s * dx + c * dy) <= rect.widthMeters() / 2 + 1e-9, "point " + i + " outside, seed "
                        + seed);
            }
            assertTrue(rect.lengthMeters() >= rect.widthMeters(), "seed " + seed);
        }
    }

    /**
     * The interior filter (Akl-Toussaint) keeps the result to the bit: blobs, noisy boxes, lines, grids with exact
     * duplicates and collinear points, with and without the filter.
     */
    @Test
    void theInteriorFilterGivesTheSameRectangleToTheBit() {
        Random rng = new Random(7);
        MinAreaRectangle filtered = new MinAreaRectangle(0);
        MinAreaRectangle plain = new MinAreaRectangle(Integer.MAX_VALUE);
        int kinds = 5;
        for (int trial = 0; trial < 4000; trial++) {
            int n = 1 + rng.nextInt(trial % 10 == 0 ? 5000 : 300);
            double[] xs = new double[n], ys = new double[n];
            double cx = rng.nextGaussian() * 40, cy = rng.nextGaussian() * 40, yaw = rng.nextDouble() * Math.PI;
            double len = 0.2 + rng.nextDouble() * 10, wid = rng.nextDouble() * 3;
            for (int i = 0; i < n; i++) {
                double u, v;
                switch (trial % kinds) {
                    case 0 -> { u = rng.nextGaussian() * len; v = rng.nextGaussian() * wid; }
                    case 1 -> { u = (rng.nextDouble() - 0.5) * len; v = (rng.nextDouble() - 0.5) * wid; }
                    case 2 -> { u = (rng.nextDouble() - 0.5) * len; v = 0; } // a line
                    case 3 -> { u = Math.round(rng.nextDouble() * 6) * 0.1; v = Math.round(rng.nextDouble() * 4) * 0.1; }
                    default -> { u = (rng.nextInt(2) - 0.5) * len + rng.nextGaussian() * 0.01; // two faces
                        v = (rng.nextDouble() - 0.5) * wid; }
                }
                xs[i] = (float) (cx + Math.cos(yaw) * u - Math.sin(yaw) * v); // lidar points are floats
                ys[i] = (float) (cy + Math.sin(yaw) * u + Math.cos(yaw) * v);
            }
            filtered.fit(xs, ys, n);
            plain.fit(xs, ys, n);
            String what = "trial " + trial + " kind " + trial % kinds + " n " + n;
            assertEquals(plain.hullSize(), filtered.hullSize(), what);
            assertEquals(Double.doubleToRawLongBits(plain.centerX()), Double.doubleToRawLongBits(filtered.centerX()), what);
            assertEquals(Double.doubleToRawLongBits(plain.centerY()), Double.doubleToRawLongBits(filtered.centerY()), what);
            assertEquals(Double.doubleToRawLongBits(plain.lengthMeters()),
                    Double.doubleToRawLongBits(filtered.lengthMeters()), what);
            assertEquals(Double.doubleToRawLongBits(plain.widthMeters()),
                    Double.doubleToRawLongBits(filtered.widthMeters()), what);
            assertEquals(Double.doubleToRawLongBits(plain.yawRad()), Double.doubleToRawLongBits(filtered.yawRad()), what);
        }
    }
}
