package org.avfusion.runtime.cli.clusters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
        StringBuilder line = new StringBuilder(256);
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
                line.setLength(0);
                line.append("{\"scan\":\"").append(jsonEscape(name)).append('"');
                field(line, "x", clusters.centerXMeters(c));
                field(line, "y", clusters.centerYMeters(c));
                field(line, "z", clusters.centerZMeters(c));
                field(line, "length", clusters.lengthMeters(c));
                field(line, "width", clusters.widthMeters(c));
                field(line, "height", clusters.heightMeters(c));
                line.append(",\"yaw\":").append(String.format(Locale.ROOT, "%.4f", clusters.yawRad(c)));
                line.append(",\"points\":").append(clusters.points(c)).append('}');
                out.println(line);
            }
            err.printf(Locale.ROOT, "avfusion clusters: %s: %d points, %d after crop, %d voxels (%d ground), "
                    + "%d clusters (%d too small, %d too large) in %.1f ms%n", name, clusters.inputPoints(),
                    clusters.croppedPoints(), clusters.voxels(), clusters.groundVoxels(), clusters.size(),
                    clusters.rejectedSmall(), clusters.rejectedLarge(), millis);
        }
        out.flush();
        err.flush();
        return 0;
    }

    private static void field(StringBuilder b, String name, double v) {
        b.append(",\"").append(name).append("\":").append(String.format(Locale.ROOT, "%.3f", v));
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private static int fail(PrintWriter err, String message) {
        err.println("avfusion clusters: " + message);
        err.flush();
        return EXIT_BAD_INPUT;
    }
}
