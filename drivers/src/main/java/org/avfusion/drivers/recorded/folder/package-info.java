/**
 * Folders of per-frame files without timestamps (a folder of PCD or KITTI {@code .bin} sweeps, a folder of images)
 * replayed at a nominal rate as {@link org.avfusion.drivers.source.RecordedSource}s. Depends on
 * {@code org.avfusion.drivers.frame}, {@code .pool}, {@code .source}, {@code .pointcloud.io}, {@code .recorded} and
 * OpenCV (JavaCV) for decoding images.
 */
package org.avfusion.drivers.recorded.folder;
