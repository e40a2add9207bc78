/**
 * ROS 1 bags (format 2.0) replayed as a recorded source. {@link org.avfusion.drivers.recorded.rosbag.BagIndex} reads
 * the index (connections, chunks, messages per chunk), checking every length against the file before allocating, and
 * rebuilds it by scanning where a bag has none; {@link org.avfusion.drivers.recorded.rosbag.ChunkRecords} decompresses
 * chunks (bz2 with commons-compress, LZ4 with bag-reader-java) and walks their records, counting what damage costs;
 * {@link org.avfusion.drivers.recorded.rosbag.RosMessageDecoder} turns the serialized sensor_msgs (NavSatFix, Imu,
 * PointCloud2, Image, CompressedImage) into frames with bounds-checked reads and no I/O. Depends on
 * {@code org.avfusion.drivers.recorded}, {@code .frame}, {@code .pool}, {@code .source}, bag-reader-java,
 * commons-compress and OpenCV.
 */
package org.avfusion.drivers.recorded.rosbag;
