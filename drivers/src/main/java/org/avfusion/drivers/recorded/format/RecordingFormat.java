package org.avfusion.drivers.recorded.format;

import java.nio.file.Path;

/**
 * One kind of recording on disk (a KITTI raw drive folder, a folder of sweeps, a ROS 1 bag, a drive folder, MCAP):
 * recognises a path and opens it. Implementations are stateless and thread-safe; each {@link #open} returns a new
 * source owned by the caller.
 */
public interface RecordingFormat {
    /** Short lower-case name, as given to {@code --format} (e.g. {@code kitti-raw}). */
    String name();

    /** What a path must be or contain for this format, for messages (e.g. "a .bag file (ROS 1 bag v2.0)"). */
    String expects();

    /** Whether {@code path} looks like this format (cheap: names and folder layout, not the data). */
    boolean recognizes(Path path);

    /**
     * Opens the recording.
     *
     * @throws RecordingFormatException naming the file, field or topic when it cannot be replayed as asked
     */
    RecordingSource open(Path path, RecordingRequest request) throws RecordingFormatException;
}
