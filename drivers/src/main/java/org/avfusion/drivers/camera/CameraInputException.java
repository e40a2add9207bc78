package org.avfusion.drivers.camera;

/**
 * A camera input that cannot be used at all: a missing file, a file that is not a video, a folder without
 * images or with a bad {@code timestamps.txt}. Thrown when a recorded source is opened (fail fast at start-up);
 * errors after the first frame are counted in {@link CameraHealth} instead. Carries the input it is about.
 */
public final class CameraInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String input;

    /** @param input the file, folder or URL; @param message what is wrong with it, naming it */
    public CameraInputException(String input, String message, Throwable cause) {
        super(message, cause);
        this.input = input;
    }

    /** The file, folder or URL that could not be used. */
    public String input() {
        return input;
    }
}
