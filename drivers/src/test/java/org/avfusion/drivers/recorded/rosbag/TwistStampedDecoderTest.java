package org.avfusion.drivers.recorded.rosbag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TwistStampedDecoderTest {
    private static final long STAMP = 1_432_235_498_027_976_030L;

    private static byte[] twist(double wz) {
        return new RosWire().header(STAMP, "base_link").f64(1.5).f64(0).f64(0).f64(0).f64(0).f64(wz).toBytes();
    }

    @Test
    void decodesTheTwistIntoAnOdometryWithoutPose() {
        byte[] m = twist(-0.3);
        Odometry o = TwistStampedDecoder.decode(new RosCursor().reset(ByteBuffer.wrap(m), 0, m.length));
        assertEquals(STAMP, o.stampNanos());
        assertEquals("base_link", o.childFrameId());
        assertEquals(1.5, o.vxMetersPerSecond());
        assertEquals(-0.3, o.wzRadiansPerSecond());
        assertTrue(Double.isNaN(o.xMeters()));
    }

    @Test
    void cutShortOrNonFiniteIsRefusedNamingTheField() {
        byte[] m = Arrays.copyOf(twist(0.1), twist(0.1).length - 4);
        RosDecodeException cut = assertThrows(RosDecodeException.class,
                () -> TwistStampedDecoder.decode(new RosCursor().reset(ByteBuffer.wrap(m), 0, m.length)));
        assertTrue(cut.getMessage().contains("twist.angular.z"), cut.getMessage());
        byte[] nan = twist(Double.NaN);
        RosDecodeException bad = assertThrows(RosDecodeException.class,
                () -> TwistStampedDecoder.decode(new RosCursor().reset(ByteBuffer.wrap(nan), 0, nan.length)));
        assertTrue(bad.getMessage().contains("non-finite"), bad.getMessage());
    }
}
