package org.avfusion.drivers.map;

import java.nio.file.Path;

/**
 * A map file could not be turned into a {@link RoadNetwork}: missing, unreadable, not OpenStreetMap data, corrupt,
 * or without a single road a car may use. Start-up failure: the message names the file and what is wrong.
 */
public final class MapLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public MapLoadException(Path file, String reason) {
        super(reason + ": " + file);
        this.file = file;
    }

    public MapLoadException(Path file, String reason, Throwable cause) {
        super(reason + ": " + file, cause);
        this.file = file;
    }

    /** The map file that failed. */
    public Path file() {
        return file;
    }
}
