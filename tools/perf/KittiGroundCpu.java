import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.perceive.GroundFilterConfig;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;

/**
 * The perceive stage's ground segmentation alone ({@link GroundSegmenter}, the default profile's settings, the KITTI
 * rig's lidar mount) over a folder of KITTI {@code .bin} sweeps read into memory first, REPS passes in one JVM: the
 * median time per sweep of the second half (the JIT done), and a digest of the first pass's scans (counts, every
 * bin's nearest obstacle and farthest ground, every obstacle point), which two builds must agree on. Single-file
 * program against any build's jar:
 * {@code java -cp runtime/target/avfusion.jar tools/perf/KittiGroundCpu.java SWEEP_FOLDER REPS}
 */
public class KittiGroundCpu {
    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var listing = Files.list(Path.of(args[0]))) {
            listing.filter(p -> p.toString().endsWith(".bin")).sorted().forEach(files::add);
        }
        int reps = Integer.parseInt(args[1]);
        KittiBinReader reader = new KittiBinReader(KittiBinReader.Options.DEFAULT);
        List<PointCloud> clouds = new ArrayList<>();
        for (Path f : files) {
            PointCloud cloud = new PointCloud(200_000);
            reader.read(f, cloud);
            clouds.add(cloud);
        }
        GroundFilterConfig config = new ConfigLoader().loadDefault().perception();
        GroundSegmenter segmenter = new GroundSegmenter(config);
        ObstacleScan scan = new ObstacleScan(config.azimuthBins(), 200_000);
        // about the velodyne's place in base_link (config/rigs/kitti.yaml: 0.81 m ahead, 0.31 m right, 0.80 m above the
        // OXTS, which is 0.93 m above the road), its 1-degree tilt left out
        MountPose lidar = MountPose.at(0.81, -0.31, 1.73);
        long[] passNanos = new long[reps];
        long digest = 7;
        for (int rep = 0; rep < reps; rep++) {
            for (PointCloud cloud : clouds) {
                long t0 = System.nanoTime();
                segmenter.segment(cloud, lidar, scan);
                passNanos[rep] += System.nanoTime() - t0;
                if (rep == 0) {
                    digest = digest * 31 + scan.obstacleCount();
                    digest = digest * 31 + scan.groundCount();
                    for (int b = 0; b < scan.azimuthBins(); b++) {
                        digest = digest * 31 + Float.floatToIntBits(scan.nearestObstacleMeters(b));
                        digest = digest * 31 + Float.floatToIntBits(scan.farthestGroundMeters(b));
                    }
                    for (int i = 0; i < scan.obstacleCount(); i++) {
                        digest = digest * 31 + Float.floatToIntBits(scan.obstacleX(i))
                                + 7L * Float.floatToIntBits(scan.obstacleY(i))
                                + 13L * Float.floatToIntBits(scan.obstacleZ(i));
                    }
                }
            }
        }
        long[] late = Arrays.copyOfRange(passNanos, reps / 2, reps);
        Arrays.sort(late);
        System.out.printf(Locale.ROOT, "%d sweeps, %.3f ms a sweep (median pass of the second half), digest %x%n",
                clouds.size(), late[late.length / 2] / 1e6 / clouds.size(), digest);
    }
}
