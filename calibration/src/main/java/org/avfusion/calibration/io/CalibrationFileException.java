package org.avfusion.calibration.io;

import java.nio.file.Path;

/**
 * A calibration file that cannot be used: missing, unreadable, or with a field that is absent, of the wrong size
 * or impossible. Carries the file and the field (a dotted path such as {@code sensors.camera_front.intrinsics}) so
 * that the message says what to fix. It is an {@link IllegalArgumentException}, which the {@code avfusion} CLI maps to
 * exit code 2.
 */
public final class CalibrationFileException extends IllegalArgumentException {

    private final String file;
    private final String field;

    public CalibrationFileException(String file, String field, String problem) {
        this(file, field, problem, null);
    }

    public CalibrationFileException(String file, String field, String problem, Throwable cause) {
        super(file + (field == null || field.isEmpty() ? "" : ": field '" + field + "'") + ": " + problem, cause);
        this.file = file;
        this.field = field;
    }

    public CalibrationFileException(Path file, String field, String problem) {
        this(String.valueOf(file), field, problem, null);
    }

    /**
     * The problem {@code e} found in {@code field} of {@code file}: {@code e} itself when it already names its file
     * and field (a reader nested in another, such as a matrix read inside a camera's fields), so that the message
     * says them once and names the innermost field.
     */
    public static CalibrationFileException of(String file, String field, IllegalArgumentException e) {
        return e instanceof CalibrationFileException named ? named
                : new CalibrationFileException(file, field, e.getMessage(), e);
    }

    /** The file, as given by the caller. */
    public String file() {
        return file;
    }

    /** The field path, or empty when the whole file is at fault. */
    public String field() {
        return field == null ? "" : field;
    }
}
