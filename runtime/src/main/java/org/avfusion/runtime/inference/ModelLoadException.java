package org.avfusion.runtime.inference;

import java.nio.file.Path;

/**
 * A model could not be made ready at start-up: the file is missing or not a valid ONNX model, its input or output
 * shape does not fit the configuration, or no configured execution provider could be started. The message names the
 * file, what was expected and what to change.
 */
public final class ModelLoadException extends RuntimeException {
    private final transient Path model;

    public ModelLoadException(Path model, String message, Throwable cause) {
        super(message, cause);
        this.model = model;
    }

    public ModelLoadException(Path model, String message) {
        this(model, message, null);
    }

    /** The model file at fault. */
    public Path model() {
        return model;
    }
}
