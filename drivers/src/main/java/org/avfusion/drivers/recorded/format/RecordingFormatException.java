package org.avfusion.drivers.recorded.format;

/** A recording that cannot be opened as asked; the message names the path and what was expected or found. */
public final class RecordingFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public RecordingFormatException(String message) {
        super(message);
    }

    public RecordingFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
