package org.avfusion.drivers.frame;

/** The families of sensors the runtime knows how to fuse. */
public enum SensorKind {
    LIDAR,
    CAMERA,
    GNSS,
    IMU
}
