package org.avfusion.runtime.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
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
 * The fusion on a synthetic scene: a flat road 1.73 m under the lidar, a person (0.4 x 0.6 x 1.7 m at x = 11.4)
 * standing 0.1 m beside a fence (y from 0.4 to 6 m) so that the two form one cluster, a lone post at (15, -4) and a
 * one-voxel speck at (20, 5); an ideal 1242 x 375 camera looking along the lidar's x axis (fx = fy = 700).
 */
class RoiClusterFusionTest {
    private static final int W = 1242;
    private static final int H = 375;
    private static final double GROUND_Z = -1.73;
    private static final PointProjector CAMERA = new PointProjector(
            RigidTransform.of(new double[] {0, -1, 0, 0, 0, -1, 1, 0, 0}, 0, 0, 0),
            new CameraIntrinsics(700, 700, 620, 187, W, H, DistortionCoefficients.NONE));

    private final PointCloud cloud = new PointCloud(200_000);
    private final ObstacleClusters clusters = new ObstacleClusters();
    private final LidarDepthImage depth = new LidarDepthImage(W, H, 200_000);
    private final FusedObjects out = new FusedObjects(256);

    RoiClusterFusionTest() {
        for (double x = 3; x <= 30; x += 0.3) {
            for (double y = -10; y <= 10; y += 0.3) {
                add(x, y, GROUND_Z);
            }
        }
        solid(11.2, 11.6, -0.3, 0.3, GROUND_Z + 0.1, 0.0);      // person
        solid(11.3, 11.5, 0.4, 6.0, GROUND_Z + 0.1, -0.6);      // fence beside them
        solid(14.9, 15.1, -4.1, -3.9, GROUND_Z + 0.1, 0.5);     // post
        for (int i = 0; i < 10; i++) {
            add(20.02, 5.02, 0.02);                             // a speck: one voxel of 10 points
        }
        new LidarObstaclePipeline(ClusterConfig.DEFAULTS).process(cloud, GroundPrior.level(1.73), clusters);
        depth.render(CAMERA, cloud);
    }

    private void add(double x, double y, double z) {
        cloud.add((float) x, (float) y, (float) z, 0f, 0, 0);
    }

    private void solid(double x0, double x1, double y0, double y1, double z0, double z1) {
        for (double x = x0; x <= x1 + 1e-9; x += 0.05) {
            for (double y = y0; y <= y1 + 1e-9; y += 0.05) {
                for (double z = z0; z <= z1 + 1e-9; z += 0.05) {
                    add(x, y, z);
                }
            }
        }
    }

    /** The image box of a lidar-frame box (corners projected), as a detection of COCO class {@code coco}. */
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

    private int objectNear(double x, double y, double within) {
        int found = -1;
        for (int i = 0; i < out.size(); i++) {
            if (Math.hypot(out.xMeters(i) - x, out.yMeters(i) - y) < within) {
                assertEquals(-1, found, "two objects near (" + x + ", " + y + ")");
                found = i;
            }
        }
        assertTrue(found >= 0, "no object near (" + x + ", " + y + ")");
        return found;
    }

    @Test
    void theSceneHasThreeClustersOneOfThemASingleVoxel() {
        assertEquals(3, clusters.size(), "person+fence, post, speck");
    }

    @Test
    void aDetectionSplitsThePersonOffTheFenceWithEitherMethod() {
        for (AssociationMethod method : AssociationMethod.values()) {
            DetectionList d = new DetectionList(8);
            detect(d, 11.2, 11.6, -0.3, 0.3, GROUND_Z, 0.0, 0.9f, 0);
            new RoiClusterFusion(FusionConfig.DEFAULTS.withMethod(method)).fuse(clusters, d, CAMERA,
                    depth.sparseDepthMeters(), null, out);
            assertEquals(1, out.splits(), method.toString());
            assertEquals(4, out.size(), method + ": person, fence, post, speck");
            int person = objectNear(11.4, 0.0, 0.25);
            assertEquals(ObjectClass.PEDESTRIAN, out.objectClass(person), method.toString());
            assertEquals(Set.of(Modality.LIDAR, Modality.CAMERA), out.get(person).modalities());
            assertTrue(out.lengthMeters(person) < 0.9 && out.heightMeters(person) > 1.3, out.get(person).toString());
            int fence = objectNear(11.4, 3.2, 0.5);
            assertEquals(ObjectClass.UNKNOWN, out.objectClass(fence));
            assertEquals(5.6, out.lengthMeters(fence), 0.2, "the fence is refitted without the person");
            assertEquals(Set.of(Modality.LIDAR), out.get(fence).modalities());
            assertEquals(ObjectClass.UNKNOWN, out.objectClass(objectNear(15, -4, 0.3)));
            assertEquals(1, out.degenerateClusters());
        }
    }

    @Test
    void aDetectionOnAClusterGivesItsClassAndOtherClustersStayUnknown() {
        DetectionList d = new DetectionList(8);
        detect(d, 14.9, 15.1, -4.1, -3.9, GROUND_Z, 0.5, 0.7f, 2); // the post, "seen" as a car
        new RoiClusterFusion(FusionConfig.DEFAULTS).fuse(clusters, d, CAMERA, depth.sparseDepthMeters(), null, out);
        assertEquals(1, out.matched());
        int post = objectNear(15, -4, 0.3);
        assertEquals(ObjectClass.VEHICLE, out.objectClass(post));
        assertEquals(0.7f, out.score(post));
        for (int i = 0; i < out.size(); i++) {
            if (i != post) {
                assertEquals(ObjectClass.UNKNOWN, out.objectClass(i), out.get(i).toString());
                assertEquals(0f, out.score(i));
            }
        }
    }

    @Test
    void aPersonAndABicycleOnOneClusterAreACyclist() {
        DetectionList d = new DetectionList(8);
        detect(d, 14.9, 15.1, -4.1, -3.9, GROUND_Z, 0.5, 0.8f, 0);   // person
        detect(d, 14.9, 15.1, -4.15, -3.85, GROUND_Z, 0.0, 0.6f, 1); // bicycle, lower
        new RoiClusterFusion(FusionConfig.DEFAULTS).fuse(clusters, d, CAMERA, depth.sparseDepthMeters(), null, out);
        assertEquals(1, out.riderMerges());
        assertEquals(ObjectClass.CYCLIST, out.objectClass(objectNear(15, -4, 0.3)));
        assertEquals(4, out.size() + 1, "no extra object for the bicycle");
    }

    @Test
    void aDetectionWithoutLidarIsPlacedByTheModelDepth() {
        DetectionList d = new DetectionList(8);
        // a box in the sky-free left of the image where no lidar point lands: model depth 25 m
        d.add(100, 150, 140, 230, 0.9f, 0);
        float[] model = new float[W * H];
        java.util.Arrays.fill(model, Float.NaN);
        for (int v = 150; v <= 230; v++) {
            for (int u = 100; u <= 140; u++) {
                model[v * W + u] = 25f;
            }
        }
        new RoiClusterFusion(FusionConfig.DEFAULTS).fuse(clusters, d, CAMERA, null, model, out);
        assertEquals(1, out.depthPlaced());
        int i = out.size() - 1;
        assertEquals(ObjectClass.PEDESTRIAN, out.objectClass(i));
        assertEquals(Set.of(Modality.CAMERA, Modality.DEPTH_MODEL), out.get(i).modalities());
        assertEquals(25, out.xMeters(i), 1e-3);
        assertEquals((620 - 120) * 25 / 700.0, out.yMeters(i), 1e-3);
        assertEquals(40 * 25 / 700.0, out.widthMeters(i), 1e-3);
        // without any depth: counted, no object
        new RoiClusterFusion(FusionConfig.DEFAULTS).fuse(clusters, d, CAMERA, null, null, out);
        assertEquals(1, out.detectionsWithoutDepth());
        assertEquals(3, out.size());
    }

    @Test
    void withoutLidarADetectionIsPlacedByTheFlatGroundRangeOfItsBottomEdge() {
        // lidar dropout: no clusters, no lidar depth; a car 1.8 m wide standing on the road 20 m ahead
        ObstacleClusters none = new ObstacleClusters();
        DetectionList d = new DetectionList(8);
        detect(d, 20, 24.5, -0.9, 0.9, GROUND_Z, GROUND_Z + 1.5, 0.9f, 2);
        RoiClusterFusion fusion = new RoiClusterFusion(FusionConfig.DEFAULTS);
        fusion.fuse(none, d, CAMERA, null, null, GroundPrior.level(1.73), out);
        assertEquals(1, out.size());
        assertEquals(1, out.groundPlanePlaced());
        assertEquals(Set.of(Modality.CAMERA, Modality.GROUND_PLANE), out.get(0).modalities());
        assertEquals(ObjectClass.VEHICLE, out.objectClass(0));
        assertEquals(20, out.xMeters(0), 0.05, "the near end's range, from the box's bottom row alone");
        assertEquals(0, out.yMeters(0), 0.05);
        assertEquals(1.8, out.widthMeters(0), 0.05);
        // the model's depth comes first where there is one
        float[] model = new float[W * H];
        java.util.Arrays.fill(model, 21f);
        fusion.fuse(none, d, CAMERA, null, model, GroundPrior.level(1.73), out);
        assertEquals(Set.of(Modality.CAMERA, Modality.DEPTH_MODEL), out.get(0).modalities());
        assertEquals(0, out.groundPlanePlaced());
        // a box cut by the image's bottom border has its contact point out of view: counted, not placed
        DetectionList cut = new DetectionList(8);
        cut.add(500, 250, 740, H - 1, 0.9f, 2);
        fusion.fuse(none, cut, CAMERA, null, null, GroundPrior.level(1.73), out);
        assertEquals(0, out.size());
        assertEquals(1, out.groundPlaneCut());
        assertEquals(1, out.detectionsWithoutDepth());
        // with the ground-plane range off (0 m), no object either
        new RoiClusterFusion(new FusionConfig(0.3, AssociationMethod.HUNGARIAN, 0.3, 1.0, 3, 256, 1024,
                FusionConfig.DEFAULTS.depth(), 1 << 16, 0, DepthModelConfig.NONE, true))
                .fuse(none, d, CAMERA, null, null, GroundPrior.level(1.73), out);
        assertEquals(0, out.size());
        assertEquals(1, out.detectionsWithoutDepth());
    }

    @Test
    void badDetectionsAreCountedNotThrown() {
        DetectionList d = new DetectionList(8);
        d.add(Float.NaN, 10, 20, 30, 0.9f, 0);        // invalid
        d.add(2000, 10, 2100, 30, 0.9f, 0);           // right of the image
        d.add(-50, 100, 30, 200, 0.9f, 2);            // reaches out on the left: clipped
        d.add(600, 100, 640, 200, 0.9f, 9);           // a traffic light: no road object
        d.add(600, 100, 640, 200, 0.1f, 0);           // under the least score
        new RoiClusterFusion(FusionConfig.DEFAULTS).fuse(clusters, d, CAMERA, depth.sparseDepthMeters(), null, out);
        assertEquals(1, out.detectionsInvalid());
        assertEquals(1, out.detectionsOutsideImage());
        assertEquals(1, out.detectionsClipped());
        assertEquals(2, out.detectionsIgnored());
    }

    @Test
    void withoutACameraTransformEveryObjectIsLidarOnly() {
        DetectionList d = new DetectionList(8);
        detect(d, 14.9, 15.1, -4.1, -3.9, GROUND_Z, 0.5, 0.7f, 2);
        new RoiClusterFusion(FusionConfig.DEFAULTS).fuse(clusters, d, null, depth.sparseDepthMeters(), null, out);
        assertTrue(out.cameraMissing());
        assertEquals(3, out.size());
        for (int i = 0; i < out.size(); i++) {
            assertEquals(ObjectClass.UNKNOWN, out.objectClass(i));
            assertEquals(Modality.LIDAR.bit(), out.modalityMask(i));
        }
    }

    @Test
    void rejectsImpossibleSettingsNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FusionConfig.DEFAULTS.withMinScore(1.5));
        assertTrue(e.getMessage().contains("fusion.minScore"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FusionConfig(0, AssociationMethod.GREEDY, 0.3, 1,
                3, 10, 10, org.avfusion.runtime.perceive.depth.DetectionDepthConfig.DEFAULT, 100));
        assertTrue(e.getMessage().contains("fusion.minIou"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AssociationMethod.parse("nearest"));
        assertTrue(e.getMessage().contains("nearest"), e.getMessage());
    }
}
