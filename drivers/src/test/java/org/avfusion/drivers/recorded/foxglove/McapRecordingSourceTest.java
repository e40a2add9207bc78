package org.avfusion.drivers.recorded.foxglove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.recorded.mcap.McapChunkIndex;
import org.avfusion.drivers.recorded.mcap.McapCompression;
import org.avfusion.drivers.recorded.mcap.McapMessage;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.drivers.recorded.mcap.McapReaderConfig;
import org.avfusion.drivers.recorded.mcap.McapWriter;
import org.avfusion.drivers.recorded.mcap.McapWriterConfig;
import org.avfusion.drivers.source.RecordedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our recordings' input channels back into frames: exact for clouds, GNSS (NaN fields included) and IMU, the JPEG's
 * size for images; bad messages skipped and counted naming file and offset; files that are not ours refused; a
 * recording cut short replays its intact part with every sensor and counts the cut.
 */
class McapRecordingSourceTest {
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);
    private static final SensorId CAMERA = new SensorId("camera_front", SensorKind.CAMERA);
    private static final SensorId GNSS = new SensorId("gnss", SensorKind.GNSS);
    private static final SensorId IMU = new SensorId("imu", SensorKind.IMU);

    @TempDir
    Path dir;

    private static int channel(McapWriter w, SensorId s) throws Exception {
        String schema = InputChannels.schemaName(s.kind());
        int id = w.addSchema(schema, FoxgloveSchemas.ENCODING, FoxgloveSchemas.of(schema));
        return w.addChannel(InputChannels.topic(s), FoxgloveSchemas.MESSAGE_ENCODING, id, InputChannels.metadata(s));
    }

    private static void write(McapWriter w, int channel, long sequence, long log, long publish, byte[] data)
            throws Exception {
        w.writeMessage(channel, sequence, log, publish, data, 0, data.length);
    }

    private static McapWriterConfig config() {
        return McapWriterConfig.of("", McapCompression.ZSTD);
    }

    @Test
    void everyKindRoundTripsWithItsHeaderAndArrival() throws Exception {
        Path file = dir.resolve("inputs.mcap");
        PointCloud cloud = new PointCloud(4);
        cloud.add(1.5f, -2.25f, 0.125f, 77f, 12345, 31);
        cloud.add(-3f, 4f, -1f, 0f, -5, 0);
        GnssFix fix = new GnssFix(GnssFix.UNKNOWN_TIME, 48.1, 11.5, Double.NaN, 3.25, 90.5, FixMode.FIX_2D, 1.2, 7);
        ImuSample imu = new ImuSample(0.01, -0.02, 0.3, 0.1, 0.2, 9.81);
        byte[] bgr = new byte[32 * 16 * 3];
        Arrays.fill(bgr, (byte) 128);
        InputEncoder enc = new InputEncoder(90);
        try (McapWriter w = McapWriter.create(file, config())) {
            int l = channel(w, LIDAR);
            int c = channel(w, CAMERA);
            int g = channel(w, GNSS);
            int i = channel(w, IMU);
            write(w, l, 5, 1_000, 900, enc.pointCloud("lidar_top", -11_948_632L, InputEncoder.pack(cloud)));
            write(w, c, 6, 2_000, 1_900, enc.image("camera_front", 1_900, bgr, 32, 16));
            write(w, g, 7, 3_000, 2_900, enc.gnss("gnss", 2_900, fix));
            write(w, i, 8, 3_000, 2_950, enc.imu("imu", 2_950, imu));
        }
        assertTrue(McapRecordingSource.recognizes(file));
        List<Object> seen = new java.util.ArrayList<>();
        CollectingSink sink = new CollectingSink((h, p) -> {
            if (p instanceof PointCloud pc) {
                seen.add(List.of(pc.size(), pc.x(0), pc.y(0), pc.z(0), pc.intensity(0), pc.timeOffsetNanos(0),
                        pc.ring(0), pc.timeOffsetNanos(1)));
            } else if (p instanceof CameraImage im) {
                seen.add(List.of(im.width(), im.height()));
            }
        });
        RecordedHealth health = new RecordedHealth("inputs");
        try (McapRecordingSource source = McapRecordingSource.open(file, McapRecordingSource.Config.defaults(),
                health)) {
            assertEquals(List.of(LIDAR, CAMERA, GNSS, IMU), source.sensors());
            long[] arrivals = new long[4];
            for (int k = 0; k < 4; k++) {
                arrivals[k] = source.nextArrivalNanos();
                source.emitNext(sink);
            }
            assertEquals(RecordedSource.END, source.nextArrivalNanos());
            assertArrayEquals(new long[] {1_000, 2_000, 3_000, 3_000}, arrivals, "arrival = log time");
        }
        assertEquals(0, health.rejected(), health.lastError());
        assertEquals(List.of(LIDAR, CAMERA, GNSS, IMU), sink.headers.stream().map(h -> h.sensor()).toList());
        assertEquals(-11_948_632L, sink.headers.get(0).stampNanos(), "a stamp before zero survives");
        assertEquals(List.of(5L, 6L, 7L, 8L), sink.headers.stream().map(h -> h.sequence()).toList());
        assertEquals(List.of(2, 1.5f, -2.25f, 0.125f, 77f, 12345, 31, -5), seen.get(0), "the cloud, exact");
        assertEquals(List.of(32, 16), seen.get(1), "the image's size");
        assertEquals(fix, sink.records.get(2), "GNSS exact, NaN and unknown time included");
        assertEquals(imu, sink.records.get(3));
    }

    /**
     * Before a paced replay's clock: pooled clouds for the recording's lidar (two per stream, up to the pool's
     * bound), no image for a recording without a camera, and none made while reading after it.
     */
    @Test
    void preallocatesCloudsForItsLidarAndNoImageWithoutACamera() throws Exception {
        Path file = dir.resolve("lidar-gnss.mcap");
        PointCloud cloud = new PointCloud(4);
        cloud.add(1f, 2f, 3f, 4f, 0, 1);
        InputEncoder enc = new InputEncoder(90);
        try (McapWriter w = McapWriter.create(file, config())) {
            int l = channel(w, LIDAR);
            int g = channel(w, GNSS);
            for (int k = 0; k < 3; k++) {
                write(w, l, k, 1_000 + k * 100, 900 + k * 100, enc.pointCloud("lidar_top", 900 + k * 100,
                        InputEncoder.pack(cloud)));
                write(w, g, k, 1_050 + k * 100, 950 + k * 100, enc.gnss("gnss", 950 + k * 100,
                        new GnssFix(GnssFix.UNKNOWN_TIME, 48.1, 11.5, 500, 0, 0, FixMode.FIX_3D, 1.0, 9)));
            }
        }
        McapRecordingSource.Config small = new McapRecordingSource.Config(16, 3, 16, 16, 3);
        try (McapRecordingSource source = McapRecordingSource.open(file, small, new RecordedHealth("lidar-gnss"))) {
            BufferPool<?> clouds = source.pools().get(0);
            BufferPool<?> images = source.pools().get(1);
            assertEquals(0, clouds.createdCount(), "none made at open");
            source.preallocateBuffers(2);
            assertEquals(2, clouds.createdCount(), "two for the one lidar");
            assertEquals(0, images.createdCount(), "no camera in the recording");
            source.preallocateBuffers(5);
            assertEquals(3, clouds.createdCount(), "up to the pool's bound of 3");
            CollectingSink sink = new CollectingSink();
            while (source.nextArrivalNanos() != RecordedSource.END) {
                source.emitNext(sink);
            }
            assertEquals(3, sink.headersOf(LIDAR).size());
            assertEquals(3, clouds.createdCount(), "none made while reading");
            assertThrows(IllegalArgumentException.class, () -> source.preallocateBuffers(-1));
        }
    }

    @Test
    void aMalformedMessageIsSkippedAndCountedNamingFileAndOffsetAndTheNextOneStillComes() throws Exception {
        Path file = dir.resolve("bad.mcap");
        InputEncoder enc = new InputEncoder(90);
        try (McapWriter w = McapWriter.create(file, config())) {
            int i = channel(w, IMU);
            write(w, i, 0, 10, 10, "not json".getBytes(StandardCharsets.UTF_8));
            write(w, i, 1, 20, 20, "{\"timestamp\":{\"sec\":0,\"nsec\":2000000000}}".getBytes(
                    StandardCharsets.UTF_8));
            write(w, i, 2, 30, 30, enc.imu("imu", 30, new ImuSample(0, 0, 0, 0, 0, 9.8)));
        }
        CollectingSink sink = new CollectingSink();
        RecordedHealth health = new RecordedHealth("bad");
        try (McapRecordingSource source = McapRecordingSource.open(file, McapRecordingSource.Config.defaults(),
                health)) {
            while (source.nextArrivalNanos() != RecordedSource.END) {
                source.emitNext(sink);
            }
        }
        assertEquals(1, sink.records.size());
        assertEquals(2L, sink.headers.get(0).sequence());
        assertEquals(2, health.rejected(RejectReason.MALFORMED));
        assertTrue(health.lastError().contains(file + "@") && health.lastError().contains("nsec 2000000000"),
                health.lastError());
    }

    @Test
    void aTruncatedRecordingReplaysUpToTheDamageAndSaysWhere() throws Exception {
        Path file = dir.resolve("cut.mcap");
        InputEncoder enc = new InputEncoder(90);
        try (McapWriter w = McapWriter.create(file, config().withChunkSizeBytes(1024))) {
            int i = channel(w, IMU);
            for (int k = 0; k < 200; k++) {
                write(w, i, k, 1_000L * k, 1_000L * k, enc.imu("imu", 1_000L * k,
                        new ImuSample(k, 0, 0, 0, 0, 9.8)));
            }
        }
        byte[] all = Files.readAllBytes(file);
        Path cut = dir.resolve("cut-half.mcap");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        CollectingSink sink = new CollectingSink();
        RecordedHealth health = new RecordedHealth("cut");
        try (McapRecordingSource source = McapRecordingSource.open(cut, McapRecordingSource.Config.defaults(),
                health)) {
            while (source.nextArrivalNanos() != RecordedSource.END) {
                source.emitNext(sink);
            }
        }
        assertTrue(sink.records.size() > 20 && sink.records.size() < 200, "frames: " + sink.records.size());
        assertEquals(1, health.rejected(RejectReason.TRUNCATED_FILE), "the cut is counted: " + health);
        assertTrue(health.lastError().contains(cut.toString()), health.lastError());
    }

    /**
     * 3 s of a drive recorded as the runtime records it: the IMU's channel first, the lidar's and the GNSS's
     * registered when their first frames come (so in a later chunk), 4 KiB chunks.
     */
    private Path driveWithLateChannels(Path file) throws Exception {
        InputEncoder enc = new InputEncoder(90);
        PointCloud cloud = new PointCloud(32);
        for (int k = 0; k < 32; k++) {
            cloud.add(k, -k, 0.5f, 10f, k, k % 16);
        }
        byte[] packed = InputEncoder.pack(cloud);
        try (McapWriter w = McapWriter.create(file, config().withChunkSizeBytes(4096))) {
            int imu = channel(w, IMU);
            int lidar = -1;
            int gnss = -1;
            for (int k = 0; k < 300; k++) {
                long t = 10_000_000L * k;
                write(w, imu, k, t, t, enc.imu("imu", t, new ImuSample(k, 0, 0, 0, 0, 9.8)));
                if (k == 60) {
                    lidar = channel(w, LIDAR);
                    gnss = channel(w, GNSS);
                }
                if (k >= 60 && k % 10 == 0) {
                    write(w, lidar, k, t + 1, t, enc.pointCloud("lidar_top", t, packed));
                }
                if (k >= 60 && k % 20 == 0) {
                    write(w, gnss, k, t + 2, t, enc.gnss("gnss", t, new GnssFix(GnssFix.UNKNOWN_TIME, 48.1, 11.5,
                            500, 8, 90, FixMode.FIX_3D, 1.0, 9)));
                }
            }
        }
        return file;
    }

    @Test
    void aZeroedChunkInTheMiddleCostsItsOwnFramesCountedBySensorAndTheReplayGoesOn() throws Exception {
        Path file = driveWithLateChannels(dir.resolve("drive.mcap"));
        java.util.List<org.avfusion.drivers.recorded.mcap.McapChunkIndex> chunks;
        long total;
        try (McapReader reader = McapReader.open(file)) {
            chunks = reader.summary().chunkIndexes();
            total = reader.summary().statistics().messageCount();
        }
        var chunk = chunks.get(chunks.size() / 2);
        long end = chunk.chunkStartOffset() + chunk.chunkLength();
        java.util.Map<String, Long> inChunk = new java.util.TreeMap<>(messagesBefore(file, end));
        messagesBefore(file, chunk.chunkStartOffset()).forEach((topic, n) -> inChunk.merge(topic, -n, Long::sum));
        long lost = inChunk.values().stream().mapToLong(Long::longValue).sum();
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, (int) chunk.chunkStartOffset(), (int) end, (byte) 0);
        Path bad = Files.write(dir.resolve("drive-zeroed-chunk.mcap"), bytes);
        CollectingSink sink = new CollectingSink();
        RecordedHealth health = new RecordedHealth("zeroed");
        try (McapRecordingSource source = McapRecordingSource.open(bad, McapRecordingSource.Config.defaults(),
                health)) {
            while (source.nextArrivalNanos() != RecordedSource.END) {
                source.emitNext(sink);
            }
        }
        assertTrue(lost > 5, inChunk.toString());
        assertEquals(total - lost, sink.records.size(), "every other chunk replays: " + health);
        assertEquals(lost, health.rejected(RejectReason.UNREADABLE_FILE), health.toString());
        assertEquals(lost, health.rejected(), "nothing else counted: " + health.messages());
        assertEquals(1, health.messages().size(), "one message for the chunk: " + health.messages());
        String message = health.messages().get(0);
        assertTrue(message.contains(bad + "@" + chunk.chunkStartOffset() + ": "), message);
        assertTrue(message.contains(lost + " frames of {imu=" + inChunk.get(InputChannels.topic(IMU))), message);
        assertTrue(message.contains("reading goes on at the next chunk"), message);
    }

    /** Messages of {@code file} recorded before {@code byteOffset} (their chunk starts before it), by topic. */
    private static java.util.Map<String, Long> messagesBefore(Path file, long byteOffset) throws Exception {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        try (McapReader reader = McapReader.open(file, McapReaderConfig.strictFileOrder())) {
            McapMessage m = new McapMessage();
            while (reader.next(m)) {
                if (m.recordOffset() < byteOffset) {
                    counts.merge(m.channel().topic(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    @Test
    void aRecordingCutShortKnowsEverySensorOfItsIntactPartAndReplaysEveryCompleteChunk() throws Exception {
        Path whole = driveWithLateChannels(dir.resolve("whole.mcap"));
        List<McapChunkIndex> chunks;
        try (McapReader reader = McapReader.open(whole)) {
            chunks = reader.summary().chunkIndexes();
        }
        McapChunkIndex cutChunk = chunks.get(chunks.size() * 2 / 3);
        long cutAt = cutChunk.chunkStartOffset() + cutChunk.chunkLength() / 2;
        Path cut = Files.write(dir.resolve("cut.mcap"), Arrays.copyOf(Files.readAllBytes(whole), (int) cutAt));
        java.util.Map<String, Long> expected = messagesBefore(whole, cutChunk.chunkStartOffset());
        long expectedAll = expected.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(chunks.get(0).messageEndNanos() < 600_000_000L, "the first chunk holds only IMU messages");

        CollectingSink sink = new CollectingSink();
        RecordedHealth health = new RecordedHealth("cut");
        try (McapRecordingSource source = McapRecordingSource.open(cut, McapRecordingSource.Config.defaults(),
                health)) {
            assertEquals(List.of(IMU, LIDAR, GNSS), source.sensors(), "every sensor before the first frame");
            assertEquals(chunks.get(chunks.indexOf(cutChunk) - 1).messageEndNanos(), source.lastArrivalNanos(),
                    "the last log time of the intact part");
            while (source.nextArrivalNanos() != RecordedSource.END) {
                source.emitNext(sink);
            }
        }
        assertEquals(expected.get("/sensors/imu"), sink.headersOf(IMU).size());
        assertEquals(expected.get("/sensors/lidar_top"), sink.headersOf(LIDAR).size());
        assertEquals(expected.get("/sensors/gnss"), sink.headersOf(GNSS).size());
        assertEquals(1, health.rejected(RejectReason.TRUNCATED_FILE), health.messages().toString());
        assertEquals(1, health.rejected(), health.messages().toString());
        assertEquals("TRUNCATED_FILE: " + cut + "@" + cutChunk.chunkStartOffset() + ": the file ends at byte "
                + cutAt + ", inside this Chunk record (it claims " + (cutChunk.chunkLength() - 9) + " bytes, "
                + (cutAt - cutChunk.chunkStartOffset() - 9) + " are there): truncated, the recording was cut short; "
                + expectedAll + " messages read, the cut chunk's messages (" + String.format(java.util.Locale.ROOT,
                "%.3f s of log time from %.3f s", (cutChunk.messageEndNanos() - cutChunk.messageStartNanos()) / 1e9,
                cutChunk.messageStartNanos() / 1e9) + ") lost; the replay ends here", health.lastError());
    }

    @Test
    void aRecordingCutBeforeItsFirstChunkEndsIsRefusedNamingTheCut() throws Exception {
        Path whole = driveWithLateChannels(dir.resolve("whole.mcap"));
        McapChunkIndex first;
        try (McapReader reader = McapReader.open(whole)) {
            first = reader.summary().chunkIndexes().get(0);
        }
        long cutAt = first.chunkStartOffset() + 100;
        Path cut = Files.write(dir.resolve("cut.mcap"), Arrays.copyOf(Files.readAllBytes(whole), (int) cutAt));
        RecordedHealth health = new RecordedHealth("cut");
        RecordedDriveException e = assertThrows(RecordedDriveException.class, () -> McapRecordingSource.open(cut,
                McapRecordingSource.Config.defaults(), health));
        assertTrue(e.getMessage().startsWith(cut + "@" + first.chunkStartOffset() + ": no input channel")
                && e.getMessage().contains("in the intact part: the file ends at byte " + cutAt)
                && e.getMessage().contains("the recording was cut short; 0 messages read"), e.getMessage());
        assertEquals(1, health.rejected(RejectReason.TRUNCATED_FILE), health.messages().toString());
    }

    @Test
    void aRecordingCutInsideItsMagicOrHeaderIsRefusedSayingSo() throws Exception {
        Path whole = driveWithLateChannels(dir.resolve("whole.mcap"));
        byte[] bytes = Files.readAllBytes(whole);
        for (int length : new int[] {0, 5, 12, 20}) {
            Path cut = Files.write(dir.resolve("cut" + length + ".mcap"), Arrays.copyOf(bytes, length));
            RecordedHealth health = new RecordedHealth("cut");
            RecordedDriveException e = assertThrows(RecordedDriveException.class, () -> McapRecordingSource.open(
                    cut, McapRecordingSource.Config.defaults(), health), length + " bytes");
            assertTrue(e.getMessage().startsWith(cut + "@") && e.getMessage().contains("truncated, cut short "
                    + "before anything was recorded"), e.getMessage());
            assertEquals(1, health.rejected(RejectReason.TRUNCATED_FILE), length + " bytes: " + health.messages());
        }
    }

    @Test
    void aFileWithoutInputChannelsIsRefusedNamingIt() throws Exception {
        Path file = dir.resolve("outputs-only.mcap");
        try (McapWriter w = McapWriter.create(file, config())) {
            w.addChannel("/avfusion/decision", "json", 0, java.util.Map.of());
        }
        RecordedDriveException e = assertThrows(RecordedDriveException.class, () -> McapRecordingSource.open(file,
                McapRecordingSource.Config.defaults(), new RecordedHealth("x")));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("no input channel"),
                e.getMessage());
    }

    @Test
    void recognizesOnlyOurMcapFiles() throws Exception {
        Path text = Files.writeString(dir.resolve("a.mcap"), "hello");
        assertFalse(McapRecordingSource.recognizes(text));
        assertFalse(McapRecordingSource.recognizes(dir.resolve("missing.mcap")));
        Path talker = CollectingSink.sharedData("mcap/talker.mcap");
        if (talker != null && Files.isRegularFile(talker)) {
            assertFalse(McapRecordingSource.recognizes(talker), "a rosbag2 file written by the Go library");
        }
    }
}
