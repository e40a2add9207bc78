package org.avfusion.drivers.recorded.mcap;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The messages a damaged chunk cost: how many per channel and the span of log time they covered, from the chunk's
 * Message Index records, or, where those are damaged too, from the summary's Statistics less the other chunks'
 * message indexes. When neither can say, {@link #counted()} is false and the count is not known.
 *
 * @param chunkOffset        byte offset of the Chunk record from the start of the file
 * @param messagesByChannel  channel id to the messages of that channel lost, in id order; empty when not counted
 * @param counted            whether {@code messagesByChannel} is the count (false: not known)
 * @param startNanos         earliest log time lost, or -1 when not known
 * @param endNanos           latest log time lost, or -1 when not known
 * @param countedFrom        where the numbers come from, for a message ("its message indexes")
 */
public record McapChunkLoss(long chunkOffset, Map<Integer, Long> messagesByChannel, boolean counted,
        long startNanos, long endNanos, String countedFrom) {

    public McapChunkLoss {
        messagesByChannel = Collections.unmodifiableMap(new TreeMap<>(messagesByChannel));
    }

    /** Messages lost, all channels; 0 when not {@link #counted()}. */
    public long messages() {
        return messagesByChannel.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether the log time span is known. */
    public boolean spanKnown() {
        return startNanos >= 0 && endNanos >= startNanos;
    }
}
