/**
 * avfusion's own recordings: the runtime's inputs as Foxglove messages in JSON encoding (foxglove.PointCloud,
 * foxglove.CompressedImage, foxglove.LocationFix, avfusion.Imu) on MCAP channels, written by the runtime's recorder
 * and replayed by {@link org.avfusion.drivers.recorded.foxglove.McapRecordingSource}. The schemas (copied from
 * {@code @foxglove/schemas}, see {@code schemas/NOTICE.md}) are resources here. Depends on the MCAP reader, frames,
 * pools, Jackson and OpenCV (JPEG).
 */
package org.avfusion.drivers.recorded.foxglove;
