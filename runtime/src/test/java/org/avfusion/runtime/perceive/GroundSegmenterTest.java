package org.avfusion.runtime.perceive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ground segmentation of synthetic scenes built in base_link (x forward, y left, z up, ground at z = 0) and moved
 * into the lidar frame through the mount: p_lidar = R^T (p_base - t), R = Rz(yaw) Ry(pitch) Rx(roll). Default
 * profile: 0.5 m range bins, 720 azimuth bins, max slope 10 deg, obstacles 0.3 to 2.5 m above the local ground,
 * ego body 4.6 x 1.85 m with 0.9 m rear overhang, lidar mount (1.2, 0, 1.8).
 */
class GroundSegmenterTest {
    private static final GroundFilterConfig CONFIG = SyntheticScenes.defaultConfig();
    private static final MountPose DEFAULT_MOUNT = MountPose.at(1.2, 0, 1.8);

    /** The box: x in [10, 11], y in [-0.5, 0.5], z in [0, 1.5]. */
    private static boolean inBox(double x, double y, double z) {
        double e = 1e-3;
        return x >= 10 - e && x <= 11 + e && y >= -0.5 - e && y <= 0.5 + e && z >= -e && z <= 1.5 + e;
    }

    private static boolean inEgo(double x, double y) {
        return x >= -0.9 && x <= 3.7 && Math.abs(y) <= 0.925;
    }

    /** Ground z = height(x, y) on a 0.15 m lattice over x [-30.07, 40], y [-20, 20], except under the box. */
    private static List<double[]> ground(DoubleBinaryOperator height) {
        List<double[]> points = new ArrayList<>();
        for (double x = -30.07; x <= 40; x += 0.15) {     // offset: no lattice point on the ego body edge
            for (double y = -20; y <= 20; y += 0.15) {
                if (x >= 10 && x <= 11 && y >= -0.5 && y <= 0.5) {
                    continue;
                }
                points.add(new double[] {x, y, height.applyAsDouble(x, y)});
            }
        }
        return points;
    }

    /** Four faces and the top of the box, 5 cm apart; heights at 2.5 cm + k * 5 cm, never exactly 0.3 m. */
    private static List<double[]> box() {
        List<double[]> points = new ArrayList<>();
        for (double z = 0.025; z < 1.5; z += 0.05) {
            for (double t = 0; t <= 1.0001; t += 0.05) {
                points.add(new double[] {10, -0.5 + t, z});
                points.add(new double[] {11, -0.5 + t, z});
                points.add(new double[] {10 + t, -0.5, z});
                points.add(new double[] {10 + t, 0.5, z});
            }
        }
        for (double u = 0; u <= 1.0001; u += 0.05) {
            for (double v = 0; v <= 1.0001; v += 0.05) {
                points.add(new double[] {10 + u, -0.5 + v, 1.5});
            }
        }
        return points;
    }

    /** Base_link points into a lidar-frame cloud for {@code mount}. */
    static PointCloud toLidar(List<double[]> base, MountPose m) {
        double cr = Math.cos(m.rollRad()), sr = Math.sin(m.rollRad());
        double cp = Math.cos(m.pitchRad()), sp = Math.sin(m.pitchRad());
        double cy = Math.cos(m.yawRad()), sy = Math.sin(m.yawRad());
        double[] r = {
            cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr,
            sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr,
            -sp, cp * sr, cp * cr,
        };
        PointCloud cloud = new PointCloud(Math.max(1, base.size()));
        for (double[] p : base) {
            double dx = p[0] - m.xMeters();
            double dy = p[1] - m.yMeters();
            double dz = p[2] - m.zMeters();
            // R^T * d
            cloud.add((float) (r[0] * dx + r[3] * dy + r[6] * dz), (float) (r[1] * dx + r[4] * dy + r[7] * dz),
                    (float) (r[2] * dx + r[5] * dy + r[8] * dz), 0f, 0, 0);
        }
        return cloud;
    }

    @Test
    void flatGroundWithABoxGivesObstaclesOnlyOnTheBox() {
        List<double[]> ground = ground((x, y) -> 0.0);
        List<double[]> box = box();
        List<double[]> scene = new ArrayList<>(ground);
        scene.addAll(box);
        ObstacleScan scan = GroundSegmenter.segmentOnce(CONFIG, toLidar(scene, DEFAULT_MOUNT), DEFAULT_MOUNT);
        assertOnlyBox(scan);
        assertBoxCount(box, scan);
        long groundSeen = ground.stream().filter(p -> !inEgo(p[0], p[1])).count();
        assertEquals(groundSeen + box.size() - scan.obstacleCount(), scan.groundCount(),
                "every point that is not an obstacle is ground: no ground point is lost or called an obstacle");
    }

    /**
     * Box points at least 0.3 m above the local ground are obstacles. The local ground of a polar cell is its lowest
     * point: 0 where road points share the cell, the box's lowest row (2.5 cm) where only box points fall in it. So
     * the points at 0.325 m may go either way; everything from 0.375 m up must be an obstacle, nothing below 0.3 m
     * may be.
     */
    private static void assertBoxCount(List<double[]> box, ObstacleScan scan) {
        long atLeast = box.stream().filter(p -> p[2] >= 0.35).count();
        long atMost = box.stream().filter(p -> p[2] >= 0.3).count();
        assertTrue(scan.obstacleCount() >= atLeast && scan.obstacleCount() <= atMost, "box obstacle points "
                + scan.obstacleCount() + " must be in [" + atLeast + ", " + atMost + "]");
    }

    private static void assertOnlyBox(ObstacleScan scan) {
        assertTrue(scan.isValid());
        assertTrue(scan.obstacleCount() > 0, "the box is seen");
        for (int i = 0; i < scan.obstacleCount(); i++) {
            assertTrue(inBox(scan.obstacleX(i), scan.obstacleY(i), scan.obstacleZ(i)), "obstacle point ("
                    + scan.obstacleX(i) + ", " + scan.obstacleY(i) + ", " + scan.obstacleZ(i) + ") is not on the box");
        }
        // the polar summary: the box is straight ahead, its near face 8.8 m from the lidar at x = 1.2
        int ahead = scan.binOf(1, 0);
        assertEquals(8.8, scan.nearestObstacleMeters(ahead), 0.01);
        assertTrue(Float.isInfinite(scan.nearestObstacleMeters(scan.binOf(0, 1))), "nothing to the left");
        assertTrue(scan.farthestGroundMeters(scan.binOf(0, 1)) > 15, "ground seen far to the left");
    }

    /**
     * A road that starts to climb 5 m ahead at a constant grade. Up to the 10 deg limit it is all ground; a 40 deg
     * ramp is a wall as far as the filter is concerned. (The filter follows a rise of tan(10 deg) x 0.5 m plus a
     * 0.15 m kerb step per 0.5 m bin, so grades up to about 25 deg are followed: 20 deg is deliberately not in the
     * table.)
     */
    @ParameterizedTest(name = "{0} deg ramp: obstacles {1}")
    @CsvSource({
        "0,    false",
        "3,    false",
        "6,    false",
        "9.5,  false",
        "40,   true",
    })
    void slopedRoadBelowMaxSlopeStaysGround(double slopeDeg, boolean obstacles) {
        double grade = Math.tan(Math.toRadians(slopeDeg));
        List<double[]> scene = ground((x, y) -> x > 5 ? grade * (x - 5) : 0.0);
        ObstacleScan scan = GroundSegmenter.segmentOnce(CONFIG, toLidar(scene, DEFAULT_MOUNT), DEFAULT_MOUNT);
        if (obstacles) {
            assertTrue(scan.obstacleCount() > 100, "a steep ramp is an obstacle: " + scan.obstacleCount());
        } else {
            assertEquals(0, scan.obstacleCount(), "points called obstacles on a " + slopeDeg + " deg road");
        }
    }

    @Test
    void boxOnASlopedRoadIsStillFound() {
        double grade = Math.tan(Math.toRadians(6));
        List<double[]> scene = ground((x, y) -> x > 5 ? grade * (x - 5) : 0.0);
        List<double[]> box = new ArrayList<>();
        for (double[] p : box()) {
            box.add(new double[] {p[0], p[1], p[2] + grade * (p[0] - 5)});
        }
        scene.addAll(box);
        ObstacleScan scan = GroundSegmenter.segmentOnce(CONFIG, toLidar(scene, DEFAULT_MOUNT), DEFAULT_MOUNT);
        assertTrue(scan.obstacleCount() > box.size() / 2, "box points found: " + scan.obstacleCount());
        for (int i = 0; i < scan.obstacleCount(); i++) {
            double x = scan.obstacleX(i);
            assertTrue(x >= 10 - 1e-3 && x <= 11 + 1e-3 && Math.abs(scan.obstacleY(i)) <= 0.501,
                    "obstacle off the box at (" + x + ", " + scan.obstacleY(i) + ")");
        }
    }

    /** The ego's own body (roof, hood, mirrors) is neither ground nor obstacle; a point just outside it is seen. */
    @ParameterizedTest(name = "point at ({0}, {1}, {2}): obstacles {3}")
    @CsvSource({
        "0.0,   0.0,   1.5,  0",      // roof
        "3.6,   0.0,   1.0,  0",      // hood, just inside the front bumper at 3.7
        "-0.85, 0.5,   0.8,  0",      // rear, just inside the 0.9 m overhang
        "1.0,   0.9,   1.0,  0",      // mirror, inside the 0.925 m half-width
        "3.8,   0.0,   1.0,  1",      // just ahead of the bumper
        "1.0,   1.0,   1.0,  1",      // just beside the body
        "-1.0,  0.0,   1.0,  1",      // just behind it
    })
    void pointsInsideTheEgoBodyAreIgnored(double x, double y, double z, int obstacles) {
        List<double[]> scene = new ArrayList<>();
        scene.add(new double[] {x, y, z});
        ObstacleScan scan = GroundSegmenter.segmentOnce(CONFIG, toLidar(scene, DEFAULT_MOUNT), DEFAULT_MOUNT);
        assertEquals(obstacles, scan.obstacleCount());
        assertEquals(0, scan.groundCount());
    }

    /** The same base_link scene seen from lidars mounted differently gives the same obstacles, in base_link. */
    @ParameterizedTest(name = "mount ({0}, {1}, {2}) roll {3} pitch {4} yaw {5} deg")
    @CsvSource({
        "1.2,  0.0,  1.8,  0,  0,   0",
        "0.0,  0.0,  1.73, 0,  0,   0",
        "1.0,  0.3,  2.0,  0,  0,   30",
        "1.5, -0.2,  1.9,  0,  3,   0",      // pitched 3 deg down
        "-0.5, 0.0,  2.5,  2,  0,   180",    // facing backwards, rolled 2 deg
        "0.8,  0.1,  1.6,  1, -2,  -45",
    })
    void mountPoseIsApplied(double x, double y, double z, double rollDeg, double pitchDeg, double yawDeg) {
        MountPose mount = new MountPose(x, y, z, Math.toRadians(rollDeg), Math.toRadians(pitchDeg),
                Math.toRadians(yawDeg));
        List<double[]> box = box();
        List<double[]> scene = ground((px, py) -> 0.0);
        scene.addAll(box);
        ObstacleScan scan = GroundSegmenter.segmentOnce(CONFIG, toLidar(scene, mount), mount);
        assertEquals(x, scan.sensorXMeters(), 1e-12);
        assertEquals(y, scan.sensorYMeters(), 1e-12);
        assertTrue(scan.obstacleCount() > 0);
        for (int i = 0; i < scan.obstacleCount(); i++) {
            assertTrue(inBox(scan.obstacleX(i), scan.obstacleY(i), scan.obstacleZ(i)), "obstacle point ("
                    + scan.obstacleX(i) + ", " + scan.obstacleY(i) + ", " + scan.obstacleZ(i) + ") is not on the box");
        }
        assertBoxCount(box, scan);
    }

    @Test
    void obstaclesHigherThanMaxHeightAreIgnored() {
        List<double[]> scene = ground((x, y) -> 0.0);
        scene.add(new double[] {15, 0, 3.0});   // a gantry 3 m up: above obstacleMaxHeightMeters 2.5
        scene.add(new double[] {15, 3, 2.0});   // a sign 2 m up: an obstacle
        ObstacleScan scan = GroundSegmenter.segmentOnce(CONFIG, toLidar(scene, DEFAULT_MOUNT), DEFAULT_MOUNT);
        assertEquals(1, scan.obstacleCount());
        assertEquals(3.0, scan.obstacleY(0), 1e-5);
    }

    /**
     * Ground is laid out straight ahead to 85 m: the filter lets the ground estimate rise by the slope times the
     * distance since the last ground return, so a lone raised point after a long stretch without ground would be
     * taken for a climbing road.
     */
    @Test
    void pointsBeyondMaxRangeAreIgnored() {
        List<double[]> scene = new ArrayList<>();
        for (double x = 4; x < 85; x += 0.25) {
            scene.add(new double[] {x, 0.01, 0.0});
        }
        scene.add(new double[] {1.2 + 79.0, 0, 1.0});
        scene.add(new double[] {1.2 + 81.0, 0, 1.0});
        ObstacleScan scan = GroundSegmenter.segmentOnce(CONFIG, toLidar(scene, DEFAULT_MOUNT), DEFAULT_MOUNT);
        assertEquals(1, scan.obstacleCount());
        assertEquals(80.2, scan.obstacleX(0), 1e-4);
    }

    @Test
    void segmenterIsReusableAcrossSweeps() {
        GroundSegmenter segmenter = new GroundSegmenter(CONFIG);
        ObstacleScan scan = new ObstacleScan(CONFIG.azimuthBins(), 200_000);
        List<double[]> withBox = ground((x, y) -> 0.0);
        withBox.addAll(box());
        segmenter.segment(toLidar(withBox, DEFAULT_MOUNT), DEFAULT_MOUNT, scan);
        assertTrue(scan.obstacleCount() > 0);
        segmenter.segment(toLidar(ground((x, y) -> 0.0), DEFAULT_MOUNT), DEFAULT_MOUNT, scan);
        assertEquals(0, scan.obstacleCount(), "nothing left over from the previous sweep");
        assertTrue(Float.isInfinite(scan.nearestObstacleMeters(scan.binOf(1, 0))));
    }
}
