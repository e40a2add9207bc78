package org.avfusion.drivers.recorded.ros2;

import java.nio.ByteBuffer;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.recorded.rosbag.Odometry;
import org.avfusion.drivers.recorded.rosbag.OdometryDecoder;
import org.avfusion.drivers.recorded.rosbag.RosCursor;
import org.avfusion.drivers.recorded.rosbag.RosDecodeException;
import org.avfusion.drivers.recorded.rosbag.RosMessageDecoder;

/**
 * Decodes CDR-serialized ROS 2 messages (XCDR1, little- or big-endian, with the 4-byte encapsulation header that
 * rosbag2 stores in MCAP) into frames. The bodies of the sensor messages have the same fields as in ROS 1, so they
 * go through {@link RosMessageDecoder} and {@link OdometryDecoder} (same conversions, same checks) on a
 * {@link RosCursor} in CDR mode; only the header differs: ROS 2's {@code std_msgs/Header} is a
 * {@code builtin_interfaces/Time stamp} (int32 sec, uint32 nanosec) and a {@code frame_id}, without {@code seq}.
 *
 * <p>Use: {@link #header} points the decoder at a message and returns its stamp; then exactly one body method
 * for the message's type. Bad input throws {@link RosDecodeException} naming the field and byte (offsets count
 * from the encapsulation header); a pooled buffer is released before the throw.
 *
 * <p>Not thread-safe (reuses its cursor and scratch buffers); one per source. {@link #close()} frees the native
 * buffer used for compressed images.
 */
public final class Ros2Decoder implements AutoCloseable {
    private final RosCursor cursor = new RosCursor();
    private final RosMessageDecoder bodies = new RosMessageDecoder();

    /** Reads a ROS 2 {@code std_msgs/Header} and returns its stamp, nanoseconds since 1970. */
    public static long headerStampNanos(RosCursor c) {
        long stamp = c.time("header.stamp");
        c.skipString("header.frame_id");
        return stamp;
    }

    /** Points at the message {@code buffer[offset, offset + length)} and reads its header; returns the stamp. */
    public long header(ByteBuffer buffer, int offset, int length) {
        return headerStampNanos(cursor.resetCdr(buffer, offset, length));
    }

    /** A {@code sensor_msgs/msg/NavSatFix} body; {@code stampNanos} (the header's) becomes its UTC time. */
    public GnssFix navSatFix(long stampNanos) {
        return bodies.navSatFix(cursor, stampNanos);
    }

    /** A {@code sensor_msgs/msg/Imu} body. */
    public ImuSample imu() {
        return bodies.imu(cursor);
    }

    /** A {@code sensor_msgs/msg/PointCloud2} body, into a cloud from {@code pool}. */
    public PointCloud pointCloud2(BufferPool<PointCloud> pool) {
        return bodies.pointCloud2(cursor, pool);
    }

    /** A {@code sensor_msgs/msg/Image} body, into an image from {@code pool}. */
    public CameraImage image(BufferPool<CameraImage> pool) {
        return bodies.image(cursor, pool);
    }

    /** A {@code sensor_msgs/msg/CompressedImage} body (JPEG or PNG), into an image from {@code pool}. */
    public CameraImage compressedImage(BufferPool<CameraImage> pool) {
        return bodies.compressedImage(cursor, pool);
    }

    /** A {@code nav_msgs/msg/Odometry} body. */
    public Odometry odometry(long stampNanos) {
        return OdometryDecoder.decodeBody(cursor, stampNanos);
    }

    /** A whole {@code std_msgs/msg/String} (it has no header). */
    public String string(ByteBuffer buffer, int offset, int length) {
        return cursor.resetCdr(buffer, offset, length).string("data");
    }

    @Override
    public void close() {
        bodies.close();
    }
}
