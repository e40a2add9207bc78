package org.avfusion.runtime.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.avfusion.calibration.io.KittiObjectCalibration;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.cli.clusters.KittiCalibration;
import org.avfusion.runtime.cli.clusters.KittiScans;
import org.avfusion.runtime.fusion.FusedObjects;
import org.avfusion.runtime.fusion.FusionConfig;
import org.avfusion.runtime.fusion.RoiClusterFusion;
import org.avfusion.runtime.perceive.depth.LidarDepthImage;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The late fusion on KITTI object frame 000000 (velodyne/000000.bin, 90 clusters with the default
 * {@link ClusterConfig}; camera 2 at 1224 x 370): the YOLOX-Nano pedestrian box (708, 142, 805, 305) plus a box on
 * the wall beside it that no cluster matches, so the split and depth path run too. {@code fuse} is
 * {@link RoiClusterFusion#fuse} alone on the clusters and the lidar depth image; {@code renderAndFuse} adds rendering
 * that depth image (115,384 points). Run with {@code -prof gc}: 0 B/op in steady state.
 *
 * <pre>
 *   clusters + detections + depth image --project members, IoU, Hungarian, split/depth--&gt; FusedObjects   [fuse]
 *   cloud --render--&gt; depth image, then fuse                                                          [renderAndFuse]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class FusionBenchmark {
    private PointCloud cloud;
    private PointProjector projector;
    private ObstacleClusters clusters;
    private DetectionList detections;
    private LidarDepthImage depth;
    private RoiClusterFusion fusion;
    private FusedObjects objects;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuNanos;
    private long ops;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "object", "training");
        Path bin = dir.resolve("velodyne/000000.bin");
        if (!Files.isRegularFile(bin)) {
            throw new IllegalStateException("../shared/data/kitti/object/training/velodyne/000000.bin not found: "
                    + bin.toAbsolutePath() + " (set -Davfusion.shared)");
        }
        cloud = KittiScans.read(bin);
        Path calibFile = dir.resolve("calib/000000.txt");
        KittiObjectCalibration calib = KittiObjectCalibration.read(calibFile);
        projector = new PointProjector(calib.rectifiedCameraFromVelo(2), calib.rectifiedIntrinsics(2, 1224, 370));
        clusters = new ObstacleClusters();
        new LidarObstaclePipeline(ClusterConfig.DEFAULTS).process(cloud,
                KittiCalibration.read(calibFile).groundPrior(1.73), clusters);
        detections = new DetectionList(16);
        detections.add(708, 142, 805, 305, 0.82f, 0);
        detections.add(900, 120, 960, 220, 0.5f, 2);
        depth = new LidarDepthImage(1224, 370, cloud.size());
        depth.render(projector, cloud);
        fusion = new RoiClusterFusion(FusionConfig.DEFAULTS);
        objects = new FusedObjects(FusionConfig.DEFAULTS.maxObjects());
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        if (ops > 0) {
            System.out.printf(" [cpu %.1f us/op over %d ops; %d objects, %d matched, %d split, %d by depth]",
                    cpuNanos / 1e3 / ops, ops, objects.size(), objects.matched(), objects.splits(),
                    objects.depthPlaced());
        }
        cpuNanos = 0;
        ops = 0;
    }

    @Benchmark
    public FusedObjects fuse() {
        long start = threads.getCurrentThreadCpuTime();
        fusion.fuse(clusters, detections, projector, depth.sparseDepthMeters(), null, objects);
        cpuNanos += threads.getCurrentThreadCpuTime() - start;
        ops++;
        return objects;
    }

    @Benchmark
    public FusedObjects renderAndFuse() {
        long start = threads.getCurrentThreadCpuTime();
        depth.render(projector, cloud);
        fusion.fuse(clusters, detections, projector, depth.sparseDepthMeters(), null, objects);
        cpuNanos += threads.getCurrentThreadCpuTime() - start;
        ops++;
        return objects;
    }
}
