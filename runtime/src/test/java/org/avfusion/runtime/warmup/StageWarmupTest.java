package org.avfusion.runtime.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.fusion.RoiClusterFusion;
import org.avfusion.runtime.health.HealthReporter;
import org.avfusion.runtime.output.json.PayloadEncoder;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.perceive.depth.LidarDepthImage;
import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import org.avfusion.runtime.stage.TrackStage;
import org.avfusion.runtime.track.DeadReckoning;
import org.avfusion.runtime.track.KalmanTracker;
import org.avfusion.runtime.track.TrackSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StageWarmupTest {
    private static final RuntimeConfig CONFIG = RuntimeConfig.defaults();
    /** A KITTI-sized camera looking forward from the lidar (x forward: camera z), as in the fusion tests. */
    private static final PointProjector CAMERA = new PointProjector(
            RigidTransform.of(new double[] {0, -1, 0, 0, 0, -1, 1, 0, 0}, 0, 0, 0),
            new CameraIntrinsics(700, 700, 620, 187, 1242, 375, DistortionCoefficients.NONE));

    /** A fresh track stage built as the pipeline builds its own. */
    private static TrackStage trackStage(PointProjector projector) {
        MountPose mount = CONFIG.vehicle().lidarMount().toPose();
        return new TrackStage(new LidarObstaclePipeline(ClusterConfig.DEFAULTS), GroundPrior.level(mount.zMeters()),
                mount, projector, new RoiClusterFusion(CONFIG.fusion()), new KalmanTracker(CONFIG.tracker()),
                new DeadReckoning(), new BufferPool<>("test.tracks",
                        () -> new TrackSnapshot(CONFIG.tracker().maxTracks()), 1, 1));
    }

    /** A track stage built with a depth image (the pipeline's, lent to its warm-up's stage). */
    private static TrackStage trackStage(PointProjector projector, LidarDepthImage depth) {
        MountPose mount = CONFIG.vehicle().lidarMount().toPose();
        return new TrackStage(new LidarObstaclePipeline(ClusterConfig.DEFAULTS), GroundPrior.level(mount.zMeters()),
                mount, projector, new RoiClusterFusion(CONFIG.fusion()), new KalmanTracker(CONFIG.tracker()),
                new DeadReckoning(), new BufferPool<>("test.tracks",
                        () -> new TrackSnapshot(CONFIG.tracker().maxTracks()), 1, 1), null, depth);
    }

    @Test
    void aTrackStageTakesADepthImageOfItsCamerasSizeAndOnlyWithACamera() {
        trackStage(CAMERA, TrackStage.newDepthImage(CAMERA)); // as the pipeline builds it
        IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class,
                () -> trackStage(CAMERA, new LidarDepthImage(640, 480, 10)));
        assertTrue(wrongSize.getMessage().contains("640x480") && wrongSize.getMessage().contains("1242x375"),
                wrongSize.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trackStage(null, TrackStage.newDepthImage(CAMERA)));
        assertThrows(IllegalArgumentException.class, () -> trackStage(CAMERA, null));
    }

    /**
     * The track stage and the publish path are warmed too: the tracker confirms the pedestrian and the car (births,
     * matches, confirmations), the camera association claims clusters when a projector is given, and the encoders
     * write their payloads.
     */
    @ParameterizedTest(name = "camera projector {0}")
    @CsvSource({"false, 0", "true, 1"})
    void warmsTheTrackStageAndThePublishPath(boolean camera, int minCameraMatched) {
        TrackStage track = trackStage(camera ? CAMERA : null);
        List<String> names = List.of("lidar", "camera");
        PayloadEncoder encoder = new PayloadEncoder("warm-test", names, "off");
        int[] healthReports = {0};
        HealthReporter health = new HealthReporter(List.of(h -> {
            healthReports[0]++;
            h.generator().writeNumberField("probe", 1);
        }));
        WarmupReport r = new StageWarmup(CONFIG, 30, 1).run(null, 0, 0,
                new StageWarmup.Stages(track, camera ? CAMERA : null, encoder, health, names));
        assertTrue(r.firstTrackMillis() > 0 && r.lastTrackMillis() > 0, r.consoleLine());
        assertTrue(r.firstPublishMillis() > 0 && r.lastPublishMillis() > 0, r.consoleLine());
        assertTrue(r.encodedBytes() > 30 * 1000, "encoded " + r.encodedBytes() + " bytes");
        assertEquals(30 / StageWarmup.HEALTH_EVERY_SWEEPS, healthReports[0]);
        assertTrue(track.confirmedTrackCount() >= 2, "tracks confirmed: " + track.confirmedTrackCount());
        assertTrue(track.fusedObjectCount() >= 2 * 30 - 10, "fused objects: " + track.fusedObjectCount());
        assertTrue(track.cameraMatchedCount() >= minCameraMatched * 30 / 2,
                "camera matched: " + track.cameraMatchedCount());
        assertTrue(r.consoleLine().contains("; track ") && r.consoleLine().contains("; publish "), r.consoleLine());
    }

    /** The align stage's algorithms as configured: ego filter off, on (the default), on with lidar odometry. */
    @ParameterizedTest(name = "ego filter {0}, lidar odometry {1}")
    @CsvSource({"false, false", "true, false", "true, true"})
    void warmsTheEgoFilterAndLidarOdometryAsConfigured(boolean filter, boolean odometry) {
        RuntimeConfig config = CONFIG.withEgo(CONFIG.ego().withFilterEnabled(filter).withLidarOdometry(odometry));
        WarmupReport r = new StageWarmup(config, 5, 1).run(null, 0, 0);
        assertEquals(5, r.sweeps());
        assertTrue(r.firstSweepMillis() > 0 && r.lastSweepMillis() > 0, r.consoleLine());
    }

    /**
     * A recording's sweeps run after the synthetic ones through odometry, segmentation and the track stage, and are
     * not modified (the replay reads them again from its own source).
     */
    @Test
    void recordedSweepsRunThroughTheLidarAlgorithmsUnchanged() {
        RuntimeConfig config = CONFIG.withEgo(CONFIG.ego().withFilterEnabled(true).withLidarOdometry(true));
        MountPose mount = config.vehicle().lidarMount().toPose();
        List<PointCloud> recorded = new java.util.ArrayList<>();
        for (int k = 0; k < 3; k++) {
            PointCloud cloud = new PointCloud(40_000);
            StageWarmup.fillSweep(cloud, mount.zMeters(), 20 - k, 25 - k);
            recorded.add(cloud);
        }
        float[] before = java.util.Arrays.copyOf(recorded.get(1).xArray(), recorded.get(1).size());
        TrackStage track = trackStage(null);
        WarmupReport r = new StageWarmup(config, 5, 1).run(null, 0, 0,
                new StageWarmup.Stages(track, null, null, null, List.of("lidar")), recorded);
        assertEquals(5 + StageWarmup.RECORDED_SWEEPS, r.sweeps(), r.consoleLine());
        assertTrue(track.fusedObjectCount() > 5 * 2, "the track stage saw the recorded sweeps too: "
                + track.fusedObjectCount());
        assertTrue(java.util.Arrays.equals(before,
                java.util.Arrays.copyOf(recorded.get(1).xArray(), recorded.get(1).size())), "a recorded sweep changed");
    }

    @Test
    void withoutStagesOnlyTheAlgorithmsAreTimed() {
        WarmupReport r = new StageWarmup(CONFIG, 2, 1).run(null, 0, 0);
        assertTrue(Double.isNaN(r.firstTrackMillis()) && Double.isNaN(r.firstPublishMillis()), r.consoleLine());
        assertEquals(0, r.encodedBytes());
    }

    /** The synthetic car is one lidar cluster of about its size, apart from the pedestrian's. */
    @ParameterizedTest(name = "pedestrian at {0} m, car at {1} m")
    @CsvSource({"30, 35", "12, 15", "4, 6"})
    void theSyntheticSceneClustersIntoThePedestrianAndTheCar(double pedestrianX, double carX) {
        MountPose mount = CONFIG.vehicle().lidarMount().toPose();
        PointCloud cloud = new PointCloud(40_000);
        StageWarmup.fillSweep(cloud, mount.zMeters(), pedestrianX, carX);
        ObstacleClusters clusters = LidarObstaclePipeline.detectOnce(ClusterConfig.DEFAULTS, cloud,
                GroundPrior.level(mount.zMeters()));
        assertEquals(2, clusters.size(), "clusters");
    }

    @Test
    void runsTheSweepsWithoutADetector() {
        WarmupReport r = new StageWarmup(CONFIG, 5, 1).run(null, 0, 0);
        assertEquals(5, r.sweeps());
        assertEquals(0, r.inferences());
        assertTrue(Double.isNaN(r.firstInferenceMillis()));
        assertTrue(r.firstSweepMillis() > 0 && r.lastSweepMillis() > 0, r.consoleLine());
        assertTrue(r.wallNanos() > 0, r.consoleLine());
        assertTrue(r.consoleLine().startsWith("warm-up: 5 sweeps + 0 inferences in "), r.consoleLine());
    }

    /** The synthetic sweep is ground plus the column: segmentation keeps the column and only it. */
    @ParameterizedTest(name = "column at {0} m")
    @CsvSource({"30", "10", "4"})
    void theSyntheticColumnIsTheOnlyObstacle(double columnX) {
        MountPose mount = CONFIG.vehicle().lidarMount().toPose();
        PointCloud cloud = new PointCloud(40_000);
        StageWarmup.fillSweep(cloud, mount.zMeters(), columnX);
        ObstacleScan scan = GroundSegmenter.segmentOnce(CONFIG.perception(), cloud, mount);
        assertTrue(scan.obstacleCount() > 0, "no obstacle found at " + columnX + " m");
        for (int i = 0; i < scan.obstacleCount(); i++) {
            assertTrue(Math.abs(scan.obstacleX(i) - (columnX + mount.xMeters())) < 1.0,
                    "obstacle " + i + " at x " + scan.obstacleX(i));
        }
    }

    @ParameterizedTest(name = "sweeps {0}, inferences {1}")
    @CsvSource({"0, 1", "1001, 1", "1, 0", "1, 101"})
    void refusesCountsOutOfRange(int sweeps, int inferences) {
        assertThrows(IllegalArgumentException.class, () -> new StageWarmup(CONFIG, sweeps, inferences));
    }
}
