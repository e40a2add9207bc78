/**
 * Recorded drives replayed as {@link org.avfusion.drivers.source.RecordedSource}s: what every recorded format
 * shares (the {@link org.avfusion.drivers.recorded.RecordedHealth} counters, the
 * {@link org.avfusion.drivers.recorded.RecordedTimeBase} that maps recorded stamps onto the vehicle time base and
 * the {@link org.avfusion.drivers.recorded.RecordedDriveException} for a drive that cannot be opened, and
 * {@link org.avfusion.drivers.camera.OpenCvImages}, the one copy from an OpenCV {@code Mat} into a pooled
 * {@link org.avfusion.drivers.frame.CameraImage}). The formats live in sub-packages ({@code kitti}, {@code rosbag}).
 * Depends on {@code org.avfusion.drivers.frame}, {@code .pool}, {@code .source}, OpenCV (JavaCV) and, for
 * {@link org.avfusion.drivers.recorded.McapProblems} (what an MCAP reader counted, in a health), {@code .recorded.mcap}.
 */
package org.avfusion.drivers.recorded;
