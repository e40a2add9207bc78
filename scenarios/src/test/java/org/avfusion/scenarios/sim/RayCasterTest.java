package org.avfusion.scenarios.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.scenarios.sim.render.LidarSweepRenderer;
import org.avfusion.scenarios.sim.render.Material;
import org.avfusion.scenarios.sim.render.OrientedBoxes;
import org.avfusion.scenarios.sim.render.RayCaster;
import org.avfusion.scenarios.sim.render.SceneView;
import org.avfusion.scenarios.sim.world.Road;
import org.junit.jupiter.api.Test;

class RayCasterTest {
    private static final long SEED = 0x5EED_CA57L;
    private static final double MAX_RANGE = 100;

    @Test
    void slabTestAgreesWithBruteForceFacePlanesOnRandomBoxesAndRays() {
        SplittableRandom rng = new SplittableRandom(SEED);
        int checkedHits = 0;
        for (int scene = 0; scene < 50; scene++) {
            OrientedBoxes boxes = randomBoxes(rng, 25);
            RayCaster caster = new RayCaster(boxes);
            for (int ray = 0; ray < 400; ray++) {
                double ox = rng.nextDouble(-40, 40);
                double oy = rng.nextDouble(-40, 40);
                double oz = rng.nextDouble(0.2, 4);
                if (insideAny(boxes, ox, oy, oz)) {
                    continue;
                }
                double[] d = randomUnit(rng);
                double fast = caster.castRay(ox, oy, oz, d[0], d[1], d[2], MAX_RANGE);
                int fastHit = caster.lastHitBox();
                double[] slow = bruteForce(boxes, ox, oy, oz, d[0], d[1], d[2]);
                String where = "seed " + SEED + ", scene " + scene + ", ray " + ray;
                if (slow[0] == Double.POSITIVE_INFINITY) {
                    assertEquals(Double.POSITIVE_INFINITY, fast, where);
                } else {
                    assertEquals(slow[0], fast, 1e-9, where);
                    assertEquals((int) slow[1], fastHit, where);
                    checkedHits++;
                }
            }
        }
        assertTrue(checkedHits > 5_000, "too few hits to mean anything: " + checkedHits);
    }

    @Test
    void columnCullKeepsEveryBoxTheFullCastWouldHit() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int scene = 0; scene < 50; scene++) {
            OrientedBoxes boxes = randomBoxes(rng, 25);
            RayCaster full = new RayCaster(boxes);
            RayCaster culled = new RayCaster(boxes);
            for (int column = 0; column < 100; column++) {
                double ox = rng.nextDouble(-40, 40);
                double oy = rng.nextDouble(-40, 40);
                double oz = rng.nextDouble(0.2, 4);
                if (insideAny(boxes, ox, oy, oz)) {
                    continue;
                }
                double azimuth = rng.nextDouble(-Math.PI, Math.PI);
                culled.selectColumn(ox, oy, Math.cos(azimuth), Math.sin(azimuth), MAX_RANGE);
                for (int beam = 0; beam < 32; beam++) {
                    double el = Math.toRadians(-25 + 40.0 * beam / 31);
                    double dx = Math.cos(el) * Math.cos(azimuth);
                    double dy = Math.cos(el) * Math.sin(azimuth);
                    double dz = Math.sin(el);
                    double expected = full.castRay(ox, oy, oz, dx, dy, dz, MAX_RANGE);
                    double actual = culled.castColumnRay(ox, oy, oz, dx, dy, dz, MAX_RANGE);
                    assertEquals(expected, actual, 0.0, "seed " + (SEED + 1) + ", scene " + scene + ", column " + column
                            + ", beam " + beam);
                    assertEquals(full.lastHitBox(), culled.lastHitBox());
                }
            }
        }
    }

    @Test
    void beamStraightAheadHitsBoxAtItsDistance() {
        double rangeMeters = 20.0;
        MountPose mount = MountPose.at(1.2, 0, 1.0);
        OrientedBoxes boxes = new OrientedBoxes(1);
        // near face of the box exactly rangeMeters ahead of the lidar, which sits on a parked ego at the origin
        SceneView scene = stillScene(b -> b.set(0, 1.2 + rangeMeters + 0.5, 0, 1.0, 0, 1.0, 2.0, 2.0, Material.WALL));
        LidarSweepRenderer lidar = new LidarSweepRenderer(3, 360, -1, 1, 100, 0.01, 100_000_000L, mount, scene, boxes);
        PointCloud cloud = new PointCloud(lidar.maxPoints());
        lidar.render(0, new SplittableRandom(SEED), cloud);
        int found = 0;
        for (int i = 0; i < cloud.size(); i++) {
            if (cloud.timeOffsetNanos(i) == 0 && cloud.ring(i) == 1) {
                assertEquals(rangeMeters, cloud.x(i), 0.05, "x of the straight-ahead return");
                assertEquals(0, cloud.y(i), 1e-3);
                assertEquals(0, cloud.z(i), 1e-3);
                assertEquals(Material.WALL.lidarIntensity(), cloud.intensity(i));
                found++;
            }
        }
        assertEquals(1, found, "one return for the straight-ahead beam");
    }

    @Test
    void noReturnBeyondMaxRange() {
        OrientedBoxes boxes = new OrientedBoxes(1);
        SceneView scene = stillScene(b -> b.set(0, 61.2, 0, 1.0, 0, 1.0, 2.0, 2.0, Material.WALL));
        LidarSweepRenderer lidar = new LidarSweepRenderer(1, 36, 0, 0, 50, 0.0, 100_000_000L,
                MountPose.at(1.2, 0, 1.0), scene, boxes);
        PointCloud cloud = new PointCloud(lidar.maxPoints());
        lidar.render(0, new SplittableRandom(SEED), cloud);
        assertEquals(0, cloud.size(), "a horizontal beam sees neither the ground nor a box 60 m away at 50 m range");
    }

    private interface BoxWriter {
        void write(OrientedBoxes boxes);
    }

    private static SceneView stillScene(BoxWriter writer) {
        Road road = new Road(-50, 0, 0, 7, new double[] {200}, new double[] {0});
        return new SceneView() {
            @Override
            public Road road() {
                return road;
            }

            @Override
            public void egoPose(long vehicleNanos, double[] out) {
                out[0] = 0;
                out[1] = 0;
                out[2] = 0;
            }

            @Override
            public void updateBoxes(long vehicleNanos, OrientedBoxes boxes) {
                writer.write(boxes);
            }
        };
    }

    private static OrientedBoxes randomBoxes(SplittableRandom rng, int n) {
        OrientedBoxes boxes = new OrientedBoxes(n);
        for (int i = 0; i < n; i++) {
            double h = rng.nextDouble(0.3, 3);
            boxes.set(i, rng.nextDouble(-30, 30), rng.nextDouble(-30, 30), h / 2 + rng.nextDouble(0, 0.5),
                    rng.nextDouble(-Math.PI, Math.PI), rng.nextDouble(0.3, 6), rng.nextDouble(0.3, 3), h,
                    Material.CAR);
        }
        return boxes;
    }

    private static double[] randomUnit(SplittableRandom rng) {
        double x;
        double y;
        double z;
        double n;
        do {
            x = rng.nextDouble(-1, 1);
            y = rng.nextDouble(-1, 1);
            z = rng.nextDouble(-0.6, 0.4);
            n = Math.sqrt(x * x + y * y + z * z);
        } while (n < 0.1);
        return new double[] {x / n, y / n, z / n};
    }

    private static double[] local(OrientedBoxes b, int i, double x, double y, double z) {
        double px = x - b.centreX(i);
        double py = y - b.centreY(i);
        return new double[] {b.cosYaw(i) * px + b.sinYaw(i) * py, -b.sinYaw(i) * px + b.cosYaw(i) * py,
            z - b.centreZ(i)};
    }

    private static boolean insideAny(OrientedBoxes b, double x, double y, double z) {
        for (int i = 0; i < b.size(); i++) {
            double[] p = local(b, i, x, y, z);
            if (Math.abs(p[0]) <= b.halfLength(i) && Math.abs(p[1]) <= b.halfWidth(i)
                    && Math.abs(p[2]) <= b.halfHeight(i)) {
                return true;
            }
        }
        return false;
    }

    /** Reference: intersect the ray with each face plane of each box and keep points inside the face. */
    private static double[] bruteForce(OrientedBoxes b, double ox, double oy, double oz, double dx, double dy,
            double dz) {
        double best = dz < 0 ? -oz / dz : Double.POSITIVE_INFINITY;
        double hit = RayCaster.GROUND;
        if (best > MAX_RANGE) {
            best = Double.POSITIVE_INFINITY;
            hit = RayCaster.NOTHING;
        }
        for (int i = 0; i < b.size(); i++) {
            double[] o = local(b, i, ox, oy, oz);
            double[] d = {b.cosYaw(i) * dx + b.sinYaw(i) * dy, -b.sinYaw(i) * dx + b.cosYaw(i) * dy, dz};
            double[] half = {b.halfLength(i), b.halfWidth(i), b.halfHeight(i)};
            for (int axis = 0; axis < 3; axis++) {
                if (d[axis] == 0) {
                    continue;
                }
                for (int sign = -1; sign <= 1; sign += 2) {
                    double t = (sign * half[axis] - o[axis]) / d[axis];
                    if (t <= 0 || t > MAX_RANGE || t >= best) {
                        continue;
                    }
                    boolean inside = true;
                    for (int other = 0; other < 3; other++) {
                        if (other != axis && Math.abs(o[other] + t * d[other]) > half[other] + 1e-12) {
                            inside = false;
                        }
                    }
                    if (inside) {
                        best = t;
                        hit = i;
                    }
                }
            }
        }
        return new double[] {best, hit};
    }
}
