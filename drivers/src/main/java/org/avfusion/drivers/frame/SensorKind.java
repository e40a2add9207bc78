package org.avfusion.drivers.frame;

/** The families of sensors the runtime knows how to fuse. */
public enum SensorKind {
    LIDAR,
    CAMERA,
    GNSS,
    IMU,
    /**
     * Vehicle odometry: forward speed and yaw rate in the vehicle frame, from wheel encoders, the CAN speed signal or a
     * ROS {@code nav_msgs/Odometry} / {@code geometry_msgs/TwistStamped} topic (payload {@link TwistSample}).
     */
    ODOMETRY
}
