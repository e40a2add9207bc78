/**
 * Point cloud files: KITTI {@code .bin} scans ({@link org.avfusion.drivers.pointcloud.io.KittiBinReader}; a whole
 * KITTI raw drive is replayed by {@code org.avfusion.drivers.recorded.kitti.KittiRawSource}) and Point Cloud Library
 * PCD v0.7 files in ascii, binary and binary_compressed encoding ({@link org.avfusion.drivers.pointcloud.io.PcdReader},
 * {@link org.avfusion.drivers.pointcloud.io.PcdWriter}), with the LZF codec PCD compression needs
 * ({@link org.avfusion.drivers.pointcloud.io.Lzf}), and the KITTI reader's arctangent
 * ({@link org.avfusion.drivers.pointcloud.io.FdlibmAtan2}: {@code Math.atan2}'s bits in plain Java). Readers fill a caller-supplied pooled
 * {@link org.avfusion.drivers.frame.PointCloud}; every bad input is a
 * {@link org.avfusion.drivers.pointcloud.io.PointCloudFormatException} naming the file and byte offset or header field.
 * Depends only on the JDK and {@code org.avfusion.drivers.frame}.
 */
package org.avfusion.drivers.pointcloud.io;
