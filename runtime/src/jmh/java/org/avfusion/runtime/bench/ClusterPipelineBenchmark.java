package org.avfusion.runtime.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.pointcloud.io.NonFinitePolicy;
import org.avfusion.runtime.cli.clusters.KittiCalibration;
import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import org.avfusion.runtime.perceive.lidar.EuclideanClusterer;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import org.avfusion.runtime.perceive.lidar.PolarGroundFilter;
import org.avfusion.runtime.perceive.lidar.VoxelCloud;
import org.avfusion.runtime.perceive.lidar.VoxelDownsampler;
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
 * The lidar obstacle pipeline on KITTI object frame 000001 (velodyne/000001.bin, 120,268 points of an HDL-64E), with
 * the default {@link ClusterConfig} and the ground prior from calib/000001.txt, on one benchmark thread (the
 * algorithms are single-threaded). Run with {@code -prof gc} to see the allocation per sweep (B/op), which is 0 in
 * steady state. Each measurement iteration also prints the benchmark thread's CPU time per operation ("cpu ms/op"),
 * which leaves out the time the thread waited for a core on a shared machine.
 *
 * <pre>
 *   cloud --crop+voxel--&gt; voxels --ground--&gt; flags --cluster--&gt; clusters --boxes--&gt; ObstacleClusters
 *         [cropAndVoxelize]         [groundAndClustering.........]
 *         [pipeline: everything...........................................................]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ClusterPipelineBenchmark {
    private PointCloud cloud;
    private GroundPrior prior;
    private LidarObstaclePipeline pipeline;
    private ObstacleClusters clusters;
    private VoxelDownsampler downsampler;
    private PolarGroundFilter groundFilter;
    private EuclideanClusterer clusterer;
    private VoxelCloud voxels;
    private VoxelCloud scratch;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuNanos;
    private long ops;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "object", "training");
        Path bin = dir.resolve("velodyne/000001.bin");
        if (!Files.isRegularFile(bin)) {
            throw new IllegalStateException("../shared/data/kitti/object/training/velodyne/000001.bin not found: "
                    + bin.toAbsolutePath() + " (set -Davfusion.shared)");
        }
        cloud = new PointCloud((int) (Files.size(bin) / KittiBinReader.POINT_BYTES));
        new KittiBinReader(new KittiBinReader.Options(KittiBinReader.RingMode.UNKNOWN, KittiBinReader.TimeMode.ZERO,
                NonFinitePolicy.SKIP_POINT)).read(bin, cloud);
        prior = KittiCalibration.read(dir.resolve("calib/000001.txt")).groundPrior(1.73);
        ClusterConfig config = ClusterConfig.DEFAULTS;
        pipeline = new LidarObstaclePipeline(config);
        clusters = new ObstacleClusters();
        pipeline.process(cloud, prior, clusters);
        downsampler = new VoxelDownsampler(config);
        groundFilter = new PolarGroundFilter(config);
        clusterer = new EuclideanClusterer();
        voxels = new VoxelCloud();
        scratch = new VoxelCloud();
        downsampler.downsample(cloud, prior, voxels);
        downsampler.downsample(cloud, prior, scratch);
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        if (ops > 0) {
            System.out.printf(" [cpu %.3f ms/op over %d ops]", cpuNanos / 1e6 / ops, ops);
        }
        cpuNanos = 0;
        ops = 0;
    }

    /** Every stage, crop to boxes. */
    @Benchmark
    public ObstacleClusters pipeline() {
        long start = threads.getCurrentThreadCpuTime();
        pipeline.process(cloud, prior, clusters);
        cpuNanos += threads.getCurrentThreadCpuTime() - start;
        ops++;
        return clusters;
    }

    /** Crop and voxel downsampling alone. */
    @Benchmark
    public VoxelCloud cropAndVoxelize() {
        long start = threads.getCurrentThreadCpuTime();
        downsampler.downsample(cloud, prior, scratch);
        cpuNanos += threads.getCurrentThreadCpuTime() - start;
        ops++;
        return scratch;
    }

    /** Ground segmentation plus Euclidean clustering on the downsampled sweep (the 30 ms target). */
    @Benchmark
    public EuclideanClusterer groundAndClustering() {
        long start = threads.getCurrentThreadCpuTime();
        groundFilter.classify(voxels);
        ClusterConfig c = pipeline.config();
        clusterer.cluster(voxels.xArray(), voxels.yArray(), voxels.zArray(), voxels.weightArray(), voxels.groundArray(),
                voxels.size(), c.toleranceMeters(), c.minClusterPoints(), c.maxClusterPoints());
        cpuNanos += threads.getCurrentThreadCpuTime() - start;
        ops++;
        return clusterer;
    }
}
