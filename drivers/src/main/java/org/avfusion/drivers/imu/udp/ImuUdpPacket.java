package org.avfusion.drivers.imu.udp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.avfusion.drivers.frame.ImuSample;

/**
 * The avfusion IMU datagram (documented in {@code docs/HIL.md}, "IMU over UDP"): 44 bytes, little-endian.
 * <pre>
 *  offset size  field
 *   0     4     magic "AVI1" (0x41 0x56 0x49 0x31)
 *   4     4     sequence, uint32, +1 per sample
 *   8     8     sensor stamp, int64 ns on the IMU's clock (only differences matter)
 *  16     4x3   gyro x, y, z, float32 rad/s (IMU frame: x forward, y left, z up)
 *  28     4x3   accel x, y, z, float32 m/s^2 (specific force: +9.81 on z at rest, upright)
 *  40     4     CRC-32C of bytes 0..39, uint32
 * </pre>
 * Stateless; thread-safe.
 */
public final class ImuUdpPacket {
    /** Size of one datagram. */
    public static final int BYTES = 44;
    /** "AVI1" read as a little-endian int. */
    public static final int MAGIC = 0x31495641;

    private ImuUdpPacket() {
    }

    /** Writes one sample at {@code out}'s position (which advances by {@link #BYTES}). */
    public static void encode(long sequence, long stampNanos, ImuSample s, ByteBuffer out) {
        ByteBuffer b = out.slice().order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt((int) sequence).putLong(stampNanos)
                .putFloat((float) s.gyroXRadPerSec()).putFloat((float) s.gyroYRadPerSec())
                .putFloat((float) s.gyroZRadPerSec()).putFloat((float) s.accelXMetersPerSec2())
                .putFloat((float) s.accelYMetersPerSec2()).putFloat((float) s.accelZMetersPerSec2());
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.duplicate().flip());
        b.putInt((int) crc.getValue());
        out.position(out.position() + BYTES);
    }

    /** Why a datagram is not a sample, or {@code null} when it is. */
    public static String problem(ByteBuffer p, int length) {
        if (length != BYTES) {
            return "datagram of " + length + " bytes, expected " + BYTES;
        }
        ByteBuffer b = p.duplicate().position(0).limit(BYTES).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC) {
            return "magic 0x" + Integer.toHexString(b.getInt(0)) + ", expected \"AVI1\"";
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.duplicate().limit(40));
        if ((int) crc.getValue() != b.getInt(40)) {
            return "CRC-32C mismatch (bytes 40..43)";
        }
        for (int at = 16; at < 40; at += 4) {
            if (!Float.isFinite(b.getFloat(at))) {
                return "non-finite value at offset " + at;
            }
        }
        return null;
    }

    public static long sequence(ByteBuffer p) {
        return Integer.toUnsignedLong(p.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(4));
    }

    public static long stampNanos(ByteBuffer p) {
        return p.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(8);
    }

    /** The sample of a datagram that {@link #problem} accepted. */
    public static ImuSample sample(ByteBuffer p) {
        ByteBuffer b = p.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new ImuSample(b.getFloat(16), b.getFloat(20), b.getFloat(24), b.getFloat(28), b.getFloat(32),
                b.getFloat(36));
    }
}
