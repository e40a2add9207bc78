package org.avfusion.runtime.bench;

import java.util.concurrent.TimeUnit;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.occupancy.GridUpdater;
import org.avfusion.runtime.occupancy.ObstacleExtractor;
import org.avfusion.runtime.occupancy.ObstacleList;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.plan.DecisionPolicy;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-sweep algorithms of the perceive, fuse and decide stages on one simulated 32 x 1800 sweep of the
 * pedestrian-crossing drive (t = 7.4 s, the pedestrian in front), with the default profile.
 *
 * <pre>
 *   sweep --segment--&gt; scan --moveWithEgo+integrate--&gt; grid --extract--&gt; obstacles
 *                                                        grid --decide--&gt; decision
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StageAlgorithmsBenchmark {
    private PointCloud cloud;
    private MountPose mount;
    private GroundSegmenter segmenter;
    private ObstacleScan scan;
    private GridUpdater updater;
    private OccupancyGrid grid;
    private ObstacleExtractor extractor;
    private ObstacleList obstacles;
    private DecisionPolicy policy;
    private long stamp;

    @Setup(Level.Trial)
    public void setUp() {
        RuntimeConfig config = new ConfigLoader().loadDefault();
        try (SimulatedDrive drive = new SimulatedDrive(ScenarioCatalog.loadBuiltIn("pedestrian-crossing"))) {
            PointCloud[] kept = new PointCloud[1];
            while (kept[0] == null || kept[0].size() == 0 || stamp < 7_400_000_000L) {
                drive.emitNext((FrameHeader h, Payload p) -> {
                    if (p instanceof PointCloud c) {
                        if (kept[0] != null) {
                            kept[0].release();
                        }
                        kept[0] = c;
                        stamp = h.stampNanos();
                    } else if (p instanceof org.avfusion.drivers.pool.PooledPayload pooled) {
                        pooled.release();
                    }
                    return true;
                });
            }
            cloud = kept[0];
            mount = drive.lidarMount();
        }
        segmenter = new GroundSegmenter(config.perception());
        scan = new ObstacleScan(config.perception().azimuthBins(), 131_072);
        updater = new GridUpdater(config.occupancy());
        grid = new OccupancyGrid(config.occupancy());
        extractor = new ObstacleExtractor();
        obstacles = new ObstacleList(config.occupancy().maxObjects());
        policy = new DecisionPolicy(config.decision());
        segmenter.segment(cloud, mount, scan);
        updater.integrate(grid, scan);
    }

    @Benchmark
    public ObstacleScan segmentGround() {
        segmenter.segment(cloud, mount, scan);
        return scan;
    }

    @Benchmark
    public OccupancyGrid moveGridWithEgo() {
        updater.moveWithEgo(grid, 0.8, 0.001);
        return grid;
    }

    @Benchmark
    public OccupancyGrid rayCastIntoGrid() {
        updater.integrate(grid, scan);
        return grid;
    }

    @Benchmark
    public ObstacleList extractObstacles() {
        extractor.extract(grid, obstacles);
        return obstacles;
    }

    @Benchmark
    public Object decide() {
        return policy.decide(stamp, true, false, 8.0, 0.0, grid);
    }
}
