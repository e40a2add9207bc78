/**
 * Cameras: {@link org.avfusion.drivers.camera.VideoFileSource} (a video file as a
 * {@link org.avfusion.drivers.source.RecordedSource}), {@link org.avfusion.drivers.camera.ImageSequenceSource} (a
 * KITTI-style folder of PNGs with a {@code timestamps.txt}) and {@link org.avfusion.drivers.camera.LiveCameraDriver}
 * (RTSP/HTTP streams and V4L2 devices on a thread of its own), all decoding through FFmpeg or OpenCV (JavaCV) into
 * pooled BGR {@link org.avfusion.drivers.frame.CameraImage}s; {@link org.avfusion.drivers.camera.PngHeader} reads a
 * PNG's size from its header for frames published without pixels. How stream time becomes vehicle time is a
 * {@link org.avfusion.drivers.camera.StampMapping}, a pure algorithm. Depends on the JDK, JavaCV/FFmpeg/OpenCV and
 * {@code org.avfusion.drivers.{frame,pool,source}}; knows nothing of the ring.
 */
package org.avfusion.drivers.camera;
