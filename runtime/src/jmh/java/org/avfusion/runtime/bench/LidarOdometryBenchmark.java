package org.avfusion.runtime.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.PcdReader;
import org.avfusion.runtime.odometry.IcpResidual;
import org.avfusion.runtime.odometry.LidarOdometry;
import org.avfusion.runtime.odometry.OdometryConfig;
import org.avfusion.runtime.odometry.OdometryEstimate;
import org.avfusion.runtime.odometry.OdometryQuality;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lidar odometry ({@link LidarOdometry}, default {@link OdometryConfig}: 1 m map voxels, 100 m range) on KITTI tracking
 * sequence 0000 (../shared/data/kitti/tracking/0000/pcd, an HDL-64E, 98-124k points a sweep), on one benchmark
 * thread (the algorithm is single-threaded). One operation registers one sweep: the benchmark walks the 30 sweeps
 * forward and back (0..29, 28..1, 0..) with increasing stamps, so every sweep is registered against a real local
 * map built by the ones before it, at the steady state of a drive. Each measurement iteration also prints the
 * thread's CPU time per sweep ("cpu ms/op"), which leaves out the time it waited for a core on a shared machine.
 * Run with {@code -prof gc}: the allocation per sweep is the returned estimate (a few hundred bytes).
 *
 * <pre>
 *   sweep --range/NaN filter--&gt; --voxel 0.5 m + deskew--&gt; map points --voxel 1.5 m--&gt; source
 *   source --ICP (27-voxel NN, Geman-McClure, Gauss-Newton SE(3))--&gt; pose --&gt; map update + prune
 *   [registerSweep: everything..........................................................]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class LidarOdometryBenchmark {
    private static final long PERIOD_NANOS = 100_000_000L;
    /**
     * {@code kiss}: {@link OdometryConfig#DEFAULTS} (point-to-point, no degeneracy check); {@code planes}: the same
     * with {@link IcpResidual#POINT_TO_PLANE_ON_PLANES} and the degeneracy check at its default threshold.
     */
    @Param({"kiss", "planes"})
    public String variant;
    private PointCloud[] sweeps;
    private LidarOdometry odometry;
    private int step;
    private long stampNanos;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuNanos;
    private long ops;
    private long points;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "tracking", "0000",
                "pcd");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("../shared/data/kitti/tracking/0000/pcd not found: "
                    + dir.toAbsolutePath() + " (set -Davfusion.shared)");
        }
        sweeps = new PointCloud[30];
        PcdReader reader = new PcdReader();
        for (int k = 0; k < sweeps.length; k++) {
            sweeps[k] = new PointCloud(130_000);
            reader.read(dir.resolve(String.format(Locale.ROOT, "%010d.pcd", k)), sweeps[k]);
        }
        odometry = new LidarOdometry(variant.equals("planes")
                ? OdometryConfig.DEFAULTS.withResidual(IcpResidual.POINT_TO_PLANE_ON_PLANES)
                        .withMinConstraintFraction(OdometryConfig.DEFAULT_MIN_CONSTRAINT_FRACTION)
                : OdometryConfig.DEFAULTS);
        for (int k = 0; k < 2 * sweeps.length; k++) { // fill the map and reach steady state before timing
            registerSweep();
        }
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        if (ops > 0) {
            System.out.printf(Locale.ROOT, " [cpu %.3f ms/op over %d ops, %.0f points/sweep, map %d voxels,"
                    + " %d registration points, %s]", cpuNanos / 1e6 / ops, ops, (double) points / ops,
                    odometry.localMapVoxels(), odometry.lastRegistrationPoints(), odometry.stats());
        }
        cpuNanos = 0;
        ops = 0;
        points = 0;
    }

    /** One sweep, walking the sequence forward and back. */
    @Benchmark
    public OdometryEstimate registerSweep() {
        int period = 2 * (sweeps.length - 1);
        int phase = step % period;
        PointCloud cloud = sweeps[phase < sweeps.length ? phase : period - phase];
        step++;
        stampNanos += PERIOD_NANOS;
        long start = threads.getCurrentThreadCpuTime();
        OdometryEstimate estimate = odometry.process(cloud, stampNanos);
        cpuNanos += threads.getCurrentThreadCpuTime() - start;
        ops++;
        points += cloud.size();
        if (estimate.quality() != OdometryQuality.TRACKING && estimate.quality() != OdometryQuality.INITIALIZED) {
            throw new IllegalStateException("sweep " + step + " lost tracking: " + estimate);
        }
        return estimate;
    }
}
