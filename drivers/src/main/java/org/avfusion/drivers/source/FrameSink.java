package org.avfusion.drivers.source;

import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;

/**
 * Where a driver publishes frames. The runtime's ring implements it; tests and fault injectors wrap it.
 *
 * <p>Ownership: a pooled payload passed in belongs to the sink from the call on (see
 * {@link org.avfusion.drivers.pool}); a sink that drops the frame releases it. Implementations are
 * thread-safe: several drivers publish from their own threads.
 */
public interface FrameSink {
    /**
     * Publishes one frame.
     *
     * @return true if the frame was accepted, false if it was dropped (and counted) by the sink's policy
     */
    boolean publish(FrameHeader header, Payload payload);
}
