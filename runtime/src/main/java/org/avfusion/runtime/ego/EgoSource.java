package org.avfusion.runtime.ego;

/** The kinds of measurement the ego-motion filter fuses; health and ages are kept per source. */
public enum EgoSource {
    /** IMU yaw rate (and optionally longitudinal acceleration). */
    IMU,
    /** The vehicle's own speed signal (CAN). */
    VEHICLE_SPEED,
    /** Four wheel speeds (CAN). */
    WHEEL_SPEEDS,
    /** GNSS position (absolute: the only source that anchors the estimate on the earth). */
    GNSS_POSITION,
    /** GNSS speed over ground and course. */
    GNSS_VELOCITY,
    /** Odometry twist (ROS nav_msgs/Odometry or geometry_msgs/TwistStamped). */
    ODOMETRY;

    /** Whether the source measures absolute position. */
    public boolean absolute() {
        return this == GNSS_POSITION;
    }
}
