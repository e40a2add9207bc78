package org.avfusion.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RigBinding;
import org.avfusion.runtime.config.RuntimeConfig;
import org.junit.jupiter.api.Test;

/**
 * {@code run --model} on a vehicle: the lidar-to-camera projection that fuses detections with clusters comes from the
 * profile's rig file, as the shipped example names it.
 */
class LiveProjectorTest {
    private static final Path CONFIG = Path.of("../config");

    @Test
    void theExampleVehiclesRigProjectsTheLidarIntoItsCamera() {
        Path file = CONFIG.resolve("vehicle-example.yaml");
        RuntimeConfig config = RigBinding.apply(new ConfigLoader().load(file), CONFIG);
        PointProjector p = LiveJob.liveProjector(config, CONFIG);
        assertNotNull(p, "rigs/sim-rig.yaml has lidar_top and camera_front with intrinsics");
        // 10 m ahead of the lidar (1.2, 0, 1.8 on base_link) at the camera's height (1.4 m): the image centre row
        double[] uv = new double[3];
        assertTrue(p.projectPoint(10.0, 0.0, -0.4, uv), "in front of the camera");
        assertEquals(320.0, uv[0], 1e-6, "straight ahead: the principal point's column");
        assertEquals(180.0, uv[1], 1e-6, "level with the camera: the principal point's row");
    }

    @Test
    void withoutARigDetectionsArePublishedButNotFused() {
        assertNull(LiveJob.liveProjector(RuntimeConfig.defaults(), CONFIG));
    }
}
