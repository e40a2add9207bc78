/**
 * Recordings by format: {@link org.avfusion.drivers.recorded.format.RecordingFormat} recognises a path and opens it
 * as a {@link org.avfusion.drivers.recorded.format.RecordingSource} (the recorded frames in arrival order, the
 * sensors they come from, the calibration the recording ships with); {@link
 * org.avfusion.drivers.recorded.format.RecordingFormats} lists the formats and picks one for a path. A new format
 * (MCAP) is one more {@code RecordingFormat} added to that list. Depends on the readers in {@code drivers.recorded.*},
 * {@code drivers.source}, {@code drivers.pool} and {@code calibration.io} (KITTI calibration files); never on the
 * runtime.
 */
package org.avfusion.drivers.recorded.format;
