package org.avfusion.drivers.recorded.ros2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.recorded.mcap.McapMessage;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.drivers.recorded.rosbag.Odometry;
import org.avfusion.drivers.recorded.rosbag.RosDecodeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ROS 2 CDR messages, little- and big-endian, into frames; std_msgs/String from a real rosbag2 file. */
class Ros2DecoderTest {
    private final Ros2Decoder decoder = new Ros2Decoder();
    private final BufferPool<PointCloud> clouds = new BufferPool<>("clouds", () -> new PointCloud(16), 0, 1);
    private final BufferPool<CameraImage> images = new BufferPool<>("images", () -> new CameraImage(4, 4), 0, 1);

    @AfterEach
    void close() {
        decoder.close();
    }

    private long header(byte[] message) {
        // at an odd offset in a larger buffer, as messages sit in a chunk
        ByteBuffer buffer = ByteBuffer.allocate(message.length + 7);
        buffer.put(3, message);
        return decoder.header(buffer, 3, message.length);
    }

    @ParameterizedTest(name = "big-endian {0}")
    @ValueSource(booleans = {false, true})
    void navSatFixIsAFixWithTheHeaderStampAsUtc(boolean be) {
        long stamp = header(CdrWire.navSatFix(be, 1_700_000_000_123_456_789L, 0, 48.1, 11.5, 520.25));
        GnssFix fix = decoder.navSatFix(stamp);
        assertEquals(1_700_000_000_123_456_789L, stamp);
        assertEquals(new GnssFix(1_700_000_000_123L, 48.1, 11.5, 520.25, Double.NaN, Double.NaN, FixMode.FIX_3D,
                Double.NaN, -1), fix);
        assertEquals(FixMode.NO_FIX, decoder.navSatFix(header(CdrWire.navSatFix(be, 5, -1, 1, 2, 3))).mode());
    }

    @ParameterizedTest(name = "big-endian {0}")
    @ValueSource(booleans = {false, true})
    void imuTakesRatesAndAccelerations(boolean be) {
        header(CdrWire.imu(be, 42, 0.1, 0.2, 0.3, 1, 2, 9.8));
        assertEquals(new ImuSample(0.1, 0.2, 0.3, 1, 2, 9.8), decoder.imu());
    }

    @ParameterizedTest(name = "big-endian {0}")
    @ValueSource(booleans = {false, true})
    void pointCloud2KeepsFieldsAndDropsNaNPoints(boolean be) {
        float[][] points = {{1, 2, 3, 10, 0, 0}, {Float.NaN, 0, 0, 0, 1, 0.05f}, {-4, 5.5f, 0.25f, 200, 15, 0.1f}};
        header(CdrWire.cloud(be, 7, points));
        PointCloud cloud = decoder.pointCloud2(clouds);
        try {
            assertEquals(2, cloud.size());
            assertEquals(-4, cloud.x(1));
            assertEquals(5.5f, cloud.y(1));
            assertEquals(200, cloud.intensity(1));
            assertEquals(15, cloud.ring(1));
            assertEquals(100_000_000, cloud.timeOffsetNanos(1), 1);
        } finally {
            cloud.release();
        }
    }

    @ParameterizedTest(name = "big-endian {0}")
    @ValueSource(booleans = {false, true})
    void rgb8ImageBecomesBgr(boolean be) {
        byte[] rgb = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        header(CdrWire.image(be, 9, 2, 2, "rgb8", 6, rgb));
        CameraImage image = decoder.image(images);
        try {
            assertEquals(2, image.width());
            ByteBuffer px = image.pixels();
            assertEquals(3, px.get(0));
            assertEquals(1, px.get(2));
            assertEquals(10, px.get(11));
        } finally {
            image.release();
        }
    }

    @Test
    void compressedImageThatIsNotAnImageIsCountedUnreadable() {
        header(CdrWire.compressedImage(false, 1, "jpeg", new byte[] {1, 2, 3}));
        RosDecodeException e = assertThrows(RosDecodeException.class, () -> decoder.compressedImage(images));
        assertEquals(RejectReason.UNREADABLE_FILE, e.reason());
        assertEquals(images.createdCount(), images.freeCount(), "the probe buffer went back");
    }

    @ParameterizedTest(name = "big-endian {0}")
    @ValueSource(booleans = {false, true})
    void odometryTakesPoseAndTwist(boolean be) {
        long stamp = header(CdrWire.odometry(be, 1_000_000_007L, 1.5, 12.5, -0.25));
        Odometry odometry = decoder.odometry(stamp);
        assertEquals(1_000_000_007L, odometry.stampNanos());
        assertEquals("base_link", odometry.childFrameId());
        assertEquals(1.5, odometry.xMeters());
        assertEquals(2, odometry.yMeters());
        assertEquals(1, odometry.qw());
        assertEquals(12.5, odometry.vxMetersPerSecond());
        assertEquals(-0.25, odometry.wzRadiansPerSecond());
    }

    @Test
    void xcdr2AndParameterListsAreUnsupportedAndGarbageIsMalformed() {
        byte[] xcdr2 = CdrWire.string(false, "x");
        xcdr2[1] = 0x07;
        RosDecodeException e = assertThrows(RosDecodeException.class, () -> header(xcdr2));
        assertEquals(RejectReason.UNSUPPORTED, e.reason());
        byte[] garbage = {0x12, 0x34, 0, 0, 1, 2, 3, 4};
        assertEquals(RejectReason.MALFORMED, assertThrows(RosDecodeException.class, () -> header(garbage)).reason());
        assertEquals(RejectReason.MALFORMED, assertThrows(RosDecodeException.class,
                () -> header(new byte[] {0, 1})).reason());
    }

    @Test
    void cutMessageNamesTheFieldAndByte() {
        byte[] whole = CdrWire.imu(false, 1, 0, 0, 0, 0, 0, 0);
        header(java.util.Arrays.copyOf(whole, whole.length - 10));
        RosDecodeException e = assertThrows(RosDecodeException.class, decoder::imu);
        assertEquals(RejectReason.MALFORMED, e.reason());
        assertTrue(e.getMessage().startsWith("field linear_acceleration_covariance at byte"), e.getMessage());
    }

    @Test
    void talkerStringsSayHelloWorldZeroToNine() throws IOException {
        Path file = CollectingSink.sharedData("mcap/talker.mcap");
        List<String> texts = new ArrayList<>();
        try (McapReader reader = McapReader.open(file)) {
            McapMessage m = new McapMessage();
            while (reader.next(m)) {
                if (m.channel().topic().equals("/topic")) {
                    assertEquals(Ros2MessageType.STRING, Ros2MessageType.ofSchemaName(
                            reader.schema(m.channel().schemaId()).name()));
                    texts.add(decoder.string(m.buffer(), m.dataOffset(), m.dataLength()));
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("Hello, world! " + i);
        }
        assertEquals(expected, texts);
    }

    @Test
    void stringsRoundTripInBothByteOrders() {
        for (boolean be : new boolean[] {false, true}) {
            byte[] bytes = CdrWire.string(be, "grüße");
            assertEquals("grüße", decoder.string(ByteBuffer.wrap(bytes), 0, bytes.length));
        }
    }
}
