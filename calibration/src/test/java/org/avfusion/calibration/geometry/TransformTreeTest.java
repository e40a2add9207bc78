package org.avfusion.calibration.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TransformTreeTest {

    private static final RigidTransform LIDAR = RigidTransform.translation(1.2, 0, 1.8);
    private static final RigidTransform CAMERA = RigidTransform.of(
            new double[] {0, 0, 1, -1, 0, 0, 0, -1, 0}, 1.5, 0, 1.4);

    private static TransformTree simRig() {
        return TransformTree.builder("base_link")
                .add("base_link", "lidar_top", LIDAR)
                .add("base_link", "camera_front", CAMERA)
                .build();
    }

    @Test
    void lidarPointInCameraFrame() {
        RigidTransform cameraFromLidar = simRig().lookup("camera_front", "lidar_top");
        double[] p = new double[3];
        // 10 m ahead of the lidar, at lidar height: 0.4 m above the camera, 9.7 m in front of it
        cameraFromLidar.transformPoint(10, 0, 0, p, 0);
        assertArrayEquals(new double[] {0, -0.4, 9.7}, p, 1e-12);
    }

    @Test
    void lookupBothWaysAreInverses() {
        TransformTree t = simRig();
        assertTrue(t.lookup("camera_front", "lidar_top").compose(t.lookup("lidar_top", "camera_front"))
                .approxEquals(RigidTransform.identity(), 1e-12, 1e-12));
        assertEquals(RigidTransform.identity(), t.lookup("lidar_top", "lidar_top"));
    }

    @Test
    void chainsComposeInAnyInsertionOrder() {
        Random rnd = new Random(7);
        RigidTransform a = RigidTransformTest.random(rnd), b = RigidTransformTest.random(rnd);
        TransformTree t = TransformTree.builder("base_link").add("imu", "velodyne", b).add("base_link", "imu", a).build();
        assertTrue(t.lookup("base_link", "velodyne").approxEquals(a.compose(b), 1e-12, 1e-12));
        assertEquals("imu", t.parentOf("velodyne"));
    }

    @Test
    void unknownFrameIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> simRig().lookup("gnss", "lidar_top"));
        assertTrue(e.getMessage().contains("'gnss'"), e.getMessage());
    }

    @Test
    void undefinedParentIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransformTree.builder("base_link").add("roof_rack", "lidar_top", LIDAR).build());
        assertTrue(e.getMessage().contains("'roof_rack'"), e.getMessage());
    }

    @Test
    void cycleIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> TransformTree.builder("base_link")
                .add("b", "a", LIDAR).add("a", "b", LIDAR).build());
    }

    @Test
    void frameGivenTwiceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> TransformTree.builder("base_link")
                .add("base_link", "a", LIDAR).add("base_link", "a", CAMERA));
    }

    @Test
    void badFrameNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> TransformTree.builder("base_link")
                .add("base_link", "Camera Front", CAMERA));
    }
}
