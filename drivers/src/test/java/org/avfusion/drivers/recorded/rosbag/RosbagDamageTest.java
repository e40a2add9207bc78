package org.avfusion.drivers.recorded.rosbag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and cut-short copies of {@code husky-gps-imu-odom.bag} (10 bz2 chunks; /fix 989, /imu/data 11,865,
 * /husky_velocity_controller/odom 3,952 messages): every message the damage costs is counted, by topic, and a bag cut
 * short replays up to the cut.
 */
class RosbagDamageTest {
    static final SensorId ODOM = new SensorId("odom", SensorKind.ODOMETRY);
    static final String ODOM_TOPIC = "/husky_velocity_controller/odom";
    static final RosbagConfig ALL = RosbagConfig.of(Map.of("/fix", RosbagSourceTest.GNSS, "/imu/data",
            RosbagSourceTest.IMU, ODOM_TOPIC, ODOM));
    /** Chunk 5 of the husky bag: its record starts here; 1,246 IMU, 413 odometry and 104 fix messages. */
    static final long CHUNK_5 = 613_625;

    @TempDir
    Path dir;

    record Replay(long frames, RecordedHealth health, List<String> messages) {
        long fix() {
            return health.frames(RosbagSourceTest.GNSS);
        }

        long imu() {
            return health.frames(RosbagSourceTest.IMU);
        }

        long odom() {
            return health.frames(ODOM);
        }
    }

    private static Replay replay(Path bag, RosbagConfig config) throws IOException {
        RecordedHealth health = new RecordedHealth(bag.getFileName().toString());
        try (RosbagSource source = RosbagSource.open(bag, config, health)) {
            CollectingSink sink = new CollectingSink();
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);
            return new Replay(sink.headers.size(), health, health.messages());
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void damagedBz2ChunkCountsEveryMessageItHeldByTopic() throws IOException {
        Path husky = RosbagSourceTest.husky();
        Path bad = write("husky_corrupt.bag", BagSurgery.overwrite(Files.readAllBytes(husky), 700_000, 5_000));
        Replay whole = replay(husky, ALL);
        Replay damaged = replay(bad, ALL);

        assertEquals(16_806, whole.frames());
        assertEquals(16_806 - 1_763, damaged.frames());
        assertEquals(1_763, damaged.health().rejected(), "every lost message counted, not 1: " + damaged.messages());
        assertEquals(1_763, damaged.health().rejected(RejectReason.UNREADABLE_FILE));
        assertEquals(List.of("UNREADABLE_FILE: " + bad + "@" + CHUNK_5 + ": chunk 5: bz2 data damaged: it "
                + "decompresses to more than the 786767 bytes the chunk header says; 1763 messages lost (/fix 104, "
                + ODOM_TOPIC + " 413, /imu/data 1246)"), damaged.messages());
        assertEquals(whole.fix() - 104, damaged.fix());
        assertEquals(whole.imu() - 1_246, damaged.imu());
        assertEquals(whole.odom() - 413, damaged.odom());
    }

    @Test
    void topicReaderCountsTheLostMessagesOfItsTopicOnly() throws IOException {
        Path bad = write("husky_corrupt.bag", BagSurgery.overwrite(Files.readAllBytes(RosbagSourceTest.husky()),
                700_000, 5_000));
        RecordedHealth health = new RecordedHealth("fix");
        long read = RosTopicReader.read(bad, "/fix", RosMessageKind.NAV_SAT_FIX.rosType(), null,
                RosbagConfig.DEFAULT_MAX_CHUNK_BYTES, health, (recordNanos, message) -> { });
        assertEquals(989 - 104, read);
        assertEquals(104, health.rejected());
        assertTrue(health.lastError().endsWith("; 104 messages lost (/fix 104)"), health.lastError());
    }

    @Test
    void damagedRecordInAnUncompressedChunkCostsOnlyItself() throws IOException {
        byte[] plain = BagSurgery.decompressed(Files.readAllBytes(RosbagSourceTest.husky()));
        Path clean = write("husky_plain.bag", plain);
        Map.Entry<Long, Integer> chunk5 = BagSurgery.chunks(plain).entrySet().stream().skip(4).findFirst()
                .orElseThrow();
        int[] messages = BagSurgery.messageOffsets(plain, chunk5.getKey());
        assertEquals(1_763, messages.length);
        // the record length of chunk 5's 600th message: 0xffffffff
        Path one = write("husky_plain_one.bag", BagSurgery.overwrite(plain, chunk5.getValue() + messages[600], 4));
        // 2,000 bytes from its start: the records that overlap them
        Path span = write("husky_plain_span.bag", BagSurgery.overwrite(plain, chunk5.getValue() + messages[600],
                2_000));
        Replay whole = replay(clean, ALL);
        Replay damagedOne = replay(one, ALL);
        Replay damagedSpan = replay(span, ALL);

        assertEquals(16_806, whole.frames(), "the uncompressed copy replays whole: " + whole.messages());
        assertEquals(0, whole.health().rejected());
        assertEquals(16_805, damagedOne.frames());
        assertEquals(List.of("MALFORMED: " + one + "@" + chunk5.getKey() + ": chunk 5: record at chunk byte "
                + messages[600] + ": record header of -1 bytes overruns the chunk; resumed at the next message the "
                + "index lists; 1 message lost (/imu/data 1)"), damagedOne.messages());

        long lost = whole.frames() - damagedSpan.frames();
        int spoiled = 0;
        while (messages[600 + spoiled] < messages[600] + 2_000) {
            spoiled++;
        }
        assertEquals(spoiled, lost, "the messages the 2,000 bytes fall in, not the chunk's 1,763");
        assertEquals(lost, damagedSpan.health().rejected(), "each lost message counted: " + damagedSpan.messages());
        assertTrue(damagedSpan.health().lastError().contains("resumed at the next message the index lists; " + lost
                + " messages lost ("), damagedSpan.health().lastError());
    }

    @Test
    void bagCutShortInsideAChunkReplaysTheChunksBeforeTheCut() throws IOException {
        byte[] whole = Files.readAllBytes(RosbagSourceTest.husky());
        Path cut = write("husky_half.bag", Arrays.copyOf(whole, 735_417));
        BagIndex index = BagIndex.read(cut);
        assertTrue(index.rebuilt());
        assertEquals(3, index.connections().size(), "connections read out of the chunks");
        assertEquals("no index (index_pos 1460552 lies past the end of the file, 735417 bytes): rebuilt "
                + "by scanning the file, as rosbag reindex does: 5 chunks, cut short at byte 735417 inside chunk 5",
                index.rebuiltNote());

        Replay replay = replay(cut, ALL);
        // chunks 1-4: 1,228 + 1,244 + 1,244 + 1,243 IMU, 410 + 414 + 414 + 415 odometry, 103 + 103 + 104 + 103 fixes
        assertEquals(4_959, replay.imu());
        assertEquals(1_653, replay.odom());
        assertEquals(413, replay.fix());
        assertEquals(1, replay.health().rejected(RejectReason.TRUNCATED_FILE));
        assertEquals(1, replay.health().rejected());
        assertEquals("TRUNCATED_FILE: " + cut + "@" + CHUNK_5 + ": the bag ends inside chunk 5 at byte 735417: cut short "
                + "(chunk at byte " + CHUNK_5 + ": data of 131590 bytes, 121744 there; index rebuilt by scanning); "
                + "7025 messages read from the 4 chunks before it; chunk 5 is bz2-compressed and cannot be read in "
                + "part: its messages are lost, how many the bag does not say", replay.health().lastError());
    }

    @Test
    void uncompressedBagCutShortKeepsTheMessagesBeforeTheCut() throws IOException {
        byte[] plain = BagSurgery.decompressed(Files.readAllBytes(RosbagSourceTest.husky()));
        Map.Entry<Long, Integer> chunk5 = BagSurgery.chunks(plain).entrySet().stream().skip(4).findFirst()
                .orElseThrow();
        Path cut = write("husky_plain_cut.bag", Arrays.copyOf(plain, chunk5.getValue() + 393_000));
        Replay replay = replay(cut, ALL);

        long before = 4_959 + 1_653 + 413;
        long inPart = replay.frames() - before;
        assertTrue(inPart > 800 && inPart < 1_000, "about half of chunk 5's 1,763 messages: " + inPart);
        assertEquals(1, replay.health().rejected(), replay.messages().toString());
        assertTrue(replay.health().lastError().endsWith(": cut short (chunk at byte " + chunk5.getKey()
                + ": data of 786767 bytes, 393000 there; index rebuilt by scanning); " + replay.frames()
                + " messages read, " + inPart + " of them from the part of chunk 5 before the cut"),
                replay.health().lastError());
    }

    @Test
    void bagCutAtAChunkBoundaryCountsTheCutOnce() throws IOException {
        byte[] whole = Files.readAllBytes(RosbagSourceTest.husky());
        Path cut = write("husky_2chunks.bag", Arrays.copyOf(whole, 309_880)); // chunks 1-2 and their index data
        Replay replay = replay(cut, ALL);
        assertEquals(1_228 + 1_244 + 410 + 414 + 103 + 103, replay.frames());
        assertEquals(1, replay.health().rejected(RejectReason.TRUNCATED_FILE), replay.messages().toString());
        assertTrue(replay.health().lastError().contains("the bag ends at byte 309880, after chunk 2: cut short"),
                replay.health().lastError());
    }

    @Test
    void bagCutInsideItsHeaderIsRefusedNamingTheCut() throws IOException {
        byte[] whole = Files.readAllBytes(RosbagSourceTest.husky());
        Path header = write("husky_300.bag", Arrays.copyOf(whole, 300));
        RecordedHealth health = new RecordedHealth("cut");
        RecordedDriveException e = assertThrows(RecordedDriveException.class,
                () -> RosbagSource.open(header, ALL, health));
        assertEquals(header + "@13: cut short at byte 300, inside the bag header record (bag header at byte 13: data "
                + "of 4027 bytes, 210 there): no chunk was written before the cut, nothing to replay", e.getMessage());
        assertEquals(1, health.rejected());

        Path magic = write("husky_5.bag", Arrays.copyOf(whole, 5));
        RecordedDriveException m = assertThrows(RecordedDriveException.class, () -> BagIndex.read(magic));
        assertEquals(magic + "@0: cut short at byte 5, inside the '#ROSBAG V2.0' line: nothing to replay",
                m.getMessage());

        Path damagedHeader = write("husky_badheader.bag", BagSurgery.overwrite(whole, 13, 4));
        RecordedDriveException d = assertThrows(RecordedDriveException.class, () -> BagIndex.read(damagedHeader));
        assertEquals(damagedHeader + "@13: the bag header record is damaged (record at byte 13 claims a header of -1 "
                + "bytes (at most 100000))", d.getMessage());

        Path firstChunk = write("husky_50k.bag", Arrays.copyOf(whole, 50_000));
        RecordedDriveException c = assertThrows(RecordedDriveException.class, () -> BagIndex.read(firstChunk));
        assertTrue(c.getMessage().startsWith(firstChunk + "@4117: cut short at byte 50000"), c.getMessage());
        assertTrue(c.getMessage().endsWith("no chunk was written whole before the cut, nothing to replay"),
                c.getMessage());
    }

    @Test
    void bagNeverClosedIsReplayedWholeFromTheRebuiltIndex() throws IOException {
        byte[] unclosed = BagSurgery.unclosed(Files.readAllBytes(RosbagSourceTest.husky()));
        Path whole = write("husky_unclosed.bag", unclosed);
        assertEquals("no index (index_pos is 0: the recording was not closed): rebuilt by scanning the file, as "
                + "rosbag reindex does: 10 chunks", BagIndex.read(whole).rebuiltNote());
        Replay replay = replay(whole, ALL);
        assertEquals(16_806, replay.frames());
        assertEquals(0, replay.health().rejected(), "nothing lost: " + replay.messages());

        Path cut = write("husky_unclosed_cut.bag", Arrays.copyOf(unclosed, 735_417));
        Replay cutReplay = replay(cut, ALL);
        assertEquals(7_025, cutReplay.frames());
        assertEquals(List.of("TRUNCATED_FILE"), cutReplay.messages().stream().map(m -> m.split(":")[0]).toList());
    }

    /**
     * Random damage inside the chunks of the husky bag, bz2 as recorded and uncompressed: every one of the 16,806
     * messages the index lists is either replayed or counted (decoded with garbage values, lost with its chunk, lost
     * with a damaged record).
     */
    @Test
    void randomDamageInsideChunksIsAlwaysAccountedFor() throws IOException {
        long seed = 20_240_607L;
        java.util.Random random = new java.util.Random(seed);
        byte[] bz2 = Files.readAllBytes(RosbagSourceTest.husky());
        byte[] plain = BagSurgery.decompressed(bz2);
        for (int round = 0; round < 16; round++) {
            byte[] original = round % 2 == 0 ? plain : bz2;
            List<Integer> starts = List.copyOf(BagSurgery.chunks(original).values());
            int chunk = random.nextInt(starts.size() - 1);
            int from = starts.get(chunk);
            int span = starts.get(chunk + 1) - from - 25_000; // clear of the chunk's index-data records (~21 kB)
            int count = 1 + random.nextInt(3_000);
            int at = from + random.nextInt(span - count);
            Path bad = write("damaged.bag", BagSurgery.overwrite(original, at, count));
            Replay replay = replay(bad, ALL);
            String what = "seed " + seed + " round " + round + ": " + count + " bytes at " + at + " in chunk "
                    + (chunk + 1) + (round % 2 == 0 ? " (uncompressed)" : " (bz2)") + ": " + replay.messages();
            assertTrue(replay.frames() + replay.health().rejected() >= 16_806, what);
            assertTrue(replay.frames() < 16_806 || replay.health().rejected() > 0 || round % 2 == 0, what);
        }
    }

    @Test
    void damagedIndexSectionIsRebuiltByScanningAndLosesNothing() throws IOException {
        byte[] whole = Files.readAllBytes(RosbagSourceTest.husky());
        Path bad = write("husky_badindex.bag", BagSurgery.overwrite(whole, whole.length - 300, 100));
        BagIndex index = BagIndex.read(bad);
        assertTrue(index.rebuiltNote().startsWith("no index (the index section at byte 1460552 is damaged: "),
                index.rebuiltNote());
        assertTrue(index.rebuiltNote().endsWith("): rebuilt by scanning the file, as rosbag reindex does: 10 chunks"),
                index.rebuiltNote());
        Replay replay = replay(bad, ALL);
        assertEquals(16_806, replay.frames());
        assertEquals(0, replay.health().rejected(), replay.messages().toString());
    }

    @Test
    void intactBagIsReadFromItsOwnIndex() throws IOException {
        BagIndex index = BagIndex.read(RosbagSourceTest.husky());
        assertTrue(!index.rebuilt());
        assertNull(index.rebuiltNote());
        assertEquals(10, index.chunks().size());
        assertEquals(Map.of("/fix", "sensor_msgs/NavSatFix", "/imu/data", "sensor_msgs/Imu", ODOM_TOPIC,
                "nav_msgs/Odometry"), index.topicTypes());
    }
}
