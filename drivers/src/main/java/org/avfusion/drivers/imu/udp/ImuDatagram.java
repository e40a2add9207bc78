package org.avfusion.drivers.imu.udp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.avfusion.drivers.frame.ImuSample;

/**
 * The avfusion IMU datagram, version 1: one sample per UDP datagram, 64 bytes, little-endian.
 * <pre>
 *  offset size type     field
 *   0     4    bytes    magic "AVIM" (0x41 0x56 0x49 0x4D)
 *   4     1    uint8    version = 1
 *   5     3    -        reserved, 0
 *   8     8    int64    sample time, nanoseconds on the sender's monotonic clock (only differences matter)
 *  16     8    float64  gyro x, rad/s   (IMU frame: x forward, y left, z up)
 *  24     8    float64  gyro y, rad/s
 *  32     8    float64  gyro z, rad/s   (yaw rate of an upright IMU, counter-clockwise positive)
 *  40     8    float64  accel x, m/s^2  (specific force)
 *  48     8    float64  accel y, m/s^2
 *  56     8    float64  accel z, m/s^2  (about +9.81 at rest, upright)
 * </pre>
 * A datagram of another length, magic or version, or with a non-finite value, is refused (the source counts it by
 * reason). Pure: no I/O; {@link #decode} allocates only the sample.
 */
public final class ImuDatagram {
    /** Bytes in a version-1 datagram. */
    public static final int BYTES = 64;
    /** The magic, as the little-endian int of "AVIM". */
    public static final int MAGIC = 0x4D495641;
    public static final int VERSION = 1;

    /** Why a datagram was refused. */
    public enum Reject {
        LENGTH, MAGIC, VERSION, VALUE
    }

    private ImuDatagram() {
    }

    /** Encodes a sample taken at {@code senderNanos} into {@code out} (at least {@link #BYTES} long). */
    public static void encode(long senderNanos, ImuSample s, byte[] out) {
        ByteBuffer b = ByteBuffer.wrap(out, 0, BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).put((byte) VERSION).put((byte) 0).put((byte) 0).put((byte) 0).putLong(senderNanos)
                .putDouble(s.gyroXRadPerSec()).putDouble(s.gyroYRadPerSec()).putDouble(s.gyroZRadPerSec())
                .putDouble(s.accelXMetersPerSec2()).putDouble(s.accelYMetersPerSec2())
                .putDouble(s.accelZMetersPerSec2());
    }

    /** A decoded datagram. */
    public record Decoded(long senderNanos, ImuSample sample) {
    }

    /**
     * @return the decoded sample; {@code reject[0]} is set and null returned when the datagram is refused
     */
    public static Decoded decode(byte[] data, int length, Reject[] reject) {
        if (length != BYTES) {
            reject[0] = Reject.LENGTH;
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC) {
            reject[0] = Reject.MAGIC;
            return null;
        }
        if (b.get(4) != VERSION) {
            reject[0] = Reject.VERSION;
            return null;
        }
        long t = b.getLong(8);
        double gx = b.getDouble(16);
        double gy = b.getDouble(24);
        double gz = b.getDouble(32);
        double ax = b.getDouble(40);
        double ay = b.getDouble(48);
        double az = b.getDouble(56);
        if (!(Double.isFinite(gx) && Double.isFinite(gy) && Double.isFinite(gz) && Double.isFinite(ax)
                && Double.isFinite(ay) && Double.isFinite(az))) {
            reject[0] = Reject.VALUE;
            return null;
        }
        return new Decoded(t, new ImuSample(gx, gy, gz, ax, ay, az));
    }
}
