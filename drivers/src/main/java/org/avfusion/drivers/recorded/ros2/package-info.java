/**
 * ROS 2 recordings: CDR-encoded sensor messages ({@code sensor_msgs} NavSatFix, Imu, PointCloud2, Image,
 * CompressedImage; {@code nav_msgs/Odometry}; {@code std_msgs/String}) decoded into frames by {@link
 * org.avfusion.drivers.recorded.ros2.Ros2Decoder} (the message bodies through the ROS 1 decoders of {@code
 * .rosbag}, whose cursor reads CDR too), and an MCAP file (rosbag2's default storage) replayed as a {@link
 * org.avfusion.drivers.source.RecordedSource} by {@link org.avfusion.drivers.recorded.ros2.McapRos2Source}.
 * Depends on {@code org.avfusion.drivers.recorded}, {@code .recorded.mcap}, {@code .recorded.rosbag},
 * {@code .frame}, {@code .pool} and {@code .source}.
 */
package org.avfusion.drivers.recorded.ros2;
