package org.avfusion.drivers.recorded.ros2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes ROS 2 messages as XCDR1 for tests: the encapsulation header (CDR_LE 00 01 or CDR_BE 00 00, options 0),
 * then fields with each primitive aligned to its size from the end of the header, strings NUL-terminated with the
 * NUL counted (OMG DDS-XTypes 1.3, 7.4.1; what rmw_fastrtps writes).
 */
final class CdrWire {
    private ByteBuffer out;

    CdrWire(boolean bigEndian) {
        out = ByteBuffer.allocate(256).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0).put((byte) (bigEndian ? 0 : 1)).put((byte) 0).put((byte) 0);
    }

    private void room(int bytes) {
        if (out.remaining() < bytes + 8) {
            ByteBuffer grown = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes + 64))
                    .order(out.order());
            out.flip();
            grown.put(out);
            out = grown;
        }
    }

    private CdrWire align(int size) {
        room(size);
        while ((out.position() - 4) % size != 0) {
            out.put((byte) 0);
        }
        return this;
    }

    CdrWire u8(int v) {
        room(1);
        out.put((byte) v);
        return this;
    }

    CdrWire u16(int v) {
        align(2);
        out.putShort((short) v);
        return this;
    }

    CdrWire u32(long v) {
        align(4);
        out.putInt((int) v);
        return this;
    }

    CdrWire f64(double v) {
        align(8);
        out.putDouble(v);
        return this;
    }

    CdrWire string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length + 1);
        room(b.length + 1);
        out.put(b).put((byte) 0);
        return this;
    }

    CdrWire blob(byte[] b) {
        u32(b.length);
        room(b.length);
        out.put(b);
        return this;
    }

    CdrWire header(long stampNanos, String frame) {
        return u32(stampNanos / 1_000_000_000L).u32(stampNanos % 1_000_000_000L).string(frame);
    }

    byte[] toBytes() {
        return Arrays.copyOf(out.array(), out.position());
    }

    static byte[] navSatFix(boolean be, long stamp, int status, double lat, double lon, double alt) {
        CdrWire w = new CdrWire(be).header(stamp, "gps").u8(status).u16(1).f64(lat).f64(lon).f64(alt);
        for (int i = 0; i < 9; i++) {
            w.f64(0.5);
        }
        return w.u8(2).toBytes();
    }

    static byte[] imu(boolean be, long stamp, double wx, double wy, double wz, double ax, double ay, double az) {
        CdrWire w = new CdrWire(be).header(stamp, "imu_link").f64(0).f64(0).f64(0).f64(1);
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

    static byte[] image(boolean be, long stamp, int width, int height, String encoding, int step, byte[] data) {
        return new CdrWire(be).header(stamp, "cam").u32(height).u32(width).string(encoding).u8(0).u32(step)
                .blob(data).toBytes();
    }

    static byte[] compressedImage(boolean be, long stamp, String format, byte[] data) {
        return new CdrWire(be).header(stamp, "cam").string(format).blob(data).toBytes();
    }

    /** An unordered cloud: x, y, z float32, intensity float32, ring uint16, t float32 (s); point_step 24. */
    static byte[] cloud(boolean be, long stamp, float[][] points) {
        ByteBuffer data = ByteBuffer.allocate(points.length * 24)
                .order(be ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (float[] p : points) {
            data.putFloat(p[0]).putFloat(p[1]).putFloat(p[2]).putFloat(p[3]).putShort((short) p[4])
                    .putShort((short) 0).putFloat(p[5]);
        }
        CdrWire w = new CdrWire(be).header(stamp, "lidar").u32(1).u32(points.length).u32(6);
        w.string("x").u32(0).u8(7).u32(1);
        w.string("y").u32(4).u8(7).u32(1);
        w.string("z").u32(8).u8(7).u32(1);
        w.string("intensity").u32(12).u8(7).u32(1);
        w.string("ring").u32(16).u8(4).u32(1);
        w.string("t").u32(20).u8(7).u32(1);
        return w.u8(be ? 1 : 0).u32(24).u32(24L * points.length).blob(data.array()).u8(1).toBytes();
    }

    static byte[] odometry(boolean be, long stamp, double x, double vx, double wz) {
        CdrWire w = new CdrWire(be).header(stamp, "odom").string("base_link").f64(x).f64(2).f64(3)
                .f64(0).f64(0).f64(0).f64(1);
        for (int i = 0; i < 36; i++) {
            w.f64(0);
        }
        w.f64(vx).f64(0).f64(0).f64(0).f64(0).f64(wz);
        for (int i = 0; i < 36; i++) {
            w.f64(0);
        }
        return w.toBytes();
    }

    static byte[] string(boolean be, String text) {
        return new CdrWire(be).string(text).toBytes();
    }
}
