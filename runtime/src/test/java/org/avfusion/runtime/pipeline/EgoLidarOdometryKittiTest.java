package org.avfusion.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pointcloud.io.PcdReader;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A recorded drive with nothing but lidar (../shared/data/kitti/tracking/0000/pcd, 10 Hz HDL-64E sweeps, no GNSS,
 * IMU or CAN) through the whole pipeline with a lidar-only profile: without lidar odometry the ego-motion filter
 * never hears from a source and every decision is STOP EGO_MOTION_UNKNOWN; with {@code ego.lidarOdometry: true}
 * the sweeps' odometry twist drives the filter (DEAD_RECKONED: there is no absolute source) and no decision stops
 * for ego motion after the second sweep.
 */
class EgoLidarOdometryKittiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PERIOD_NANOS = 100_000_000L;
    private static final int SWEEPS = 12;

    @ParameterizedTest(name = "lidarOdometry={0}")
    @CsvSource({"false", "true"})
    void kittiPcdFolderWithAndWithoutLidarOdometry(boolean lidarOdometry) throws Exception {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "tracking", "0000",
                "pcd");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/kitti/tracking/0000/pcd not found: "
                + dir.toAbsolutePath());
        RuntimeConfig defaults = new ConfigLoader().loadDefault();
        SensorConfig lidar = defaults.sensors().stream().filter(s -> s.kind() == SensorKind.LIDAR).findFirst()
                .orElseThrow();
        RuntimeConfig config = defaults.withVehicleAndSensors(defaults.vehicle(), List.of(lidar))
                .withEgo(defaults.ego().withLidarOdometry(lidarOdometry));
        PipelineTest.RecordingChannel channel = new PipelineTest.RecordingChannel();
        AtomicLong clock = new AtomicLong();
        BufferPool<PointCloud> clouds = new BufferPool<>("kitti.clouds", () -> new PointCloud(130_000), 2, 4);
        PcdReader reader = new PcdReader();
        try (Pipeline pipeline = new Pipeline(config, channel, clock::get, clock::get, (d, set, latency) -> { },
                "off (test)", null)) {
            for (int k = 0; k < SWEEPS; k++) {
                long stamp = (k + 1) * PERIOD_NANOS;
                PointCloud cloud;
                while ((cloud = clouds.acquire()) == null) {
                    Thread.sleep(5);
                }
                reader.read(dir.resolve(String.format(Locale.ROOT, "%010d.pcd", k)), cloud);
                clock.set(stamp + PERIOD_NANOS / 2);
                pipeline.sink().publish(new FrameHeader(lidar.id(), stamp, k), cloud);
                pipeline.tick(stamp + PERIOD_NANOS / 2);
            }
            pipeline.finish(120_000);
            pipeline.stageErrors().forEach((stage, n) -> assertEquals(0L, n, "errors in stage " + stage));
        }
        List<JsonNode> decisions = new ArrayList<>();
        synchronized (channel.decisions) {
            for (byte[] d : channel.decisions) {
                decisions.add(JSON.readTree(d));
            }
        }
        Map<String, Long> tally = new TreeMap<>();
        decisions.forEach(d -> tally.merge(d.path("kind").asText() + " " + d.path("reason").asText() + " "
                + d.path("egoQuality").asText(), 1L, Long::sum));
        System.out.println("KITTI tracking 0000, " + SWEEPS + " sweeps, lidarOdometry=" + lidarOdometry + ": " + tally);
        assertTrue(decisions.size() >= SWEEPS - 1, "decisions: " + decisions.size());
        if (!lidarOdometry) {
            assertEquals(Map.of("STOP EGO_MOTION_UNKNOWN UNKNOWN", (long) decisions.size()), tally,
                    "no ego-motion source at all");
            return;
        }
        List<JsonNode> later = decisions.subList(2, decisions.size());
        for (JsonNode d : later) {
            assertEquals("DEAD_RECKONED", d.path("egoQuality").asText(), "no absolute source: " + d);
            assertTrue(!d.path("reason").asText().startsWith("EGO_"), "no ego-motion STOP: " + tally);
            double v = d.path("speedMetersPerSecond").asDouble();
            assertTrue(v > 0.5 && v < 20, "the car drives forward at a town speed: " + v + " m/s in " + d);
        }
    }
}
