package org.avfusion.drivers.recorded.format;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that a recording's path, or a file a manifest names, is of the kind its format reads, so that a path that
 * exists but is the wrong kind says so ("is a file, not a folder") rather than "not found". Stateless.
 */
final class RecordingPaths {
    private RecordingPaths() {
    }

    /**
     * Refuses an existing {@code path} that is not a folder.
     *
     * @param expects what the format expects, for the message (its {@link RecordingFormat#expects()})
     */
    static void requireFolderIfExists(Path path, String expects) throws RecordingFormatException {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new RecordingFormatException(path + ": is a file, not a folder (expected " + expects + ")");
        }
    }

    /**
     * Refuses an existing {@code path} that is a folder.
     *
     * @param noun    what the file should be, e.g. "a ROS bag file"
     * @param expects what the format expects, for the message (its {@link RecordingFormat#expects()})
     */
    static void requireFileIfExists(Path path, String noun, String expects) throws RecordingFormatException {
        if (Files.isDirectory(path)) {
            throw new RecordingFormatException(path + ": is a folder, not " + noun + " (expected " + expects + ")");
        }
    }
}
