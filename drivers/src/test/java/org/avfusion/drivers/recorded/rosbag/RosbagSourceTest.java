package org.avfusion.drivers.recorded.rosbag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.swrirobotics.bags.reader.BagFile;
import com.github.swrirobotics.bags.reader.BagReader;
import com.github.swrirobotics.bags.reader.messages.serialization.Float64Type;
import com.github.swrirobotics.bags.reader.messages.serialization.MessageType;
import com.github.swrirobotics.bags.reader.messages.serialization.TimeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosbagSourceTest {
    static final SensorId GNSS = new SensorId("gnss_husky", SensorKind.GNSS);
    static final SensorId IMU = new SensorId("imu_husky", SensorKind.IMU);
    static final SensorId LIDAR = new SensorId("lidar_near", SensorKind.LIDAR);
    static final RosbagConfig HUSKY = RosbagConfig.of(Map.of("/fix", GNSS, "/imu/data", IMU));
    static final RosbagConfig CLOUD = RosbagConfig.of(Map.of("/pointcloud2", LIDAR))
            .withLimits(64, 64, 1, 131_072, 1, RosbagConfig.DEFAULT_MAX_CHUNK_BYTES);

    static Path husky() {
        return CollectingSink.sharedData("rosbag/husky-gps-imu-odom.bag");
    }

    static Path pointcloud2() {
        return CollectingSink.sharedData("rosbag/pointcloud2.bag");
    }

    private static CollectingSink replay(RosbagSource source) {
        CollectingSink sink = new CollectingSink();
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);
        return sink;
    }

    @Test
    void huskyBagGives989FixesAnd11865ImuSamplesWithTheirHeaderStamps() throws IOException {
        RecordedHealth health = new RecordedHealth("husky");
        CollectingSink sink;
        long origin;
        try (RosbagSource source = RosbagSource.open(husky(), HUSKY, health)) {
            sink = replay(source);
            origin = source.timeBase().originNanos();
        }
        List<FrameHeader> fixes = sink.headersOf(GNSS);
        List<FrameHeader> imu = sink.headersOf(IMU);
        assertEquals(989, fixes.size());
        assertEquals(11_865, imu.size());
        assertEquals(0, health.rejected(), health.toString());
        assertEquals(1432235497988949113L, origin, "first replayed message: the first IMU sample");
        assertEquals(1432235498039089918L - origin, fixes.get(0).stampNanos());
        assertEquals(1432235893228159904L - origin, fixes.get(988).stampNanos());
        assertEquals(0L, imu.get(0).stampNanos());
        assertEquals(1432235893280979189L - origin, imu.get(11_864).stampNanos());
        for (List<FrameHeader> stream : List.of(fixes, imu)) {
            for (int i = 1; i < stream.size(); i++) {
                assertTrue(stream.get(i).stampNanos() > stream.get(i - 1).stampNanos(), "increasing at " + i);
                assertEquals(i, stream.get(i).sequence());
            }
        }
        GnssFix first = sink.<GnssFix>recordsOf(GNSS).get(0);
        assertEquals(42.375812, first.latitudeDeg(), 1e-12);
        assertTrue(first.longitudeDeg() < -71.14 && first.longitudeDeg() > -71.15, "near 71.1474 W");
        assertEquals(FixMode.FIX_3D, first.mode());
        assertEquals(1432235498039L, first.utcEpochMillis());
        assertEquals(-0.010768940672278404, sink.<ImuSample>recordsOf(IMU).get(0).gyroYRadPerSec(), 1e-15);
    }

    @Test
    void decodedStampsAndValuesEqualBagReaderJavasOwnDeserialisation() throws Exception {
        BagFile bag = BagReader.readFile(husky().toFile());
        List<Long> referenceStamps = new ArrayList<>();
        List<Double> referenceLatitudes = new ArrayList<>();
        bag.forMessagesOnTopic("/fix", (message, connection) -> {
            try {
                MessageType header = message.getField("header");
                java.sql.Timestamp t = ((TimeType) header.getField("stamp")).getValue();
                referenceStamps.add(Math.floorDiv(t.getTime(), 1000L) * 1_000_000_000L + t.getNanos());
                referenceLatitudes.add(((Float64Type) message.getField("latitude")).getValue());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return true;
        });
        RosbagConfig fixOnly = RosbagConfig.of(Map.of("/fix", GNSS)).withTimeBase(RecordedTimeBase.fixed(0, 0));
        CollectingSink sink;
        try (RosbagSource source = RosbagSource.open(husky(), fixOnly, new RecordedHealth("husky"))) {
            sink = replay(source);
        }
        assertEquals(referenceStamps, sink.headersOf(GNSS).stream().map(FrameHeader::stampNanos).toList(),
                "a fixed origin of 0 keeps ROS time");
        assertEquals(referenceLatitudes, sink.<GnssFix>recordsOf(GNSS).stream().map(GnssFix::latitudeDeg).toList());
    }

    /**
     * Before a paced replay's clock: a pooled cloud for the point-cloud topic (up to the pool's bound), none made while
     * reading after it; nothing for a bag whose mapped topics carry no clouds or images.
     */
    @Test
    void preallocatesCloudsForItsPointCloudTopicAndNothingForGnssAndImu() throws IOException {
        try (RosbagSource source = RosbagSource.open(pointcloud2(), CLOUD, new RecordedHealth("pointcloud2"))) {
            assertEquals(0, source.cloudPool().createdCount(), "none made at open");
            source.preallocateBuffers(2);
            assertEquals(1, source.cloudPool().createdCount(), "2 asked for the one topic, the pool holds 1");
            assertEquals(0, source.imagePool().createdCount(), "no image topic");
            assertEquals(1, replay(source).headers.size());
            assertEquals(1, source.cloudPool().createdCount(), "none made while reading");
            assertThrows(IllegalArgumentException.class, () -> source.preallocateBuffers(-1));
        }
        try (RosbagSource source = RosbagSource.open(husky(), HUSKY, new RecordedHealth("husky"))) {
            source.preallocateBuffers(2);
            assertEquals(0, source.cloudPool().createdCount());
            assertEquals(0, source.imagePool().createdCount());
        }
    }

    @Test
    void pointcloud2BagGivesOneCloudOf124914PointsWithRings() throws IOException {
        List<float[]> samples = new ArrayList<>();
        int[] size = new int[1];
        int[] ringRange = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        CollectingSink sink = new CollectingSink((header, payload) -> {
            PointCloud cloud = (PointCloud) payload;
            size[0] = cloud.size();
            for (int i : new int[] {0, 1, 62_457, cloud.size() - 1}) {
                samples.add(new float[] {cloud.x(i), cloud.y(i), cloud.z(i), cloud.intensity(i), cloud.ring(i)});
            }
            for (int i = 0; i < cloud.size(); i++) {
                ringRange[0] = Math.min(ringRange[0], cloud.ring(i));
                ringRange[1] = Math.max(ringRange[1], cloud.ring(i));
            }
        });
        RecordedHealth health = new RecordedHealth("pointcloud2");
        RosbagSource source = RosbagSource.open(pointcloud2(), CLOUD, health);
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);
        source.close();

        assertEquals(1, sink.headers.size());
        assertEquals(124_914, size[0]);
        assertEquals(0, health.rejected(), health.toString());
        assertEquals(source.cloudPool().createdCount(), source.cloudPool().freeCount(), "cloud back in its pool");
        assertTrue(ringRange[0] >= 0 && ringRange[1] < 64 && ringRange[1] > ringRange[0],
                "ring is a laser index: " + ringRange[0] + ".." + ringRange[1]);
        // x, y, z, intensity (float32 at 0, 4, 8, 16) and ring (uint16 at 20) as bag-reader-java reads the blob;
        // the frame "near_field" is far from its origin
        float[][] expected = {
            {436.002f, -1215.1287f, -5.053027f, 139.0f, 36},
            {435.5477f, -1214.5107f, -5.034832f, 128.4f, 37},
            {425.35468f, -1232.5969f, -4.7681694f, 140.0f, 18},
            {432.28766f, -1218.2764f, -4.91553f, 156.0f, 25}};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(java.util.Arrays.toString(expected[i]), java.util.Arrays.toString(samples.get(i)),
                    "point " + i);
        }
    }

    @Test
    void randomBytesAreNotABagAndAreNamedAndCounted(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.bag");
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        Files.write(junk, bytes);
        RecordedHealth health = new RecordedHealth("junk");
        RecordedDriveException e = assertThrows(RecordedDriveException.class,
                () -> RosbagSource.open(junk, HUSKY, health));
        assertEquals(junk + "@0: not a ROS bag 2.0: the file does not start with '#ROSBAG V2.0'", e.getMessage());
        assertEquals(0, e.offset());
        assertEquals(1, health.rejected(RejectReason.UNREADABLE_FILE));
    }

    @Test
    void missingBagAndUnknownTopicAreNamed(@TempDir Path dir) throws IOException {
        RecordedHealth health = new RecordedHealth("missing");
        Path missing = dir.resolve("nope.bag");
        RecordedDriveException e = assertThrows(RecordedDriveException.class,
                () -> RosbagSource.open(missing, HUSKY, health));
        assertEquals(missing + ": ROS bag not found", e.getMessage());
        assertEquals(1, health.rejected(RejectReason.MISSING_FILE));

        Path bag = husky(); // skips (outside the assertions) when the shared data is absent
        RosbagConfig wrongTopic = RosbagConfig.of(Map.of("/gps/fix", GNSS));
        RecordedDriveException topic = assertThrows(RecordedDriveException.class,
                () -> RosbagSource.open(bag, wrongTopic, new RecordedHealth("husky")));
        assertEquals(bag + ": topic /gps/fix (sensor gnss_husky) is not in the bag; its topics are "
                + "[/fix, /husky_velocity_controller/odom, /imu/data]", topic.getMessage());
        RosbagConfig odomAsImu = RosbagConfig.of(Map.of("/husky_velocity_controller/odom", IMU));
        RecordedDriveException type = assertThrows(RecordedDriveException.class,
                () -> RosbagSource.open(bag, odomAsImu, new RecordedHealth("husky")));
        assertTrue(type.getMessage().contains("carries nav_msgs/Odometry"), type.getMessage());
    }
}
