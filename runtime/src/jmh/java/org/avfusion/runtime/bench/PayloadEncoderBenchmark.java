package org.avfusion.runtime.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.occupancy.GridUpdater;
import org.avfusion.runtime.occupancy.ObstacleExtractor;
import org.avfusion.runtime.occupancy.ObstacleList;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.output.json.PayloadEncoder;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionPolicy;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.SimulatedDrive;
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
 * The publish stage's encode path: the MQTT payloads of one set of the pedestrian-crossing drive (t = 7.4 s, the
 * pedestrian in front), default profile, one thread. Each payload ends in the one byte[] handed to the transport.
 *
 * <pre>
 *   decision + set --decision--&gt; byte[]
 *   obstacles + 3 camera boxes --objects--&gt; byte[]
 *   grid --occupancy--&gt; byte[] (int8 cells, base64)
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PayloadEncoderBenchmark {
    private PayloadEncoder encoder;
    private OccupancyGrid grid;
    private ObstacleList obstacles;
    private DetectionList camera;
    private Decision decision;
    private AlignedSet set;
    private long stamp;

    @Setup(Level.Trial)
    public void setUp() {
        RuntimeConfig config = new ConfigLoader().loadDefault();
        PointCloud cloud;
        org.avfusion.calibration.geometry.MountPose mount;
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
        ObstacleScan scan = new ObstacleScan(config.perception().azimuthBins(), 131_072);
        new GroundSegmenter(config.perception()).segment(cloud, mount, scan);
        grid = new OccupancyGrid(config.occupancy());
        new GridUpdater(config.occupancy()).integrate(grid, scan);
        grid.stampNanos(stamp);
        obstacles = new ObstacleList(config.occupancy().maxObjects());
        new ObstacleExtractor().extract(grid, obstacles);
        camera = new DetectionList(8);
        camera.add(712.5f, 143f, 810.75f, 308f, 0.82f, 0);
        camera.add(12.25f, 200f, 90.5f, 260f, 0.61f, 2);
        camera.add(300f, 180.5f, 340f, 230f, 0.455f, 9);
        decision = new DecisionPolicy(config.decision()).decide(stamp, true, false, 8.0, 0.0, grid);
        set = new AlignedSet(config.sensors().size());
        encoder = new PayloadEncoder(config.vehicle().id(),
                config.sensors().stream().map(s -> s.name()).toList(), "off (no --model given)");
    }

    @Benchmark
    public byte[] decision() {
        return encoder.decision(decision, set, stamp + 15_000_000L, 15.123, 3.456);
    }

    @Benchmark
    public byte[] objects() {
        return encoder.objects(stamp, obstacles, camera);
    }

    @Benchmark
    public byte[] occupancy() {
        return encoder.occupancy(grid);
    }
}
