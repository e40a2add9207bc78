package org.avfusion.drivers.recorded.ros2;

import org.avfusion.drivers.frame.SensorKind;

/**
 * The ROS 2 message types this package decodes, by their schema name in an MCAP file ({@code
 * sensor_msgs/msg/Imu}; the older form without {@code /msg/} is accepted too), and the sensor kind they feed
 * (null for types that are not sensor frames).
 */
public enum Ros2MessageType {
    NAV_SAT_FIX("sensor_msgs/msg/NavSatFix", SensorKind.GNSS),
    IMU("sensor_msgs/msg/Imu", SensorKind.IMU),
    POINT_CLOUD2("sensor_msgs/msg/PointCloud2", SensorKind.LIDAR),
    IMAGE("sensor_msgs/msg/Image", SensorKind.CAMERA),
    COMPRESSED_IMAGE("sensor_msgs/msg/CompressedImage", SensorKind.CAMERA),
    ODOMETRY("nav_msgs/msg/Odometry", SensorKind.ODOMETRY),
    STRING("std_msgs/msg/String", null);

    /** The MCAP message encoding of ROS 2 messages. */
    public static final String MESSAGE_ENCODING = "cdr";
    /** The MCAP schema encoding of ROS 2 message definitions. */
    public static final String SCHEMA_ENCODING = "ros2msg";

    private final String schemaName;
    private final SensorKind sensorKind;

    Ros2MessageType(String schemaName, SensorKind sensorKind) {
        this.schemaName = schemaName;
        this.sensorKind = sensorKind;
    }

    /** e.g. {@code sensor_msgs/msg/Imu} */
    public String schemaName() {
        return schemaName;
    }

    /** The sensor kind a message of this type becomes a frame of, or null (strings). */
    public SensorKind sensorKind() {
        return sensorKind;
    }

    /** The type named {@code name} ({@code pkg/msg/Type} or {@code pkg/Type}), or null when not decoded here. */
    public static Ros2MessageType ofSchemaName(String name) {
        for (Ros2MessageType type : values()) {
            if (type.schemaName.equals(name) || type.schemaName.replace("/msg/", "/").equals(name)) {
                return type;
            }
        }
        return null;
    }
}
