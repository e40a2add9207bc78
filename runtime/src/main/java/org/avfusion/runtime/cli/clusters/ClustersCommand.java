package org.avfusion.runtime.cli.clusters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.core.JsonGenerator;
import org.avfusion.runtime.output.json.JsonLines;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.PointCloudFormatException;
import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion clusters --kitti-calib FILE SCAN.bin...}: runs the lidar obstacle pipeline over KITTI Velodyne
 * scans and prints one JSON line per cluster:
 * {@code {"scan":"000001.bin","x":..,"y":..,"z":..,"length":..,"width":..,"height":..,"yaw":..,"points":N}}
 * (box centre in the lidar frame, metres; yaw in radians from the lidar's x axis; points = lidar points in it). A
 * summary line per scan goes to stderr.
 *
 * <p>The calibration file gives the lidar's tilt against the rectified camera, which KITTI levels to the road: the
 * ground prior is that plane, {@code --sensor-height} below the lidar.
 *
 * <p>Exit codes: 0 every scan processed; 2 bad input (a missing or malformed calibration file, a scan that is not a
 * KITTI .bin, an impossible setting), with a message naming the file or option and the value.
 */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = "Lidar obstacles in KITTI Velodyne scans (.bin): crop, voxel downsampling, ground removal, "
                + "Euclidean clustering and an oriented box per cluster; prints one JSON line per cluster: scan, x, y, "
                + "z (centre, m, lidar frame), length, width, height (m), yaw (rad), points.")
public final class ClustersCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--kitti-calib", required = true, paramLabel = "FILE",
            description = "KITTI object calibration file (calib/NNNNNN.txt) with Tr_velo_to_cam and R0_rect.")
    Path calibFile;

    @Mixin
    ClusterOptions options;

    @Parameters(arity = "1..*", paramLabel = "SCAN.bin", description = "KITTI Velodyne scans (float32 x, y, z, r).")
    List<Path> scans;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterConfig config;
        GroundPrior prior;
        try {
            config = options.config();
            if (!Files.isRegularFile(calibFile)) {
                return fail(err, "--kitti-calib: no such file: " + calibFile);
            }
            prior = KittiCalibration.read(calibFile).groundPrior(options.sensorHeightMeters());
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        LidarObstaclePipeline pipeline = new LidarObstaclePipeline(config);
        ObstacleClusters clusters = new ObstacleClusters();
        try (JsonLines lines = JsonLines.to(out)) {
            return printClusters(lines, pipeline, prior, clusters, err);
        }
    }

    private int printClusters(JsonLines lines, LidarObstaclePipeline pipeline,
            GroundPrior prior, ObstacleClusters clusters, PrintWriter err) throws IOException {
        JsonGenerator g = lines.generator();
        for (Path scan : scans) {
            if (!Files.isRegularFile(scan)) {
                return fail(err, "no such scan file: " + scan);
            }
            PointCloud cloud;
            try {
                cloud = KittiScans.read(scan);
            } catch (PointCloudFormatException e) {
                return fail(err, e.getMessage());
            }
            long start = System.nanoTime();
            pipeline.process(cloud, prior, clusters);
            double millis = (System.nanoTime() - start) / 1e6;
            String name = scan.getFileName().toString();
            for (int c = 0; c < clusters.size(); c++) {
                g.writeStartObject();
                g.writeStringField("scan", name);
                field(g, "x", clusters.centerXMeters(c));
                field(g, "y", clusters.centerYMeters(c));
                field(g, "z", clusters.centerZMeters(c));
                field(g, "length", clusters.lengthMeters(c));
                field(g, "width", clusters.widthMeters(c));
                field(g, "height", clusters.heightMeters(c));
                g.writeFieldName("yaw");
                g.writeNumber(String.format(Locale.ROOT, "%.4f", clusters.yawRad(c)));
                g.writeNumberField("points", clusters.points(c));
                g.writeEndObject();
                lines.endLine();
            }
            err.printf(Locale.ROOT, "avfusion clusters: %s: %d points, %d after crop, %d voxels (%d ground), "
                    + "%d clusters (%d too small, %d too large) in %.1f ms%n", name, clusters.inputPoints(),
                    clusters.croppedPoints(), clusters.voxels(), clusters.groundVoxels(), clusters.size(),
                    clusters.rejectedSmall(), clusters.rejectedLarge(), millis);
        }
        lines.flush();
        err.flush();
        return 0;
    }

    /** Three decimals as {@code %.3f} prints them (a handful of clusters per scan: formatting cost is nil). */
    private static void field(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(String.format(Locale.ROOT, "%.3f", v));
    }

    private static int fail(PrintWriter err, String message) {
        err.println("avfusion clusters: " + message);
        err.flush();
        return EXIT_BAD_INPUT;
    }
}
