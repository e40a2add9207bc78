package org.avfusion.drivers.recorded.rosbag;

import org.avfusion.drivers.recorded.RejectReason;

/**
 * Decodes a serialized ROS 1 {@code geometry_msgs/TwistStamped} (header, then linear x, y, z and angular x, y, z as
 * float64) into an {@link Odometry} with a NaN pose and the header's frame as the twist frame, so that odometry and
 * twist sources are used alike.
 *
 * <p>Bad input throws {@link RosDecodeException} naming the field: a message cut short, a non-finite twist.
 * Stateless; thread-safe.
 */
public final class TwistStampedDecoder {
    /** The ROS type this decodes. */
    public static final String ROS_TYPE = "geometry_msgs/TwistStamped";
    /** MD5 of the {@code geometry_msgs/TwistStamped} definition. */
    public static final String MD5 = "98d34b0043a2093cf9d9345ab6eef12e";

    private TwistStampedDecoder() {
    }

    /** A whole message, header first. */
    public static Odometry decode(RosCursor c) {
        c.uint32("header.seq");
        long stamp = c.time("header.stamp");
        String frame = c.string("header.frame_id");
        return decodeBody(c, stamp, frame);
    }

    /**
     * The body after the header (the twist), for a cursor past {@code header}.
     *
     * @param stampNanos the header stamp, nanoseconds since 1970
     * @param frameId    the header's frame id (the frame the twist is expressed in)
     */
    public static Odometry decodeBody(RosCursor c, long stampNanos, String frameId) {
        long stamp = stampNanos;
        String frame = frameId;
        int twistAt = c.offset();
        double vx = c.float64("twist.linear.x");
        double vy = c.float64("twist.linear.y");
        double vz = c.float64("twist.linear.z");
        double wx = c.float64("twist.angular.x");
        double wy = c.float64("twist.angular.y");
        double wz = c.float64("twist.angular.z");
        if (!Double.isFinite(vx) || !Double.isFinite(vy) || !Double.isFinite(vz) || !Double.isFinite(wx)
                || !Double.isFinite(wy) || !Double.isFinite(wz)) {
            throw new RosDecodeException(RejectReason.IMPOSSIBLE_VALUE, "twist", twistAt, "non-finite twist (" + vx
                    + ", " + vy + ", " + vz + "; " + wx + ", " + wy + ", " + wz + ")");
        }
        double nan = Double.NaN;
        return new Odometry(stamp, frame, nan, nan, nan, nan, nan, nan, nan, vx, vy, vz, wx, wy, wz);
    }
}
