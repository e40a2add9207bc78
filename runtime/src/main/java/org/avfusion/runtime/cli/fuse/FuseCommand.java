package org.avfusion.runtime.cli.fuse;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.avfusion.calibration.io.KittiObjectCalibration;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.cli.clusters.ClusterOptions;
import org.avfusion.runtime.cli.clusters.KittiCalibration;
import org.avfusion.runtime.cli.clusters.KittiScans;
import org.avfusion.runtime.fusion.AssociationMethod;
import org.avfusion.runtime.fusion.FusedObjects;
import org.avfusion.runtime.fusion.FusionConfig;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.fusion.RoiClusterFusion;
import org.avfusion.runtime.inference.CameraDetector;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.inference.ModelLoadException;
import org.avfusion.runtime.perceive.depth.LidarDepthImage;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion fuse --kitti-object DIR --frame N [--model F] [--layout L]}: the late fusion of
 * {@link RoiClusterFusion} on one KITTI object frame ({@code velodyne/NNNNNN.bin}, {@code image_2/NNNNNN.png},
 * {@code calib/NNNNNN.txt}, camera 2), one JSON line per fused object:
 * {@code {"class":"pedestrian","x":8.6,"y":-1.6,"z":-0.8,"length":0.9,"width":0.6,"height":1.6,"yaw":0.1,
 * "points":370,"modalities":["LIDAR","CAMERA"],"score":0.82}} (box centre in the lidar frame, metres; yaw in
 * radians from the lidar's x axis). Without {@code --model} there are no detections: every object is lidar-only and
 * {@code unknown}. A summary line goes to stderr.
 *
 * <p>Exit codes: 0 done; 2 bad input (a missing or malformed file, a model that does not load, an impossible
 * setting), with a message naming the file or option and the value.
 */
@Command(name = "fuse", mixinStandardHelpOptions = true,
        description = "Late fusion on one KITTI object frame: lidar clusters projected into camera 2 and matched to "
                + "detections by IoU (Autoware's roi_cluster_fusion), unmatched detections placed by lidar depth; "
                + "prints one JSON line per object: class, x, y, z (m, lidar frame), length, width, height, yaw, "
                + "points, modalities, score.")
public final class FuseCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--kitti-object", required = true, paramLabel = "DIR",
            description = "KITTI object folder (e.g. training) with velodyne/, image_2/ and calib/.")
    Path dir;

    @Option(names = "--frame", required = true, paramLabel = "N", description = "Frame number (000123 = 123).")
    int frame;

    @Option(names = "--model", paramLabel = "FILE", description = "ONNX detector (e.g. yolox_nano.onnx); "
            + "without it no camera detections are fused.")
    Path model;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "yolox",
            description = "Detector output layout: yolox (default), nanodet or yolov8.")
    String layout;

    @Option(names = "--score", paramLabel = "MIN", defaultValue = "0.3",
            description = "Least detection score fused (default ${DEFAULT-VALUE}).")
    double score;

    @Option(names = "--association", paramLabel = "METHOD", defaultValue = "hungarian",
            description = "Cluster-detection matching: hungarian (default) or greedy.")
    String association;

    @Mixin
    ClusterOptions clusterOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (frame < 0 || frame > 999_999) {
            return fail(err, "--frame must be in [0, 999999], was " + frame);
        }
        String id = String.format(Locale.ROOT, "%06d", frame);
        Path scanFile = dir.resolve("velodyne").resolve(id + ".bin");
        Path imageFile = dir.resolve("image_2").resolve(id + ".png");
        Path calibFile = dir.resolve("calib").resolve(id + ".txt");
        for (Path p : new Path[] {scanFile, imageFile, calibFile}) {
            if (!Files.isRegularFile(p)) {
                return fail(err, "--kitti-object: no such file: " + p);
            }
        }
        FusionConfig fusionConfig;
        ClusterConfig clusterConfig;
        DetectionLayout parsedLayout;
        KittiObjectCalibration calib;
        GroundPrior prior;
        PointCloud cloud;
        try {
            fusionConfig = FusionConfig.DEFAULTS.withMethod(AssociationMethod.parse(association)).withMinScore(score);
            clusterConfig = clusterOptions.config();
            parsedLayout = DetectionLayout.parse(layout);
            calib = KittiObjectCalibration.read(calibFile);
            prior = KittiCalibration.read(calibFile).groundPrior(clusterOptions.sensorHeightMeters());
            cloud = KittiScans.read(scanFile);
        } catch (IllegalArgumentException | org.avfusion.drivers.pointcloud.io.PointCloudFormatException e) {
            return fail(err, e.getMessage());
        }
        int width, height;
        Mat bgr = imread(imageFile.toString(), IMREAD_COLOR);
        DetectionList detections = new DetectionList(fusionConfig.maxDetections());
        try (bgr) {
            if (bgr.empty()) {
                return fail(err, "cannot read image " + imageFile + ": not an image OpenCV decodes");
            }
            width = bgr.cols();
            height = bgr.rows();
            if (model != null) {
                DetectorConfig detectorConfig = DetectorConfig.forModel(model, parsedLayout)
                        .withScoreThreshold((float) score);
                try (CameraDetector detector = CameraDetector.open(detectorConfig)) {
                    detector.checkCamera(width, height);
                    detector.detect(bgr, detections);
                } catch (ModelLoadException | IllegalArgumentException e) {
                    return fail(err, e.getMessage());
                }
            }
        }
        PointProjector projector = new PointProjector(calib.rectifiedCameraFromVelo(2),
                calib.rectifiedIntrinsics(2, width, height));

        ObstacleClusters clusters = new ObstacleClusters();
        new LidarObstaclePipeline(clusterConfig).process(cloud, prior, clusters);
        LidarDepthImage depth = new LidarDepthImage(width, height, Math.max(1, cloud.size()));
        depth.render(projector, cloud);
        FusedObjects objects = new FusedObjects(fusionConfig.maxObjects());
        new RoiClusterFusion(fusionConfig).fuse(clusters, detections, projector, depth.sparseDepthMeters(), null,
                objects);

        for (int i = 0; i < objects.size(); i++) {
            out.println(JSON.writeValueAsString(json(objects, i)));
        }
        err.printf(Locale.ROOT, "avfusion fuse: %s: %d clusters, %d detections -> %d objects (%d matched, %d split, "
                        + "%d riders, %d placed by depth; detections: %d ignored, %d clipped, %d outside, %d invalid, "
                        + "%d without depth; %d one-voxel clusters)%n", id, clusters.size(), detections.size(),
                objects.size(), objects.matched(), objects.splits(), objects.riderMerges(), objects.depthPlaced(),
                objects.detectionsIgnored(), objects.detectionsClipped(), objects.detectionsOutsideImage(),
                objects.detectionsInvalid(), objects.detectionsWithoutDepth(), objects.degenerateClusters());
        out.flush();
        err.flush();
        return 0;
    }

    /** One fused object as the JSON line's fields (rounded to millimetres and milliradians). */
    static ObjectNode json(FusedObjects o, int i) {
        ObjectNode n = JSON.createObjectNode();
        n.put("class", o.objectClass(i).label());
        n.put("x", round(o.xMeters(i), 1000));
        n.put("y", round(o.yMeters(i), 1000));
        n.put("z", round(o.zMeters(i), 1000));
        n.put("length", round(o.lengthMeters(i), 1000));
        n.put("width", round(o.widthMeters(i), 1000));
        n.put("height", round(o.heightMeters(i), 1000));
        n.put("yaw", round(o.yawRad(i), 10000));
        n.put("points", o.points(i));
        ArrayNode modalities = n.putArray("modalities");
        for (Modality m : Modality.values()) {
            if (o.has(i, m)) {
                modalities.add(m.name());
            }
        }
        n.put("score", round(o.score(i), 10000));
        return n;
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    private static int fail(PrintWriter err, String message) {
        err.println("avfusion fuse: " + message);
        err.flush();
        return EXIT_BAD_INPUT;
    }
}
