package org.avfusion.runtime.output.record;

import java.util.List;

/**
 * Where the recorder's writer thread sends encoded messages: an MCAP file, a live viewer. Called from that one
 * thread only; must not block for long (a slow consumer drops and counts, as the WebSocket server does). A sink that
 * fails for good (disk full) reports it through {@link #stoppedReason()} and ignores further messages.
 */
public interface ChannelSink extends AutoCloseable {
    /**
     * Declares every channel, and named metadata about the recording (the rig, {@link Recorder#RIG_METADATA}), before
     * the first message.
     */
    void start(List<RecordChannel> channels, java.util.Map<String, java.util.Map<String, String>> metadata);

    /**
     * @param channel         index into the list given to {@link #start}
     * @param logTimeNanos    vehicle time the message was seen by the runtime (arrival of an input, publication of
     *                        an output)
     * @param publishTimeNanos the message's own stamp
     * @param json            the message, JSON; not modified, may be shared with other sinks
     */
    void write(int channel, long sequence, long logTimeNanos, long publishTimeNanos, byte[] json);

    /** Why this sink stopped taking messages, or null while it takes them. */
    String stoppedReason();

    @Override
    void close();
}
