package org.avfusion.drivers.recorded.mcap;

/** The order in which {@link McapReader#next(McapMessage)} delivers messages. */
public enum McapReadOrder {
    /**
     * File order: a linear scan of the data section, every record met (chunks, messages outside chunks, metadata),
     * the data section CRC checked at Data End. Works without a summary.
     */
    FILE,
    /**
     * Log time order: with a summary, the chunks its chunk indexes list sorted by earliest log time; within a chunk,
     * messages sorted by log time (stable). Without a summary it falls back to {@link #FILE} order with each chunk
     * sorted. Chunks that overlap in time are not merged: across the overlap the order is the chunk order. Messages
     * outside chunks in a file with chunk indexes are not read (the spec says such files keep every message in a
     * chunk), nor are Metadata records.
     */
    LOG_TIME
}
