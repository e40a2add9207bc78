package org.avfusion.runtime.config;

/**
 * A configuration that cannot be used. The message names the source (file or built-in profile), the key path
 * and the offending value, and says what to write instead. The CLI maps it to exit code 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
