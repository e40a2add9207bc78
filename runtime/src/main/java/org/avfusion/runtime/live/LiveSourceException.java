package org.avfusion.runtime.live;

import org.avfusion.runtime.config.LiveSourceConfig;

/**
 * A live source that cannot be built or started: a UDP port already in use, a serial device or file that does not
 * exist, an unreadable Ouster metadata file. The message names the source ({@code live.sources[i]}, its sensor and
 * driver), the field to fix and the value; {@code avfusion run} exits with 2 on it.
 */
public final class LiveSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LiveSourceException(int index, LiveSourceConfig config, String field, String problem, Throwable cause) {
        super("live.sources[" + index + "] (sensor " + config.sensor() + ", driver " + config.driver() + "): "
                + "live.sources[" + index + "]." + field + ": " + problem, cause);
    }
}
