package org.avfusion.drivers.recorded.mcap;

import java.nio.ByteBuffer;

/**
 * One message as {@link McapReader#next(McapMessage)} delivers it: a reusable view, filled in place.
 *
 * <p><b>Ownership:</b> the bytes {@code buffer()[dataOffset(), dataOffset() + dataLength())} belong to the reader
 * and stay valid only until the next call to {@link McapReader#next(McapMessage)} or {@link McapReader#close()};
 * a caller that keeps them copies them ({@link #copyData()}). Nothing is allocated per message.
 */
public final class McapMessage {
    McapChannel channel;
    long sequence;
    long logTimeNanos;
    long publishTimeNanos;
    ByteBuffer buffer;
    int dataOffset;
    int dataLength;
    long recordOffset;

    /** The channel the message was published on (its Channel record). */
    public McapChannel channel() {
        return channel;
    }

    public int channelId() {
        return channel.id();
    }

    /** The publisher's or recorder's counter (uint32), 0 when unused. */
    public long sequence() {
        return sequence;
    }

    /** When it was recorded, nanoseconds since the file's epoch (Unix time for ROS 2). */
    public long logTimeNanos() {
        return logTimeNanos;
    }

    /** When it was published, nanoseconds; the log time when the writer did not know. */
    public long publishTimeNanos() {
        return publishTimeNanos;
    }

    /** The reader's buffer (little-endian order, absolute indices); read only; see the ownership rule above. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Index of the first message byte in {@link #buffer()}. */
    public int dataOffset() {
        return dataOffset;
    }

    /** Bytes in the message. */
    public int dataLength() {
        return dataLength;
    }

    /** File offset of the Message record, or of the Chunk record that holds it. */
    public long recordOffset() {
        return recordOffset;
    }

    /** A copy of the message bytes (allocates). */
    public byte[] copyData() {
        byte[] copy = new byte[dataLength];
        buffer.get(dataOffset, copy);
        return copy;
    }
}
