package org.avfusion.drivers.recorded.ros2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.frame.TwistSample;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.format.RecordingFormat;
import org.avfusion.drivers.recorded.format.RecordingFormatException;
import org.avfusion.drivers.recorded.format.RecordingFormats;
import org.avfusion.drivers.recorded.format.RecordingRequest;
import org.avfusion.drivers.recorded.format.RecordingSource;
import org.avfusion.drivers.recorded.mcap.McapChunkIndex;
import org.avfusion.drivers.recorded.mcap.McapCompression;
import org.avfusion.drivers.recorded.mcap.McapMessage;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.drivers.recorded.mcap.McapReaderConfig;
import org.avfusion.drivers.recorded.mcap.McapWriter;
import org.avfusion.drivers.recorded.mcap.McapWriterConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rosbag2 MCAP file offered to {@code replay --recording}: recognised, topics mapped, odometry replayed; one cut
 * short replays what is intact and counts the cut.
 */
class Ros2McapFormatTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    /** 2 s of a drive: /fix at 5 Hz, /imu at 50 Hz, /odom at 20 Hz (2 m/s, 0.1 rad/s), a /rosout String. */
    private Path drive() throws IOException {
        return drive(McapWriterConfig.of("ros2", McapCompression.ZSTD));
    }

    private Path drive(McapWriterConfig writerConfig) throws IOException {
        Path file = dir.resolve("drive_0.mcap");
        try (McapWriter w = McapWriter.create(file, writerConfig)) {
            int fixSchema = w.addSchema("sensor_msgs/msg/NavSatFix", "ros2msg", new byte[0]);
            int imuSchema = w.addSchema("sensor_msgs/msg/Imu", "ros2msg", new byte[0]);
            int odomSchema = w.addSchema("nav_msgs/msg/Odometry", "ros2msg", new byte[0]);
            int logSchema = w.addSchema("std_msgs/msg/String", "ros2msg", new byte[0]);
            int fix = w.addChannel("/fix", "cdr", fixSchema, Map.of());
            int imu = w.addChannel("/imu", "cdr", imuSchema, Map.of());
            int odom = w.addChannel("/odom", "cdr", odomSchema, Map.of());
            int log = w.addChannel("/rosout", "cdr", logSchema, Map.of());
            for (int i = 0; i < 100; i++) {
                long stamp = T0 + i * 20_000_000L;
                byte[] m = CdrWire.imu(false, stamp, 0, 0, 0.1, 0, 0, 9.81);
                w.writeMessage(imu, i, stamp + 1_000_000, stamp, m, 0, m.length);
                if (i % 2 == 0) {
                    byte[] o = CdrWire.odometry(false, stamp, i * 0.04, 2.0, 0.1);
                    w.writeMessage(odom, i, stamp + 2_000_000, stamp, o, 0, o.length);
                }
                if (i % 10 == 0) {
                    byte[] f = CdrWire.navSatFix(false, stamp, 0, 37.5 + i * 1e-6, -122.3, 10);
                    w.writeMessage(fix, i, stamp + 3_000_000, stamp, f, 0, f.length);
                    byte[] s = CdrWire.string(false, "tick " + i);
                    w.writeMessage(log, i, stamp + 3_000_000, stamp, s, 0, s.length);
                }
            }
        }
        return file;
    }

    @Test
    void aRosbag2McapReplaysItsGnssImuAndOdometry() throws Exception {
        Path file = drive();
        RecordingFormat format = RecordingFormats.detect(file);
        assertEquals("ros2-mcap", format.name());
        CollectingSink sink = new CollectingSink();
        SensorId odometry = new SensorId("odometry", SensorKind.ODOMETRY);
        try (RecordingSource source = format.open(file, RecordingRequest.defaults())) {
            assertEquals(List.of("gnss", "imu", "odometry"), source.sensors().stream().map(SensorId::name)
                    .sorted().toList());
            assertTrue(source.notes().stream().anyMatch(n -> n.contains("/rosout (std_msgs/msg/String) not "
                    + "replayed")), source.notes().toString());
            while (source.nextArrivalNanos() != RecordingSource.END) {
                source.emitNext(sink);
            }
        }
        List<TwistSample> twists = sink.recordsOf(odometry);
        assertEquals(50, twists.size(), "20 Hz odometry for 2 s");
        assertEquals(2.0, twists.get(7).forwardSpeedMetersPerSec(), 1e-12);
        assertEquals(0.1, twists.get(7).yawRateRadPerSec(), 1e-12);
        assertEquals(100, sink.headersOf(new SensorId("imu", SensorKind.IMU)).size());
        assertEquals(10, sink.headersOf(new SensorId("gnss", SensorKind.GNSS)).size());
    }

    @Test
    void aRosbag2McapCutShortReplaysItsCompleteChunksAndCountsTheCut() throws Exception {
        Path whole = drive(McapWriterConfig.of("ros2", McapCompression.ZSTD).withChunkSizeBytes(2048));
        List<McapChunkIndex> chunks;
        try (McapReader reader = McapReader.open(whole)) {
            chunks = reader.summary().chunkIndexes();
        }
        McapChunkIndex cutChunk = chunks.get(chunks.size() * 3 / 5);
        long cutAt = cutChunk.chunkStartOffset() + cutChunk.chunkLength() / 2;
        Path file = Files.write(dir.resolve("drive_cut.mcap"), Arrays.copyOf(Files.readAllBytes(whole),
                (int) cutAt));
        long imuBeforeCut = 0;
        try (McapReader reader = McapReader.open(whole, McapReaderConfig.strictFileOrder())) {
            McapMessage m = new McapMessage();
            while (reader.next(m)) {
                if (m.recordOffset() < cutChunk.chunkStartOffset() && m.channel().topic().equals("/imu")) {
                    imuBeforeCut++;
                }
            }
        }
        CollectingSink sink = new CollectingSink();
        try (RecordingSource source = RecordingFormats.detect(file).open(file, RecordingRequest.defaults())) {
            assertEquals(List.of("gnss", "imu", "odometry"), source.sensors().stream().map(SensorId::name)
                    .sorted().toList());
            while (source.nextArrivalNanos() != RecordingSource.END) {
                source.emitNext(sink);
            }
            assertEquals(1, source.skippedFrames(), source.skipMessages().toString());
            String skip = source.skipMessages().get(0);
            assertTrue(skip.startsWith("TRUNCATED_FILE: " + file + "@" + cutChunk.chunkStartOffset()
                    + ": the file ends at byte " + cutAt + ", inside this Chunk record") && skip.contains("the "
                    + "recording was cut short; ") && skip.endsWith("; the replay ends here"), skip);
        }
        assertTrue(imuBeforeCut > 20 && imuBeforeCut < 100, imuBeforeCut + " IMU messages before the cut");
        assertEquals(imuBeforeCut, sink.headersOf(new SensorId("imu", SensorKind.IMU)).size(),
                "every IMU message of the complete chunks");
    }

    @Test
    void aRealRosbag2CutInItsSummaryStillListsItsTopics() throws Exception {
        byte[] bytes = Files.readAllBytes(CollectingSink.sharedData("mcap/talker.mcap"));
        Path talker = Files.write(dir.resolve("talker_cut.mcap"), Arrays.copyOf(bytes, bytes.length / 2));
        RecordingFormatException e = assertThrows(RecordingFormatException.class,
                () -> RecordingFormats.detect(talker).open(talker, RecordingRequest.defaults()));
        assertTrue(e.getMessage().contains("/topic (std_msgs/msg/String)"), e.getMessage());
    }

    @Test
    void anMcapCutInsideItsMagicOrHeaderIsRefusedSayingSo() throws Exception {
        byte[] bytes = Files.readAllBytes(drive());
        for (int length : new int[] {5, 20}) {
            Path file = Files.write(dir.resolve("cut" + length + ".mcap"), Arrays.copyOf(bytes, length));
            RecordingFormatException e = assertThrows(RecordingFormatException.class,
                    () -> RecordingFormats.detect(file).open(file, RecordingRequest.defaults()));
            assertTrue(e.getMessage().startsWith(file + ": not a readable MCAP file at byte ")
                    && e.getMessage().contains("the file ends at byte " + length)
                    && e.getMessage().endsWith("truncated, cut short before anything was recorded"), e.getMessage());
        }
    }

    @Test
    void anExplicitTopicMapNamesTheSensors() throws Exception {
        Path file = drive();
        RecordingRequest request = RecordingRequest.defaults().withTopics(Map.of("/odom", "wheels"));
        try (RecordingSource source = RecordingFormats.detect(file).open(file, request)) {
            assertEquals(List.of(new SensorId("wheels", SensorKind.ODOMETRY)), source.sensors());
        }
    }

    @Test
    void aFileWithNoSensorTopicListsWhatItHas() throws Exception {
        Path talker = CollectingSink.sharedData("mcap/talker.mcap");
        RecordingFormatException e = assertThrows(RecordingFormatException.class,
                () -> RecordingFormats.detect(talker).open(talker, RecordingRequest.defaults()));
        assertTrue(e.getMessage().contains("/topic (std_msgs/msg/String)") && e.getMessage().contains("talker.mcap"),
                e.getMessage());
    }

    @Test
    void aMappedTopicTheFileLacksIsNamed() throws Exception {
        Path missing = drive();
        RecordingFormatException absent = assertThrows(RecordingFormatException.class,
                () -> RecordingFormats.detect(missing).open(missing, RecordingRequest.defaults().withTopics(
                        Map.of("/velodyne_points", "lidar_top"))));
        assertTrue(absent.getMessage().contains("/velodyne_points") && absent.getMessage().contains("/odom "
                + "(nav_msgs/msg/Odometry)"), absent.getMessage());
    }
}
