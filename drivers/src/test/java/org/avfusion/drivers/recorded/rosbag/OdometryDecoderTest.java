package org.avfusion.drivers.recorded.rosbag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;
import org.junit.jupiter.api.Test;

class OdometryDecoderTest {
    private static final long STAMP = 1_432_235_498_027_976_030L;

    /** A nav_msgs/Odometry with distinct values everywhere, covariances filled with 9s. */
    private static byte[] odometry(double wz) {
        RosWire w = new RosWire().header(STAMP, "odom").string("base_link");
        w.f64(1).f64(2).f64(3).f64(0).f64(0).f64(0.6).f64(0.8);
        for (int i = 0; i < 36; i++) {
            w.f64(9);
        }
        w.f64(0.5).f64(-0.1).f64(0.0).f64(0.01).f64(0.02).f64(wz);
        for (int i = 0; i < 36; i++) {
            w.f64(9);
        }
        return w.toBytes();
    }

    @Test
    void decodesPoseAndTwist() {
        byte[] m = odometry(0.25);
        Odometry o = OdometryDecoder.decode(new RosCursor().reset(ByteBuffer.wrap(m), 0, m.length));
        assertEquals(STAMP, o.stampNanos());
        assertEquals("base_link", o.childFrameId());
        assertEquals(2.0, o.yMeters());
        assertEquals(0.8, o.qw());
        assertEquals(0.5, o.vxMetersPerSecond());
        assertEquals(-0.1, o.vyMetersPerSecond());
        assertEquals(0.02, o.wyRadiansPerSecond());
        assertEquals(0.25, o.wzRadiansPerSecond());
    }

    @Test
    void aMessageCutShortNamesTheField() {
        byte[] m = Arrays.copyOf(odometry(0.25), 120);
        RosDecodeException e = assertThrows(RosDecodeException.class,
                () -> OdometryDecoder.decode(new RosCursor().reset(ByteBuffer.wrap(m), 0, m.length)));
        assertEquals(RejectReason.MALFORMED, e.reason());
        assertTrue(e.field().startsWith("pose"), e.field());
    }

    @Test
    void aNonFiniteTwistIsAnImpossibleValue() {
        byte[] m = odometry(Double.NaN);
        RosDecodeException e = assertThrows(RosDecodeException.class,
                () -> OdometryDecoder.decode(new RosCursor().reset(ByteBuffer.wrap(m), 0, m.length)));
        assertEquals(RejectReason.IMPOSSIBLE_VALUE, e.reason());
        assertEquals("twist.twist", e.field());
    }

    @Test
    void readsEveryOdometryMessageOfTheHuskyBag() throws Exception {
        Path bag = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "rosbag",
                "husky-gps-imu-odom.bag");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(bag), "../shared/data/rosbag not found");
        RecordedHealth health = new RecordedHealth("husky");
        List<Odometry> all = new ArrayList<>();
        long n = RosTopicReader.read(bag, "/husky_velocity_controller/odom", OdometryDecoder.ROS_TYPE,
                OdometryDecoder.MD5, RosbagConfig.DEFAULT_MAX_CHUNK_BYTES, health,
                (recordNanos, message) -> all.add(OdometryDecoder.decode(message)));
        assertEquals(3_952, n, "the README's message count");
        assertEquals(0, health.rejected());
        assertTrue(all.stream().allMatch(o -> o.childFrameId().equals("base_link")), all.get(0).toString());
        assertTrue(all.stream().mapToDouble(o -> Math.abs(o.wzRadiansPerSecond())).max().orElse(0) > 0.3);
    }

    @Test
    void aTopicOfAnotherTypeIsRefusedNamingIt() {
        Path bag = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "rosbag",
                "husky-gps-imu-odom.bag");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(bag), "../shared/data/rosbag not found");
        RecordedDriveException e = assertThrows(RecordedDriveException.class, () -> RosTopicReader.read(bag,
                "/imu/data", OdometryDecoder.ROS_TYPE, OdometryDecoder.MD5, RosbagConfig.DEFAULT_MAX_CHUNK_BYTES,
                new RecordedHealth("husky"), (t, m) -> { }));
        assertTrue(e.getMessage().contains("/imu/data carries sensor_msgs/Imu, expected nav_msgs/Odometry"),
                e.getMessage());
    }
}
