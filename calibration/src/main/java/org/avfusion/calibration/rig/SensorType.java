package org.avfusion.calibration.rig;

/** The families of sensors a rig holds; mirrors the runtime's sensor kinds. Cameras need intrinsics. */
public enum SensorType {
    LIDAR,
    CAMERA,
    GNSS,
    IMU
}
