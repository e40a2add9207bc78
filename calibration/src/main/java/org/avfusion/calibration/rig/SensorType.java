package org.avfusion.calibration.rig;

/** The families of sensors a rig holds; mirrors the runtime's sensor kinds. Cameras need intrinsics. */
public enum SensorType {
    LIDAR,
    CAMERA,
    GNSS,
    IMU,
    /** Vehicle odometry (wheel encoders, CAN speed, a ROS odometry topic): mounted at the base frame. */
    ODOMETRY
}
