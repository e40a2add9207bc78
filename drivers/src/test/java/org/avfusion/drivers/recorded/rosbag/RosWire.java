package org.avfusion.drivers.recorded.rosbag;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes ROS 1 serialized messages (little-endian) for tests. */
final class RosWire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RosWire u8(int v) {
        out.write(v);
        return this;
    }

    RosWire u16(int v) {
        return bytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array());
    }

    RosWire u32(long v) {
        return bytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }

    RosWire f32(float v) {
        return bytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
    }

    RosWire f64(double v) {
        return bytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
    }

    RosWire string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u32(b.length).bytes(b);
    }

    RosWire blob(byte[] b) {
        return u32(b.length).bytes(b);
    }

    RosWire bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    RosWire header(long stampNanos, String frame) {
        return u32(7).u32(stampNanos / 1_000_000_000L).u32(stampNanos % 1_000_000_000L).string(frame);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    static byte[] navSatFix(long stamp, int status, double lat, double lon, double alt) {
        RosWire w = new RosWire().header(stamp, "gps").u8(status).u16(1).f64(lat).f64(lon).f64(alt);
        for (int i = 0; i < 9; i++) {
            w.f64(0.5);
        }
        return w.u8(2).toBytes();
    }

    static byte[] imu(long stamp, double wx, double wy, double wz, double ax, double ay, double az) {
        RosWire w = new RosWire().header(stamp, "imu_link").f64(0).f64(0).f64(0).f64(1);
        for (int i = 0; i < 9; i++) {
            w.f64(0);
        }
        w.f64(wx).f64(wy).f64(wz);
        for (int i = 0; i < 9; i++) {
            w.f64(0);
        }
        w.f64(ax).f64(ay).f64(az);
        for (int i = 0; i < 9; i++) {
            w.f64(0);
        }
        return w.toBytes();
    }

    static byte[] image(long stamp, int width, int height, String encoding, int step, byte[] data) {
        return new RosWire().header(stamp, "cam").u32(height).u32(width).string(encoding).u8(0).u32(step).blob(data)
                .toBytes();
    }

    static byte[] compressedImage(long stamp, String format, byte[] data) {
        return new RosWire().header(stamp, "cam").string(format).blob(data).toBytes();
    }

    /** An unordered cloud with fields x, y, z (float32), ring (uint16) and t (uint32 ns); point_step 20. */
    static byte[] cloudXyzRingT(long stamp, float[][] points, boolean bigEndian) {
        ByteBuffer data = ByteBuffer.allocate(points.length * 20)
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (float[] p : points) {
            data.putFloat(p[0]).putFloat(p[1]).putFloat(p[2]).putShort((short) p[3]).putShort((short) 0)
                    .putInt((int) p[4]);
        }
        RosWire w = new RosWire().header(stamp, "lidar").u32(1).u32(points.length).u32(5);
        w.string("x").u32(0).u8(7).u32(1);
        w.string("y").u32(4).u8(7).u32(1);
        w.string("z").u32(8).u8(7).u32(1);
        w.string("ring").u32(12).u8(4).u32(1);
        w.string("t").u32(16).u8(6).u32(1);
        return w.u8(bigEndian ? 1 : 0).u32(20).u32(20L * points.length).blob(data.array()).u8(1).toBytes();
    }
}
