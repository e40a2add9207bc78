/**
 * KITTI raw drives ({@code <date>_drive_<nnnn>_sync} folders) replayed as a recorded source: OXTS GPS/IMU text
 * records, Velodyne scan timestamps and {@code .bin} scans, and {@code image_02} PNG frames.
 * {@link org.avfusion.drivers.recorded.kitti.OxtsRecord} and {@link org.avfusion.drivers.recorded.kitti.KittiTimestamps}
 * parse text and do no I/O; {@link org.avfusion.drivers.recorded.kitti.KittiRawSource} reads the folder, its scans
 * through {@link org.avfusion.drivers.pointcloud.io.KittiBinReader}. Depends on {@code org.avfusion.drivers.recorded},
 * {@code .pointcloud.io}, {@code .frame}, {@code .pool}, {@code .source} and OpenCV (imread).
 */
package org.avfusion.drivers.recorded.kitti;
