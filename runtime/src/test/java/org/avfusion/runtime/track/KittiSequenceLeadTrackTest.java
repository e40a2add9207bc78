package org.avfusion.runtime.track;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.io.KittiObjectCalibration;
import org.avfusion.calibration.io.KittiRawCalibration;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.cli.clusters.KittiScans;
import org.avfusion.runtime.fusion.FusedObjects;
import org.avfusion.runtime.fusion.FusionConfig;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.fusion.ObjectClass;
import org.avfusion.runtime.fusion.RoiClusterFusion;
import org.avfusion.runtime.inference.CameraDetector;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.perceive.depth.LidarDepthImage;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue #11 on real data: the 20-frame KITTI raw sequence ({@code ../shared/data/kitti/raw/2011_09_26/
 * sfnd_sequence_sync}, 10 Hz, the day's calibration) through the algorithms the track stage runs, in its order:
 * YOLOX-Nano ({@code ../shared/models/yolox_nano.onnx}) on {@code image_02}, lidar clusters ({@link
 * LidarObstaclePipeline}, the pipeline's {@link ClusterConfig#DEFAULTS}), late fusion ({@link RoiClusterFusion}, the
 * default profile's settings) and the {@link KalmanTracker} (default profile). The drive has no {@code oxts}: the
 * ego is taken as standing, so a track's velocity is relative to the ego. Checked: the car directly ahead is one track
 * from its confirmation to the last frame, updated in every frame, of class vehicle; its near end within 0.3 m of the
 * nearest lidar return in the lane; its closing speed about 0.65 m/s (the data README: lane returns at about 8.0 m
 * in frame 0 and 6.7 m in frame 19). Skips with a message when the data or the model is absent.
 */
class KittiSequenceLeadTrackTest {
    private static final Path SHARED = Path.of(System.getProperty("avfusion.shared", "../shared"));
    private static final Path DAY = SHARED.resolve("data/kitti/raw/2011_09_26");
    private static final Path DRIVE = DAY.resolve("sfnd_sequence_sync");
    private static final Path MODEL = SHARED.resolve("models/yolox_nano.onnx");
    private static final int FRAMES = 20;
    private static final long PERIOD_NANOS = 100_000_000L;
    /** KITTI's HDL-64E above the road. */
    private static final double LIDAR_HEIGHT_METERS = 1.73;
    /** The ego lane: returns within this of the lidar's x axis. */
    private static final double LANE_HALF_WIDTH_METERS = 1.0;
    /** Returns nearer than this ahead of the lidar are the ego's own body and the sensor's near-range clutter. */
    private static final double MIN_AHEAD_METERS = 3.0;
    /** Returns lower than this above the road are the road. */
    private static final double MIN_HEIGHT_ABOVE_ROAD_METERS = 0.3;

    /** One frame's facts about the lead. */
    record Frame(int index, long id, ObjectClass cls, boolean updated, double nearEndMeters, double nearestLaneReturn,
            double vxMetersPerSec, int modalities) {
    }

    @Test
    void theCarDirectlyAheadIsOneVehicleTrackAtTheLidarRangeClosingAtAbout065MetresPerSecond() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DRIVE.resolve("velodyne_points/data")),
                "KITTI raw sequence not present at " + DRIVE.toAbsolutePath() + " (see ../shared/data/README.md)");
        Assumptions.assumeTrue(Files.isRegularFile(MODEL), "YOLOX-Nano not present at " + MODEL.toAbsolutePath());
        KittiObjectCalibration calib = KittiRawCalibration.read(DAY).toObjectCalibration();
        RigidTransform cameraFromVelo = calib.rectifiedCameraFromVelo(2);
        // the rectified camera is levelled to the road: up is its -y axis, seen from the lidar
        GroundPrior ground = new GroundPrior(-cameraFromVelo.rotation(1, 0), -cameraFromVelo.rotation(1, 1),
                -cameraFromVelo.rotation(1, 2), LIDAR_HEIGHT_METERS);
        FusionConfig fusionConfig = FusionConfig.DEFAULTS;
        RoiClusterFusion fusion = new RoiClusterFusion(fusionConfig);
        LidarObstaclePipeline lidar = new LidarObstaclePipeline(ClusterConfig.DEFAULTS);
        KalmanTracker tracker = new KalmanTracker(TrackerConfig.DEFAULTS);
        ObstacleClusters clusters = new ObstacleClusters();
        FusedObjects fused = new FusedObjects(fusionConfig.maxObjects());
        TrackMeasurements measurements = new TrackMeasurements(TrackerConfig.DEFAULTS.maxMeasurements());
        Tracks tracks = new Tracks(TrackerConfig.DEFAULTS.maxTracks());
        DetectionList detections = new DetectionList(fusionConfig.maxDetections());
        List<Frame> frames = new ArrayList<>();
        int detected = 0;
        try (CameraDetector detector = CameraDetector.open(DetectorConfig.forModel(MODEL, DetectionLayout.parse(
                "yolox")).withScoreThreshold((float) fusionConfig.minScore()))) {
            PointProjector projector = null;
            LidarDepthImage depth = null;
            for (int f = 0; f < FRAMES; f++) {
                String name = String.format(Locale.ROOT, "%010d", f);
                PointCloud cloud = KittiScans.read(DRIVE.resolve("velodyne_points/data/" + name + ".bin"));
                detections.clear();
                try (Mat bgr = imread(DRIVE.resolve("image_02/data/" + name + ".png").toString(), IMREAD_COLOR)) {
                    assertTrue(!bgr.empty(), "image " + name + ".png decodes");
                    if (projector == null) {
                        projector = new PointProjector(cameraFromVelo, calib.rectifiedIntrinsics(2, bgr.cols(),
                                bgr.rows()));
                        depth = new LidarDepthImage(bgr.cols(), bgr.rows(), 200_000);
                        detector.checkCamera(bgr.cols(), bgr.rows());
                    }
                    detector.detect(bgr, detections);
                }
                detected += detections.size();
                lidar.process(cloud, ground, clusters);
                depth.render(projector, cloud);
                fusion.fuse(clusters, detections, projector, depth.sparseDepthMeters(), null, fused);
                measurements.clear();
                for (int i = 0; i < fused.size(); i++) {
                    // as the track stage: lidar support means a cluster; lidar depth in a box only placed it
                    int modalities = fused.clusterIndex(i) >= 0 ? fused.modalityMask(i)
                            : fused.modalityMask(i) & ~Modality.LIDAR.bit();
                    measurements.add(fused.xMeters(i), fused.yMeters(i), fused.zMeters(i), fused.lengthMeters(i),
                            fused.widthMeters(i), fused.heightMeters(i), fused.yawRad(i), fused.objectClass(i),
                            fused.points(i), modalities);
                }
                tracker.update(f * PERIOD_NANOS, EgoMotion.IDENTITY, measurements, tracks);
                frames.add(lead(f, tracks, cloud, ground));
            }
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "KITTI sfnd_sequence_sync, YOLOX-Nano, %d detections in %d frames; the track directly ahead:%n"
                        + "frame  id  class    updated  near end m  nearest lane return m  diff m  vx m/s  modalities%n",
                detected, FRAMES));
        for (Frame fr : frames) {
            table.append(String.format(Locale.ROOT, "%5d %3d  %-8s %-7s  %10.2f  %21.2f  %6.2f  %6.2f  %s%n", fr.index(),
                    fr.id(), fr.cls() == null ? "-" : fr.cls().label(), fr.updated(), fr.nearEndMeters(),
                    fr.nearestLaneReturn(), fr.nearEndMeters() - fr.nearestLaneReturn(), fr.vxMetersPerSec(),
                    Modality.of(fr.modalities())));
        }
        // the closing speed the lidar itself gives: a line through the nearest lane returns over the 20 frames
        double lidarClosing = -slope(frames.stream().mapToDouble(Frame::nearestLaneReturn).toArray());
        Frame last = frames.get(FRAMES - 1);
        double settled = -frames.subList(10, FRAMES).stream().mapToDouble(Frame::vxMetersPerSec).average()
                .orElseThrow();
        table.append(String.format(Locale.ROOT, "closing speed: track %.3f m/s at frame 19, %.3f m/s mean over "
                + "frames 10-19; nearest lane returns, least-squares line over 20 frames: %.3f m/s", -last.vxMetersPerSec(),
                settled, lidarClosing));
        System.out.println(table);

        int birth = TrackerConfig.DEFAULTS.birthHits() - 1;
        long id = frames.get(birth).id();
        double worst = 0;
        for (Frame fr : frames.subList(birth, FRAMES)) {
            assertEquals(id, fr.id(), "one track for the car ahead from its confirmation on:\n" + table);
            assertTrue(fr.updated(), "a measurement joined the track in frame " + fr.index() + ":\n" + table);
            assertEquals(ObjectClass.VEHICLE, fr.cls(), "class car (vehicle) in frame " + fr.index() + ":\n" + table);
            worst = Math.max(worst, Math.abs(fr.nearEndMeters() - fr.nearestLaneReturn()));
        }
        assertTrue(id > 0, "the car ahead has a confirmed track by frame " + birth + ":\n" + table);
        assertTrue(worst <= 0.3, "near end within 0.3 m of the nearest lane return: worst " + worst + "\n" + table);
        assertEquals(0.65, lidarClosing, 0.1, "the data: lane returns close at about 0.65 m/s:\n" + table);
        assertEquals(0.65, -last.vxMetersPerSec(), 0.15, "closing speed about 0.65 m/s:\n" + table);
        assertEquals(0.65, settled, 0.15, "closing speed about 0.65 m/s once settled:\n" + table);
    }

    /** The confirmed track ahead in the lane nearest to the lidar, with the nearest lidar return in the lane. */
    private static Frame lead(int f, Tracks tracks, PointCloud cloud, GroundPrior ground) {
        double nearestReturn = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cloud.size(); i++) {
            double x = cloud.x(i), y = cloud.y(i), z = cloud.z(i);
            if (x > MIN_AHEAD_METERS && Math.abs(y) <= LANE_HALF_WIDTH_METERS
                    && ground.heightAboveMeters(x, y, z) > MIN_HEIGHT_ABOVE_ROAD_METERS) {
                nearestReturn = Math.min(nearestReturn, x);
            }
        }
        int best = -1;
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.id(i) > 0 && tracks.xMeters(i) > 0 && Math.abs(tracks.yMeters(i)) <= LANE_HALF_WIDTH_METERS
                    && (best < 0 || tracks.xMeters(i) < tracks.xMeters(best))) {
                best = i;
            }
        }
        if (best < 0) {
            return new Frame(f, 0, null, false, Double.NaN, nearestReturn, Double.NaN, 0);
        }
        double yaw = tracks.headingRad(best);
        double alongHalf = 0.5 * (Math.abs(tracks.lengthMeters(best) * Math.cos(yaw))
                + Math.abs(tracks.widthMeters(best) * Math.sin(yaw)));
        return new Frame(f, tracks.id(best), tracks.objectClass(best), tracks.updated(best),
                tracks.xMeters(best) - alongHalf, nearestReturn, tracks.vxMetersPerSec(best),
                tracks.modalityMask(best));
    }

    /** Least-squares slope per second of values 0.1 s apart. */
    private static double slope(double[] v) {
        int n = v.length;
        double mt = 0, mv = 0;
        for (int i = 0; i < n; i++) {
            mt += i * 0.1;
            mv += v[i];
        }
        mt /= n;
        mv /= n;
        double num = 0, den = 0;
        for (int i = 0; i < n; i++) {
            num += (i * 0.1 - mt) * (v[i] - mv);
            den += (i * 0.1 - mt) * (i * 0.1 - mt);
        }
        return num / den;
    }
}
