package org.avfusion.runtime.live;

import org.avfusion.runtime.config.LiveSourceConfig;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One running live sensor source built from {@code live.sources[index]}.
 *
 * <p>Lifecycle: built (nothing opened), {@link #start()} once (binds, opens, starts the driver's own thread; frames
 * then go to the sink given at build time, stamped on the vehicle clock), {@link #close()} once (stops the thread and
 * publishes what was in progress, e.g. the sweep being assembled). {@link #frames()} and {@link #appendHealth} may be
 * called from any thread at any time.
 */
public interface LiveSource extends AutoCloseable {
    /** Position in {@code live.sources}. */
    int index();

    /** What it was built from. */
    LiveSourceConfig config();

    /**
     * Opens the input and starts the driver's thread. Network peers that are not there yet (a TCP NMEA server, gpsd)
     * are not an error: the driver retries with backoff and says so in its health.
     *
     * @throws LiveSourceException when the source cannot start (port in use, device or file missing), naming the
     *                             source and the field
     */
    void start();

    /** Frames published to the sink so far (sweeps, fixes, images). */
    long frames();

    /** Appends this source's counters as fields of the object {@code w} is in. */
    void appendHealth(JsonGenerator w) throws IOException;

    /** Stops the driver's thread; idempotent, never throws (a failure is kept in the health's last error). */
    @Override
    void close();
}
