package org.avfusion.calibration.opencv;

import java.nio.file.Path;

/**
 * Input a calibration tool cannot use: a missing or unreadable file, a chessboard found in too few views, images of
 * different sizes. The message names the file and the field or value at fault; {@link #file()} is that file (null
 * when the fault is not in one file).
 */
public final class CalibrationInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public CalibrationInputException(Path file, String problem) {
        super(file == null ? problem : file + ": " + problem);
        this.file = file;
    }

    public CalibrationInputException(Path file, String problem, Throwable cause) {
        super(file == null ? problem : file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
