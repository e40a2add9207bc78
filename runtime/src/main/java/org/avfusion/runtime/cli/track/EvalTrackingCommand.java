package org.avfusion.runtime.cli.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.io.KittiObjectCalibration;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.NonFinitePolicy;
import org.avfusion.drivers.pointcloud.io.PcdReader;
import org.avfusion.drivers.pointcloud.io.PointCloudFormatException;
import org.avfusion.runtime.cli.clusters.KittiCalibration;
import org.avfusion.runtime.fusion.ObjectClass;
import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import org.avfusion.runtime.track.EgoMotion;
import org.avfusion.runtime.track.KalmanTracker;
import org.avfusion.runtime.track.TrackMeasurements;
import org.avfusion.runtime.track.TrackerConfig;
import org.avfusion.runtime.track.Tracks;
import org.avfusion.runtime.track.eval.ClearMot;
import org.avfusion.runtime.track.eval.ClearMotResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion eval-tracking --kitti-tracking DIR [--max-range 40] [--min-points 50]}: the lidar obstacle
 * pipeline and {@link KalmanTracker} over a KITTI tracking sequence ({@code DIR/pcd/NNNNNNNNNN.pcd} or
 * {@code DIR/velodyne/NNNNNN.bin}, {@code DIR/label_02.txt}, {@code DIR/calib.txt}, 10 Hz), scored class-agnostic with
 * CLEAR MOT ({@link ClearMot}, ground-plane centre distance, {@code --match-distance}) and printed as one JSON line:
 * {@code {"frames":30,"groundTruth":..,"matches":..,"falsePositives":..,"falseNegatives":..,"idSwitches":..,
 * "mota":..,"motpMeters":..}}.
 *
 * <p>What is scored: labels (not DontCare) whose centre lies within {@code --max-range} of the lidar (horizontally)
 * and whose 3D box holds at least {@code --min-points} lidar points; other labels are ignored (a track on one is
 * neither right nor wrong). Hypotheses: the confirmed tracks within {@code --max-range} whose centre projects into
 * camera 2's image (KITTI labels only what that camera sees). The sequence has no ego poses: the tracker runs with
 * ego motion unknown ({@link EgoMotion#IDENTITY}), so it tracks in the lidar frame and a static object moves at minus
 * the ego's speed, which the constant-velocity model follows.
 *
 * <p>Exit codes: 0 done; 2 bad input (a missing or malformed file, an impossible setting), naming the file or option.
 */
@Command(name = "eval-tracking", mixinStandardHelpOptions = true,
        description = "Run lidar clustering and the tracker over a KITTI tracking sequence and print CLEAR MOT "
                + "(MOTA, MOTP, id switches, FP, FN), class-agnostic, for labelled objects within a range and with "
                + "enough lidar points.")
public final class EvalTrackingCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FRAME_NANOS = 100_000_000L;
    /** KITTI's colour camera images are 1242 x 375 (up to a few pixels per drive). */
    private static final int IMAGE_WIDTH = 1242;
    private static final int IMAGE_HEIGHT = 375;

    @Spec
    CommandSpec spec;

    @Option(names = "--kitti-tracking", required = true, paramLabel = "DIR",
            description = "Sequence folder with pcd/ (or velodyne/), label_02.txt and calib.txt.")
    Path dir;

    @Option(names = "--max-range", paramLabel = "M", defaultValue = "40",
            description = "Score labels and tracks within this horizontal range, metres (default ${DEFAULT-VALUE}).")
    double maxRangeMeters;

    @Option(names = "--min-points", paramLabel = "N", defaultValue = "50",
            description = "Score labels whose box holds at least this many lidar points (default ${DEFAULT-VALUE}).")
    int minPoints;

    @Option(names = "--match-distance", paramLabel = "M", defaultValue = "2.0",
            description = "A track matches a label within this centre distance, metres (default ${DEFAULT-VALUE}).")
    double matchMeters;

    @Option(names = "--sensor-height", paramLabel = "M", defaultValue = "1.73",
            description = "Lidar height above the road, metres (default: ${DEFAULT-VALUE}, KITTI's HDL-64E).")
    double sensorHeightMeters;

    @Option(names = "--birth-hits", paramLabel = "N", defaultValue = "3",
            description = "Hits before a track is confirmed (default ${DEFAULT-VALUE}).")
    int birthHits;

    @Option(names = "--cluster-min-points", paramLabel = "N", defaultValue = "25",
            description = "Smallest cluster tracked, lidar points (default ${DEFAULT-VALUE}: half of --min-points' "
                    + "default, so that a scored object's cluster is kept while poles and sign posts mostly are not).")
    int clusterMinPoints;

    @Option(names = "--all-tracks", description = "Score every confirmed track, not only object-sized ones (height "
            + "0.8-3.5 m, length 0.3-7 m).")
    boolean allTracks;

    /** Whether a track's box could be a road user: not a wall, a hedge or a lamp post's top. */
    static boolean objectSized(double lengthMeters, double widthMeters, double heightMeters) {
        return heightMeters >= 0.8 && heightMeters <= 3.5 && lengthMeters >= 0.3 && lengthMeters <= 7.0;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(maxRangeMeters > 0 && maxRangeMeters <= 200)) {
            return fail(err, "--max-range must be in (0, 200] m, was " + maxRangeMeters);
        }
        if (minPoints < 0) {
            return fail(err, "--min-points must be >= 0, was " + minPoints);
        }
        Path labelsFile = dir.resolve("label_02.txt");
        Path calibFile = dir.resolve("calib.txt");
        for (Path p : new Path[] {labelsFile, calibFile}) {
            if (!Files.isRegularFile(p)) {
                return fail(err, "--kitti-tracking: no such file: " + p);
            }
        }
        List<Path> sweeps = sweeps(dir);
        if (sweeps.isEmpty()) {
            return fail(err, "--kitti-tracking: no sweeps in " + dir.resolve("pcd") + " or " + dir.resolve("velodyne"));
        }
        KittiTrackingLabels labels;
        KittiObjectCalibration calib;
        GroundPrior prior;
        ClearMot mot;
        TrackerConfig trackerConfig;
        ClusterConfig clusterConfig;
        try {
            labels = KittiTrackingLabels.read(labelsFile);
            calib = KittiObjectCalibration.read(calibFile);
            prior = KittiCalibration.read(calibFile).groundPrior(sensorHeightMeters);
            mot = new ClearMot(matchMeters);
            trackerConfig = TrackerConfig.DEFAULTS.withBirthHits(birthHits);
            clusterConfig = ClusterConfig.DEFAULTS.withClusterPoints(clusterMinPoints,
                    Math.max(clusterMinPoints, ClusterConfig.DEFAULTS.maxClusterPoints()));
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        RigidTransform rectFromVelo = calib.rect0FromCam0().compose(calib.cam0FromVelo());
        PointProjector camera = new PointProjector(calib.rectifiedCameraFromVelo(2),
                calib.rectifiedIntrinsics(2, IMAGE_WIDTH, IMAGE_HEIGHT));
        LidarObstaclePipeline pipeline = new LidarObstaclePipeline(clusterConfig);
        ObstacleClusters clusters = new ObstacleClusters();
        KalmanTracker tracker = new KalmanTracker(trackerConfig);
        TrackMeasurements measurements = new TrackMeasurements(trackerConfig.maxMeasurements());
        Tracks tracks = new Tracks(trackerConfig.maxTracks());
        PcdReader pcd = new PcdReader(NonFinitePolicy.SKIP_POINT);
        double[] uvd = new double[3];
        float[] xyz = new float[0];
        float[] rect = new float[0];
        for (Path sweep : sweeps) {
            int frame = frameNumber(sweep);
            PointCloud cloud = new PointCloud((int) Math.max(1, Files.size(sweep) / 12));
            try {
                if (sweep.toString().endsWith(".pcd")) {
                    pcd.read(sweep, cloud);
                } else {
                    cloud = org.avfusion.runtime.cli.clusters.KittiScans.read(sweep);
                }
            } catch (PointCloudFormatException e) {
                return fail(err, e.getMessage());
            }
            pipeline.process(cloud, prior, clusters);
            measurements.clear();
            for (int c = 0; c < clusters.size(); c++) {
                measurements.add(clusters.centerXMeters(c), clusters.centerYMeters(c), clusters.centerZMeters(c),
                        clusters.lengthMeters(c), clusters.widthMeters(c), clusters.heightMeters(c),
                        clusters.yawRad(c), ObjectClass.UNKNOWN, clusters.points(c));
                // its member voxels, as the runtime's TrackStage hands them: footprints of small movers
                for (int k = clusters.memberStart(c); k < clusters.memberStart(c + 1); k++) {
                    measurements.addFootprintPoint(clusters.memberX(k), clusters.memberY(k));
                }
            }
            tracker.update(frame * FRAME_NANOS, EgoMotion.IDENTITY, measurements, tracks);

            // labels: centre in the lidar frame, points in the box
            int n = cloud.size();
            if (xyz.length < 3 * n) {
                xyz = new float[3 * n];
                rect = new float[3 * n];
            }
            for (int i = 0; i < n; i++) {
                xyz[3 * i] = cloud.x(i);
                xyz[3 * i + 1] = cloud.y(i);
                xyz[3 * i + 2] = cloud.z(i);
            }
            rectFromVelo.transformPoints(xyz, 0, 3, n, rect, 0);
            RigidTransform veloFromRect = rectFromVelo.inverse();
            List<KittiTrackingLabels.Entry> entries = labels.frame(frame);
            int g = entries.size();
            long[] gtIds = new long[g];
            double[] gtX = new double[g], gtY = new double[g];
            boolean[] ignored = new boolean[g];
            double[] p = new double[3];
            for (int k = 0; k < g; k++) {
                var l = entries.get(k).label();
                veloFromRect.transformPoint(l.xMeters(), l.yMeters() - l.heightMeters() / 2, l.zMeters(), p, 0);
                gtIds[k] = entries.get(k).trackId();
                gtX[k] = p[0];
                gtY[k] = p[1];
                ignored[k] = Math.hypot(p[0], p[1]) > maxRangeMeters
                        || KittiTrackingLabels.pointsInBox(l, rect, n) < minPoints;
            }
            List<Integer> hyps = new ArrayList<>();
            for (int t = 0; t < tracks.size(); t++) {
                double x = tracks.xMeters(t), y = tracks.yMeters(t);
                if (Math.hypot(x, y) <= maxRangeMeters && camera.projectPoint(x, y, tracks.zMeters(t), uvd)
                        && (allTracks || objectSized(tracks.lengthMeters(t), tracks.widthMeters(t),
                                tracks.heightMeters(t)))) {
                    hyps.add(t);
                }
            }
            long[] hypIds = new long[hyps.size()];
            double[] hypX = new double[hyps.size()], hypY = new double[hyps.size()];
            for (int k = 0; k < hyps.size(); k++) {
                hypIds[k] = tracks.id(hyps.get(k));
                hypX[k] = tracks.xMeters(hyps.get(k));
                hypY[k] = tracks.yMeters(hyps.get(k));
            }
            mot.addFrame(gtIds, gtX, gtY, ignored, g, hypIds, hypX, hypY, hyps.size());
        }
        ClearMotResult r = mot.result();
        ObjectNode json = JSON.valueToTree(r);
        json.put("mota", Math.round(r.mota() * 10000) / 10000.0);
        json.put("motpMeters", Math.round(r.motpMeters() * 1000) / 1000.0);
        json.put("maxRangeMeters", maxRangeMeters);
        json.put("minPoints", minPoints);
        json.put("matchMeters", matchMeters);
        json.put("gatedRejections", tracker.gatedRejections());
        json.put("tracksConfirmed", tracker.confirmedTotal());
        out.println(JSON.writeValueAsString(json));
        err.printf(Locale.ROOT, "avfusion eval-tracking: %s: %d frames, %d labelled objects scored: MOTA %.3f, "
                        + "MOTP %.3f m, %d id switches, %d FP, %d FN (%d tracks on ignored labels)%n", dir,
                r.frames(), r.groundTruth(), r.mota(), r.motpMeters(), r.idSwitches(), r.falsePositives(),
                r.falseNegatives(), r.ignoredHypotheses());
        out.flush();
        err.flush();
        return 0;
    }

    /** The sweeps, in frame order: {@code pcd/*.pcd}, else {@code velodyne/*.bin}. */
    static List<Path> sweeps(Path dir) throws IOException {
        for (String[] kind : new String[][] {{"pcd", ".pcd"}, {"velodyne", ".bin"}}) {
            Path sub = dir.resolve(kind[0]);
            if (Files.isDirectory(sub)) {
                try (Stream<Path> s = Files.list(sub)) {
                    List<Path> files = s.filter(f -> f.getFileName().toString().endsWith(kind[1])
                            && f.getFileName().toString().matches("\\d+\\.\\w+")).sorted().toList();
                    if (!files.isEmpty()) {
                        return files;
                    }
                }
            }
        }
        return List.of();
    }

    private static int frameNumber(Path sweep) {
        String name = sweep.getFileName().toString();
        return Integer.parseInt(name.substring(0, name.indexOf('.')));
    }

    private static int fail(PrintWriter err, String message) {
        err.println("avfusion eval-tracking: " + message);
        err.flush();
        return EXIT_BAD_INPUT;
    }
}
