package org.avfusion.drivers.map.lanelet2;

import java.nio.file.Path;

/** A file that is not a readable Lanelet2 map; the message names the file and the element at fault. */
public final class Lanelet2FormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public Lanelet2FormatException(Path file, String problem, Throwable cause) {
        super("Lanelet2 map " + file + ": " + problem, cause);
        this.file = file;
    }

    public Lanelet2FormatException(Path file, String problem) {
        this(file, problem, null);
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
