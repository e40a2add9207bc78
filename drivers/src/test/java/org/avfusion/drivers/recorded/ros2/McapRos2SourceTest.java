package org.avfusion.drivers.recorded.ros2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.recorded.mcap.McapCompression;
import org.avfusion.drivers.recorded.mcap.McapWriter;
import org.avfusion.drivers.recorded.mcap.McapWriterConfig;
import org.avfusion.drivers.source.RecordedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MCAP file of ROS 2 sensor messages replayed as frames: log time order, header stamps on the vehicle clock,
 * undecodable channels skipped and counted per channel, bad messages counted, truncated files replayed up to the
 * damage; and the rosbag2 file wbag_0.mcap, whose std_msgs/String channel cannot feed a sensor.
 */
class McapRos2SourceTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final SensorId IMU = new SensorId("imu_main", SensorKind.IMU);
    private static final SensorId GNSS = new SensorId("gnss_main", SensorKind.GNSS);
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);
    private static final SensorId CAMERA = new SensorId("cam_front", SensorKind.CAMERA);

    @TempDir
    Path dir;

    /**
     * 100 IMU messages every 10 ms (log time 1 ms after the stamp; number 37 has a NaN rate), a fix every 100 ms, a
     * 3-point cloud every 50 ms, a std_msgs/String on /camera every 100 ms (mapped to a camera: undecodable) and a
     * /tf channel nobody asked for. Within each 2 KiB chunk the IMU is written after the others although it is
     * older: log time order must still come out.
     */
    private Path recording(McapCompression compression) throws IOException {
        Path file = dir.resolve("drive-" + compression + ".mcap");
        try (McapWriter w = McapWriter.create(file, McapWriterConfig.of("ros2", compression)
                .withChunkSizeBytes(2048))) {
            int imuSchema = w.addSchema("sensor_msgs/msg/Imu", "ros2msg", new byte[0]);
            int fixSchema = w.addSchema("sensor_msgs/msg/NavSatFix", "ros2msg", new byte[0]);
            int cloudSchema = w.addSchema("sensor_msgs/msg/PointCloud2", "ros2msg", new byte[0]);
            int stringSchema = w.addSchema("std_msgs/msg/String", "ros2msg", "string data".getBytes(
                    StandardCharsets.UTF_8));
            int imu = w.addChannel("/imu", "cdr", imuSchema, Map.of());
            int fix = w.addChannel("/fix", "cdr", fixSchema, Map.of());
            int points = w.addChannel("/points", "cdr", cloudSchema, Map.of());
            int camera = w.addChannel("/camera", "cdr", stringSchema, Map.of());
            int tf = w.addChannel("/tf", "cdr", stringSchema, Map.of());
            for (int i = 0; i < 100; i++) {
                long stamp = T0 + i * 10_000_000L;
                if (i % 10 == 0) {
                    byte[] m = CdrWire.navSatFix(i % 20 == 0, stamp, 0, 48 + i * 1e-5, 11, 500);
                    w.writeMessage(fix, i, stamp + 2_000_000, stamp, m, 0, m.length);
                    byte[] s = CdrWire.string(false, "frame " + i);
                    w.writeMessage(camera, i, stamp + 3_000_000, stamp, s, 0, s.length);
                    w.writeMessage(tf, i, stamp + 3_000_000, stamp, s, 0, s.length);
                }
                if (i % 5 == 0) {
                    byte[] m = CdrWire.cloud(false, stamp, new float[][] {{1, 0, 0, 5, 0, 0}, {2, 0, 0, 6, 1, 0.01f},
                        {3, 0, 0, 7, 2, 0.02f}});
                    w.writeMessage(points, i, stamp + 4_000_000, stamp, m, 0, m.length);
                }
                byte[] m = CdrWire.imu(i % 2 == 1, stamp, i == 37 ? Double.NaN : 0.01 * i, 0, 0.1, 0, 0, 9.81);
                w.writeMessage(imu, i, stamp + 1_000_000, stamp, m, 0, m.length);
            }
        }
        return file;
    }

    private static McapRos2Config config() {
        return McapRos2Config.of(Map.of("/imu", IMU, "/fix", GNSS, "/points", LIDAR, "/camera", CAMERA))
                .withLimits(64, 64, 2, 1024, 2, 1 << 20);
    }

    /** Emits every frame; returns the arrival times. */
    private static List<Long> replay(RecordedSource source, CollectingSink sink) {
        List<Long> arrivals = new ArrayList<>();
        while (source.nextArrivalNanos() != RecordedSource.END) {
            arrivals.add(source.nextArrivalNanos());
            source.emitNext(sink);
        }
        return arrivals;
    }

    @Test
    void replaysSensorMessagesInLogTimeOrderOnTheVehicleClock() throws IOException {
        for (McapCompression compression : McapCompression.values()) {
            RecordedHealth health = new RecordedHealth("drive");
            CollectingSink sink = new CollectingSink();
            List<Long> arrivals;
            try (McapRos2Source source = McapRos2Source.open(recording(compression), config(), health)) {
                arrivals = replay(source, sink);
                assertEquals(Map.of(3, 10L), source.undecodableByChannel(), "the String channel on /camera");
                assertEquals(source.cloudPool().createdCount(), source.cloudPool().freeCount());
                assertTrue(source.describe().contains("/imu -> imu_main"), source.describe());
            }
            List<Long> sorted = new ArrayList<>(arrivals);
            sorted.sort(null);
            assertEquals(sorted, arrivals, compression + ": arrivals in log time order");
            assertEquals(99, sink.headersOf(IMU).size(), "100 IMU messages, one with a NaN rate");
            assertEquals(10, sink.headersOf(GNSS).size());
            assertEquals(20, sink.headersOf(LIDAR).size());
            assertEquals(0, sink.headersOf(CAMERA).size());
            assertEquals(0, sink.headersOf(GNSS).get(0).stampNanos(), "first replayed stamp is vehicle time 0");
            assertEquals(1_000_000, arrivals.get(0), "arrives at its log time, 1 ms after its stamp");
            assertEquals(900_000_000L, sink.headersOf(GNSS).get(9).stampNanos());
            assertEquals(98, sink.headersOf(IMU).get(98).sequence(), "sequences count frames produced");
            ImuSample imu = sink.<ImuSample>recordsOf(IMU).get(1);
            assertEquals(0.01, imu.gyroXRadPerSec(), 1e-12, "a big-endian message");
            GnssFix fix = sink.<GnssFix>recordsOf(GNSS).get(1);
            assertEquals(48 + 10 * 1e-5, fix.latitudeDeg(), 1e-12);
            assertEquals(1, health.rejected(RejectReason.IMPOSSIBLE_VALUE), health.toString());
            assertEquals(1, health.rejected(RejectReason.UNSUPPORTED), "one line per undecodable channel");
            assertTrue(health.messages().stream().anyMatch(m -> m.contains("channel 3 (/camera): schema "
                    + "std_msgs/msg/String is not a sensor message")), health.messages().toString());
        }
    }

    @Test
    void cloudPointsKeepTheirFields() throws IOException {
        List<float[]> seen = new ArrayList<>();
        CollectingSink sink = new CollectingSink((h, p) -> {
            if (p instanceof PointCloud cloud) {
                seen.add(new float[] {cloud.size(), cloud.x(2), cloud.intensity(2), cloud.ring(2),
                    cloud.timeOffsetNanos(2)});
            }
        });
        try (McapRos2Source source = McapRos2Source.open(recording(McapCompression.ZSTD), config(),
                new RecordedHealth("drive"))) {
            replay(source, sink);
        }
        assertEquals(20, seen.size());
        assertEquals(List.of(3f, 3f, 7f, 2f, 20_000_000f), toList(seen.get(0)));
    }

    private static List<Float> toList(float[] values) {
        List<Float> out = new ArrayList<>();
        for (float v : values) {
            out.add(v);
        }
        return out;
    }

    @Test
    void aTopicTheFileDoesNotHaveIsRefusedByName() throws IOException {
        Path file = recording(McapCompression.NONE);
        McapRos2Config config = McapRos2Config.of(Map.of("/gps/fix", GNSS));
        RecordedDriveException e = assertThrows(RecordedDriveException.class,
                () -> McapRos2Source.open(file, config, new RecordedHealth("drive")));
        assertTrue(e.getMessage().contains("topic /gps/fix (sensor gnss_main) is not in the MCAP file; its topics "
                + "are [/camera, /fix, /imu, /points, /tf]"), e.getMessage());
        McapRos2Config wrongKind = McapRos2Config.of(Map.of("/imu", GNSS));
        RecordedDriveException kind = assertThrows(RecordedDriveException.class,
                () -> McapRos2Source.open(file, wrongKind, new RecordedHealth("drive")));
        assertTrue(kind.getMessage().contains("carries sensor_msgs/msg/Imu (IMU) but is mapped to sensor gnss_main"),
                kind.getMessage());
    }

    @Test
    void notAnMcapFileIsRefusedWithFileAndOffset() throws IOException {
        Path file = Files.write(dir.resolve("not.mcap"), "#ROSBAG V2.0\n".getBytes(StandardCharsets.US_ASCII));
        RecordedHealth health = new RecordedHealth("drive");
        RecordedDriveException e = assertThrows(RecordedDriveException.class,
                () -> McapRos2Source.open(file, config(), health));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().startsWith(file + "@0: not an MCAP file"), e.getMessage());
        assertEquals(1, health.rejected(RejectReason.UNREADABLE_FILE));
        assertThrows(RecordedDriveException.class, () -> McapRos2Source.open(dir.resolve("missing.mcap"), config(),
                new RecordedHealth("drive")));
    }

    /**
     * Before a paced replay's clock: pooled clouds for the lidar topic, up to the pool's bound, and none made while
     * reading after it; no image for the camera topic, whose String channel cannot feed it; none for a file without
     * a summary (cut short), whose topics are not known at open.
     */
    @Test
    void preallocatesBuffersOnlyForTopicsTheSummaryListsWithTheirSensorsSchema() throws IOException {
        try (McapRos2Source source = McapRos2Source.open(recording(McapCompression.ZSTD), config(),
                new RecordedHealth("drive"))) {
            assertEquals(0, source.cloudPool().createdCount(), "none made at open");
            source.preallocateBuffers(3);
            assertEquals(2, source.cloudPool().createdCount(), "3 asked for the one lidar topic, the pool holds 2");
            assertEquals(0, source.imagePool().createdCount(), "/camera carries std_msgs/String: no image");
            replay(source, new CollectingSink());
            assertEquals(2, source.cloudPool().createdCount(), "none made while reading");
            assertThrows(IllegalArgumentException.class, () -> source.preallocateBuffers(-1));
        }
        byte[] bytes = Files.readAllBytes(recording(McapCompression.LZ4));
        Path cut = Files.write(dir.resolve("cut-early.mcap"), Arrays.copyOf(bytes, bytes.length / 2));
        try (McapRos2Source source = McapRos2Source.open(cut, config(), new RecordedHealth("drive"))) {
            source.preallocateBuffers(2);
            assertEquals(0, source.cloudPool().createdCount(), "no summary: its topics are not known at open");
            assertEquals(0, source.imagePool().createdCount());
        }
    }

    @Test
    void aTruncatedRecordingReplaysUpToTheDamageAndCountsIt() throws IOException {
        byte[] bytes = Files.readAllBytes(recording(McapCompression.LZ4));
        Path cut = Files.write(dir.resolve("cut.mcap"), Arrays.copyOf(bytes, bytes.length / 2));
        RecordedHealth health = new RecordedHealth("drive");
        CollectingSink sink = new CollectingSink();
        try (McapRos2Source source = McapRos2Source.open(cut, config(), health)) {
            replay(source, sink);
        }
        int frames = sink.headers.size();
        assertTrue(frames > 20 && frames < 129, frames + " frames before the damage");
        assertEquals(1, health.rejected(RejectReason.TRUNCATED_FILE), health.toString());
        assertTrue(health.lastError().contains(cut + "@") && health.lastError().contains("truncated"),
                health.lastError());
    }

    @Test
    void mutatedRecordingsNeverThrowOutOfTheSourceAndReturnEveryBuffer() throws IOException {
        byte[] original = Files.readAllBytes(recording(McapCompression.NONE));
        java.util.Random random = new java.util.Random(0x5EED_2026L);
        Path mutant = dir.resolve("mutant.mcap");
        for (int round = 0; round < 60; round++) {
            byte[] copy = original.clone();
            for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            Files.write(mutant, round % 4 == 3 ? Arrays.copyOf(copy, random.nextInt(copy.length)) : copy);
            RecordedHealth health = new RecordedHealth("mutant");
            McapRos2Source source;
            try {
                source = McapRos2Source.open(mutant, config(), health);
            } catch (RecordedDriveException refused) {
                assertTrue(refused.getMessage().startsWith(mutant.toString()), refused.getMessage());
                continue;
            }
            try (source) {
                replay(source, new CollectingSink());
                assertEquals(source.cloudPool().createdCount(), source.cloudPool().freeCount(), "round " + round);
                assertEquals(source.imagePool().createdCount(), source.imagePool().freeCount(), "round " + round);
            } catch (RuntimeException e) {
                throw new AssertionError("seed 0x5EED_2026 round " + round + ": " + e, e);
            }
        }
    }

    @Test
    void wbagStringChannelsMappedToASensorAreSkippedAndCountedPerChannel() throws IOException {
        Path file = CollectingSink.sharedData("mcap/wbag_0.mcap");
        RecordedHealth health = new RecordedHealth("wbag");
        CollectingSink sink = new CollectingSink();
        try (McapRos2Source source = McapRos2Source.open(file, McapRos2Config.of(Map.of("AAA", IMU, "HHH", GNSS)),
                health)) {
            replay(source, sink);
            assertEquals(Map.of(1, 174L, 8, 148L), source.undecodableByChannel());
        }
        assertEquals(0, sink.headers.size());
        assertEquals(2, health.rejected(RejectReason.UNSUPPORTED));
    }
}
