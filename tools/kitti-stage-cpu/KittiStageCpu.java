import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.runtime.odometry.LidarOdometry;
import org.avfusion.runtime.odometry.OdometryConfig;
import org.avfusion.runtime.odometry.OdometryEstimate;
import org.avfusion.runtime.perceive.GroundFilterConfig;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;

/**
 * CPU time per sweep of the three lidar algorithms the KITTI replay runs per sweep, on one thread, over the 20 sweeps
 * of ../shared/data/kitti/raw/2011_09_26/sfnd_sequence_sync, pass after pass (pass 0 is the cold JIT): the perceive
 * stage's ground segmentation (default profile: 720 sectors, 0.5 m rings), the track stage's obstacle clusters
 * (ClusterConfig.DEFAULTS, level ground prior at 1.73 m) and the align stage's lidar odometry
 * (OdometryConfig.forMaxRange(80)). Thread CPU time (ThreadMXBean), so a loaded machine inflates it less than wall
 * time. The last line is a digest of every cluster box and every odometry speed and yaw rate of the last pass: equal
 * digests, equal results. Not a test, not JMH (docs/PERFORMANCE.md, "KITTI replay hot paths"); run with
 * tools/kitti-stage-cpu/run.sh [passes].
 */
public class KittiStageCpu {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"),
                "data/kitti/raw/2011_09_26/sfnd_sequence_sync/velodyne_points/data");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".bin")).sorted().toList();
        }
        List<PointCloud> clouds = new ArrayList<>();
        KittiBinReader reader = new KittiBinReader(KittiBinReader.Options.DEFAULT);
        for (Path f : files) {
            PointCloud c = new PointCloud(200_000);
            reader.read(f, c);
            clouds.add(c);
        }
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        GroundPrior prior = GroundPrior.level(1.73);
        MountPose mount = new MountPose(0, 0, 1.73, 0, 0, 0);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int p = 0; p < passes; p++) {
            GroundSegmenter ground = new GroundSegmenter(new GroundFilterConfig(720, 0.5, 80.0, 10.0, 0.3, 2.5, 4.5,
                    1.9, 1.0));
            ObstacleScan scan = new ObstacleScan(720, 131_072);
            LidarObstaclePipeline pipeline = new LidarObstaclePipeline(ClusterConfig.DEFAULTS);
            ObstacleClusters clusters = new ObstacleClusters();
            LidarOdometry odometry = new LidarOdometry(OdometryConfig.forMaxRange(80));
            long groundNanos = 0, clusterNanos = 0, odometryNanos = 0, digest = 17;
            int boxes = 0;
            for (int i = 0; i < clouds.size(); i++) {
                PointCloud c = clouds.get(i);
                long t0 = mx.getCurrentThreadCpuTime();
                ground.segment(c, mount, scan);
                long t1 = mx.getCurrentThreadCpuTime();
                pipeline.process(c, prior, clusters);
                long t2 = mx.getCurrentThreadCpuTime();
                OdometryEstimate e = odometry.process(c, i * 100_000_000L);
                long t3 = mx.getCurrentThreadCpuTime();
                groundNanos += t1 - t0;
                clusterNanos += t2 - t1;
                odometryNanos += t3 - t2;
                boxes += clusters.size();
                for (int k = 0; k < clusters.size(); k++) {
                    digest = digest * 31 + Float.floatToIntBits(clusters.centerXMeters(k));
                    digest = digest * 31 + Float.floatToIntBits(clusters.centerYMeters(k));
                    digest = digest * 31 + Float.floatToIntBits(clusters.lengthMeters(k));
                    digest = digest * 31 + Float.floatToIntBits(clusters.yawRad(k));
                    digest = digest * 31 + clusters.points(k);
                }
                digest = digest * 31 + Double.doubleToLongBits(e.forwardSpeedMetersPerSec());
                digest = digest * 31 + Double.doubleToLongBits(e.yawRateRadPerSec());
            }
            int n = clouds.size();
            System.out.printf(Locale.ROOT, "pass %d: cpu ms/sweep: ground (perceive) %.2f  clusters (track) %.2f  "
                    + "odometry (align) %.2f  | %d boxes, digest %016x%n", p, groundNanos / 1e6 / n,
                    clusterNanos / 1e6 / n, odometryNanos / 1e6 / n, boxes, digest);
        }
    }
}
