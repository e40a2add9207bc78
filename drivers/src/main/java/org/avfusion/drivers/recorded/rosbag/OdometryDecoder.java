package org.avfusion.drivers.recorded.rosbag;

import org.avfusion.drivers.recorded.RejectReason;

/**
 * Decodes a serialized {@code nav_msgs/Odometry} (ROS 1, or ROS 2 CDR through {@link #decodeBody}): header, {@code child_frame_id},
 * {@code geometry_msgs/PoseWithCovariance}, {@code geometry_msgs/TwistWithCovariance}. Covariances are skipped.
 *
 * <p>Bad input throws {@link RosDecodeException} naming the field and byte: a message cut short, or a non-finite
 * twist (a velocity nobody can use). A non-finite pose is passed on (some odometry publishes velocity only).
 * Stateless; thread-safe.
 */
public final class OdometryDecoder {
    /** The ROS type this decodes. */
    public static final String ROS_TYPE = "nav_msgs/Odometry";
    /** MD5 of the {@code nav_msgs/Odometry} definition; a connection with another MD5 has another layout. */
    public static final String MD5 = "cd5e73d190d741a2f92e81eda573aca7";

    private OdometryDecoder() {
    }

    /** A whole ROS 1 message, header first. */
    public static Odometry decode(RosCursor c) {
        return decodeBody(c, RosMessageDecoder.headerStampNanos(c));
    }

    /**
     * The body after the header ({@code child_frame_id} on), ROS 1 or ROS 2 CDR as the cursor was reset for.
     *
     * @param stampNanos the header stamp, nanoseconds since 1970
     */
    public static Odometry decodeBody(RosCursor c, long stampNanos) {
        long stamp = stampNanos;
        String child = c.string("child_frame_id");
        double x = c.float64("pose.pose.position.x");
        double y = c.float64("pose.pose.position.y");
        double z = c.float64("pose.pose.position.z");
        double qx = c.float64("pose.pose.orientation.x");
        double qy = c.float64("pose.pose.orientation.y");
        double qz = c.float64("pose.pose.orientation.z");
        double qw = c.float64("pose.pose.orientation.w");
        c.skipFloat64s("pose.covariance", 36);
        int twistAt = c.offset();
        double vx = c.float64("twist.twist.linear.x");
        double vy = c.float64("twist.twist.linear.y");
        double vz = c.float64("twist.twist.linear.z");
        double wx = c.float64("twist.twist.angular.x");
        double wy = c.float64("twist.twist.angular.y");
        double wz = c.float64("twist.twist.angular.z");
        c.skipFloat64s("twist.covariance", 36);
        if (!Double.isFinite(vx) || !Double.isFinite(vy) || !Double.isFinite(vz) || !Double.isFinite(wx)
                || !Double.isFinite(wy) || !Double.isFinite(wz)) {
            throw new RosDecodeException(RejectReason.IMPOSSIBLE_VALUE, "twist.twist", twistAt, "non-finite twist ("
                    + vx + ", " + vy + ", " + vz + "; " + wx + ", " + wy + ", " + wz + ")");
        }
        return new Odometry(stamp, child, x, y, z, qx, qy, qz, qw, vx, vy, vz, wx, wy, wz);
    }
}
