package org.avfusion.runtime.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.perceive.depth.LidarDepthImage;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import org.junit.jupiter.api.Test;

/**
 * Two detection boxes that overlap in the image at different depths (pedestrian-between-parked-cars): a person
 * (0.4 x 0.6 x 1.7 m) stands at x = 10 m in front of a row of two parked cars 0.3 m apart (x 13 to 17.5 and 17.8 to
 * 22.3 m, one cluster: its image box is far wider than either car's, so no car matches it on IoU), the person's box
 * nested in the near car's. The near car's box used to take its depth from the nearest significant mode in it, the
 * person, and split the person's points off into a vehicle; the smaller box now wins the points at its depth and the
 * larger box's depth skips them. Same synthetic camera as {@link RoiClusterFusionTest}.
 */
class OverlappingBoxesSplitTest {
    private static final int W = 1242;
    private static final int H = 375;
    private static final double GROUND_Z = -1.73;
    private static final PointProjector CAMERA = new PointProjector(
            RigidTransform.of(new double[] {0, -1, 0, 0, 0, -1, 1, 0, 0}, 0, 0, 0),
            new CameraIntrinsics(700, 700, 620, 187, W, H, DistortionCoefficients.NONE));

    private final PointCloud cloud = new PointCloud(400_000);
    private final ObstacleClusters clusters = new ObstacleClusters();
    private final LidarDepthImage depth = new LidarDepthImage(W, H, 400_000);
    private final FusedObjects out = new FusedObjects(256);

    OverlappingBoxesSplitTest() {
        for (double x = 3; x <= 30; x += 0.3) {
            for (double y = -8; y <= 8; y += 0.3) {
                cloud.add((float) x, (float) y, (float) GROUND_Z, 0f, 0, 0);
            }
        }
        solid(9.8, 10.2, -0.5, 0.1, GROUND_Z + 0.1, GROUND_Z + 1.7);    // person
        solid(13.0, 17.5, -1.6, 0.2, GROUND_Z + 0.1, GROUND_Z + 1.5);   // near parked car
        solid(17.8, 22.3, -1.6, 0.2, GROUND_Z + 0.1, GROUND_Z + 1.5);   // far parked car
        new LidarObstaclePipeline(ClusterConfig.DEFAULTS).process(cloud, GroundPrior.level(1.73), clusters);
        depth.render(CAMERA, cloud);
    }

    private void solid(double x0, double x1, double y0, double y1, double z0, double z1) {
        // the visible faces only (rear and left side), as a lidar sees them
        for (double y = y0; y <= y1 + 1e-9; y += 0.05) {
            for (double z = z0; z <= z1 + 1e-9; z += 0.05) {
                cloud.add((float) x0, (float) y, (float) z, 0f, 0, 0);
            }
        }
        for (double x = x0; x <= x1 + 1e-9; x += 0.05) {
            for (double z = z0; z <= z1 + 1e-9; z += 0.05) {
                cloud.add((float) x, (float) y1, (float) z, 0f, 0, 0);
            }
        }
    }

    private static void detect(DetectionList list, double x0, double x1, double y0, double y1, double z0, double z1,
            float score, int coco) {
        float u0 = Float.MAX_VALUE, v0 = Float.MAX_VALUE, u1 = -Float.MAX_VALUE, v1 = -Float.MAX_VALUE;
        double[] p = new double[3];
        for (double x : new double[] {x0, x1}) {
            for (double y : new double[] {y0, y1}) {
                for (double z : new double[] {z0, z1}) {
                    assertTrue(CAMERA.projectPoint(x, y, z, p));
                    u0 = Math.min(u0, (float) p[0]);
                    u1 = Math.max(u1, (float) p[0]);
                    v0 = Math.min(v0, (float) p[1]);
                    v1 = Math.max(v1, (float) p[1]);
                }
            }
        }
        list.add(u0, v0, u1, v1, score, coco);
    }

    private String describe() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < out.size(); i++) {
            s.append(out.get(i)).append('\n');
        }
        return s.toString();
    }

    @Test
    void thePersonAndTheRowOfCarsAreTwoClusters() {
        assertEquals(2, clusters.size(), "the person, and the two cars merged into one");
    }

    @Test
    void theNestedPersonKeepsTheirPointsAndTheCarTakesItsOwnDepth() {
        for (boolean personFirst : new boolean[] {true, false}) {
            DetectionList d = new DetectionList(8);
            if (personFirst) {
                detect(d, 9.8, 10.2, -0.5, 0.1, GROUND_Z, GROUND_Z + 1.7, 0.9f, 0);
            }
            detect(d, 13.0, 17.5, -1.6, 0.2, GROUND_Z, GROUND_Z + 1.5, 0.9f, 2);
            detect(d, 17.8, 22.3, -1.6, 0.2, GROUND_Z, GROUND_Z + 1.5, 0.9f, 2);
            if (!personFirst) {
                detect(d, 9.8, 10.2, -0.5, 0.1, GROUND_Z, GROUND_Z + 1.7, 0.9f, 0);
            }
            new RoiClusterFusion(FusionConfig.DEFAULTS).fuse(clusters, d, CAMERA, depth.sparseDepthMeters(), null, out);
            String all = describe();
            int person = -1;
            for (int i = 0; i < out.size(); i++) {
                double dist = Math.hypot(out.xMeters(i) - 10.0, out.yMeters(i) + 0.2);
                if (dist <= 1.0) {
                    assertEquals(ObjectClass.PEDESTRIAN, out.objectClass(i), "no other class within 1 m of the "
                            + "person (person listed " + (personFirst ? "first" : "last") + "):\n" + all);
                    person = i;
                }
            }
            assertTrue(person >= 0, "the person is an object:\n" + all);
            assertTrue(out.modalityMask(person) == (Modality.LIDAR.bit() | Modality.CAMERA.bit()),
                    "the person has their lidar points:\n" + all);
            boolean nearCar = false;
            for (int i = 0; i < out.size(); i++) {
                if (out.objectClass(i) == ObjectClass.VEHICLE && out.xMeters(i) > 12.5 && out.xMeters(i) < 18) {
                    nearCar = true;
                }
            }
            assertTrue(nearCar, "the near car is a vehicle at its own depth:\n" + all);
        }
    }

    /**
     * A frame where the person's detection was missed, and the car behind them touches a 3 m wall (one cluster, far
     * larger in the image than the car: no IoU match): the car's box has the person as its nearest depth mode, but the
     * members at that depth span less than half its width (0.7 m of 1.5 m at 12 m): they stand before it, so the car is not placed at the
     * person's depth and the person stays unknown.
     */
    @Test
    void aCarWhoseDepthModeIsANarrowerOccluderLeavesItAlone() {
        PointCloud c = new PointCloud(400_000);
        for (double x = 3; x <= 30; x += 0.3) {
            for (double y = -8; y <= 8; y += 0.3) {
                c.add((float) x, (float) y, (float) GROUND_Z, 0f, 0, 0);
            }
        }
        for (double x = 11.8; x <= 12.2 + 1e-9; x += 0.05) { // the person, 0.8 m before the car
            for (double y = -0.5; y <= 0.1 + 1e-9; y += 0.05) {
                for (double z = GROUND_Z + 0.1; z <= GROUND_Z + 1.7 + 1e-9; z += 0.05) {
                    c.add((float) x, (float) y, (float) z, 0f, 0, 0);
                }
            }
        }
        for (double y = -1.6; y <= 0.2 + 1e-9; y += 0.05) {
            for (double z = GROUND_Z + 0.1; z <= GROUND_Z + 1.5 + 1e-9; z += 0.05) {
                c.add(13f, (float) y, (float) z, 0f, 0, 0);
            }
        }
        for (double y = -6; y <= 6 + 1e-9; y += 0.05) {
            for (double z = GROUND_Z + 0.1; z <= GROUND_Z + 3 + 1e-9; z += 0.05) {
                c.add(13.2f, (float) y, (float) z, 0f, 0, 0); // the wall the car's front touches
            }
        }
        ObstacleClusters wall = new ObstacleClusters();
        new LidarObstaclePipeline(ClusterConfig.DEFAULTS).process(c, GroundPrior.level(1.73), wall);
        assertEquals(2, wall.size(), "the person, and the car with the wall");
        LidarDepthImage img = new LidarDepthImage(W, H, 400_000);
        img.render(CAMERA, c);
        DetectionList d = new DetectionList(8);
        detect(d, 13.0, 17.5, -1.6, 0.2, GROUND_Z, GROUND_Z + 1.5, 0.9f, 2);
        new RoiClusterFusion(FusionConfig.DEFAULTS).fuse(wall, d, CAMERA, img.sparseDepthMeters(), null, out);
        String all = describe();
        for (int i = 0; i < out.size(); i++) {
            if (Math.hypot(out.xMeters(i) - 12.0, out.yMeters(i) + 0.2) <= 0.7) {
                assertEquals(ObjectClass.UNKNOWN, out.objectClass(i), "the person is never a vehicle:\n" + all);
            }
        }
        assertEquals(1, out.occluderDepths(), all);
    }

    @Test
    void aPersonBesideACarInOneClusterWinsThePointsAtTheirDepth() {
        ObstacleClusters merged = new ObstacleClusters();
        PointCloud c = new PointCloud(400_000);
        for (double x = 3; x <= 30; x += 0.3) {
            for (double y = -8; y <= 8; y += 0.3) {
                c.add((float) x, (float) y, (float) GROUND_Z, 0f, 0, 0);
            }
        }
        // a car whose rear is at 12 m; the person stands 0.15 m to its left at 12.3 m: one cluster
        for (double y = -1.6; y <= 0.2 + 1e-9; y += 0.05) {
            for (double z = GROUND_Z + 0.1; z <= GROUND_Z + 1.5 + 1e-9; z += 0.05) {
                c.add(12f, (float) y, (float) z, 0f, 0, 0);
            }
        }
        for (double x = 12; x <= 16.5 + 1e-9; x += 0.05) {
            for (double z = GROUND_Z + 0.1; z <= GROUND_Z + 1.5 + 1e-9; z += 0.05) {
                c.add((float) x, 0.2f, (float) z, 0f, 0, 0);
            }
        }
        for (double x = 12.1; x <= 12.5 + 1e-9; x += 0.05) {
            for (double y = 0.35; y <= 0.95 + 1e-9; y += 0.05) {
                for (double z = GROUND_Z + 0.1; z <= GROUND_Z + 1.75 + 1e-9; z += 0.05) {
                    c.add((float) x, (float) y, (float) z, 0f, 0, 0);
                }
            }
        }
        new LidarObstaclePipeline(ClusterConfig.DEFAULTS).process(c, GroundPrior.level(1.73), merged);
        assertEquals(1, merged.size(), "car and person are one cluster");
        LidarDepthImage img = new LidarDepthImage(W, H, 400_000);
        img.render(CAMERA, c);
        DetectionList d = new DetectionList(8);
        detect(d, 12.0, 16.5, -1.6, 0.2, GROUND_Z, GROUND_Z + 1.5, 0.9f, 2);
        detect(d, 12.1, 12.5, 0.35, 0.95, GROUND_Z, GROUND_Z + 1.75, 0.9f, 0);
        new RoiClusterFusion(FusionConfig.DEFAULTS).fuse(merged, d, CAMERA, img.sparseDepthMeters(), null, out);
        String all = describe();
        int persons = 0;
        for (int i = 0; i < out.size(); i++) {
            double dist = Math.hypot(out.xMeters(i) - 12.3, out.yMeters(i) - 0.65);
            if (dist <= 0.5) {
                assertEquals(ObjectClass.PEDESTRIAN, out.objectClass(i), all);
                persons++;
            }
        }
        assertEquals(1, persons, "one pedestrian where the person stands:\n" + all);
    }
}
