package org.avfusion.drivers.recorded.rosbag;

import org.avfusion.drivers.frame.SensorKind;

/**
 * The ROS 1 message types a bag source decodes, with the MD5 of their definition (a connection whose MD5 differs
 * has another layout and is refused) and the sensor kind they feed.
 */
public enum RosMessageKind {
    NAV_SAT_FIX("sensor_msgs/NavSatFix", "2d3a8cd499b9b4a0249fb98fd05cfa48", SensorKind.GNSS),
    IMU("sensor_msgs/Imu", "6a62c6daae103f4ff57a132d6f95cec2", SensorKind.IMU),
    POINT_CLOUD2("sensor_msgs/PointCloud2", "1158d486dd51d683ce2f1be655c3c181", SensorKind.LIDAR),
    IMAGE("sensor_msgs/Image", "060021388200f6f0f447d0fcd9c64743", SensorKind.CAMERA),
    COMPRESSED_IMAGE("sensor_msgs/CompressedImage", "8f7a12909da2c9d3332d540a0977563f", SensorKind.CAMERA),
    ODOMETRY(OdometryDecoder.ROS_TYPE, OdometryDecoder.MD5, SensorKind.ODOMETRY),
    TWIST_STAMPED(TwistStampedDecoder.ROS_TYPE, TwistStampedDecoder.MD5, SensorKind.ODOMETRY);

    private final String rosType;
    private final String md5;
    private final SensorKind sensorKind;

    RosMessageKind(String rosType, String md5, SensorKind sensorKind) {
        this.rosType = rosType;
        this.md5 = md5;
        this.sensorKind = sensorKind;
    }

    /** e.g. {@code sensor_msgs/NavSatFix} */
    public String rosType() {
        return rosType;
    }

    /** MD5 sum of the message definition, as in a bag's connection header. */
    public String md5() {
        return md5;
    }

    public SensorKind sensorKind() {
        return sensorKind;
    }

    /** The kind for a ROS type name, or null when this source does not decode it. */
    public static RosMessageKind ofRosType(String rosType) {
        for (RosMessageKind kind : values()) {
            if (kind.rosType.equals(rosType)) {
                return kind;
            }
        }
        return null;
    }
}
