package org.avfusion.drivers.recorded.rosbag;

/**
 * One {@code nav_msgs/Odometry} message: the pose of {@code child_frame_id} in {@code header.frame_id} and its
 * velocity in the child frame (ROS REP 103: x forward, y left, z up; metres, radians, seconds).
 *
 * @param stampNanos     header stamp, nanoseconds since 1970 (ROS time)
 * @param childFrameId   the frame the twist is expressed in (e.g. {@code base_link})
 * @param xMeters        position x
 * @param yMeters        position y
 * @param zMeters        position z
 * @param qx             orientation quaternion x
 * @param qy             orientation quaternion y
 * @param qz             orientation quaternion z
 * @param qw             orientation quaternion w
 * @param vxMetersPerSecond    linear velocity x
 * @param vyMetersPerSecond    linear velocity y
 * @param vzMetersPerSecond    linear velocity z
 * @param wxRadiansPerSecond   angular velocity x (roll rate)
 * @param wyRadiansPerSecond   angular velocity y (pitch rate)
 * @param wzRadiansPerSecond   angular velocity z (yaw rate)
 */
public record Odometry(
        long stampNanos,
        String childFrameId,
        double xMeters,
        double yMeters,
        double zMeters,
        double qx,
        double qy,
        double qz,
        double qw,
        double vxMetersPerSecond,
        double vyMetersPerSecond,
        double vzMetersPerSecond,
        double wxRadiansPerSecond,
        double wyRadiansPerSecond,
        double wzRadiansPerSecond) {

    public Odometry {
        if (childFrameId == null) {
            throw new IllegalArgumentException("childFrameId must not be null");
        }
    }
}
