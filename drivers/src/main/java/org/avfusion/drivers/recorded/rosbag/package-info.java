/**
 * ROS 1 bags (format 2.0) replayed as a recorded source. bag-reader-java reads the index (connections, chunk
 * infos) and decompresses chunks; {@link org.avfusion.drivers.recorded.rosbag.BagFraming} checks every record
 * length against the file before the library allocates anything, and
 * {@link org.avfusion.drivers.recorded.rosbag.RosMessageDecoder} turns the serialized sensor_msgs (NavSatFix, Imu,
 * PointCloud2, Image, CompressedImage) into frames with bounds-checked reads and no I/O. Depends on
 * {@code org.avfusion.drivers.recorded}, {@code .frame}, {@code .pool}, {@code .source}, bag-reader-java and OpenCV.
 */
package org.avfusion.drivers.recorded.rosbag;
