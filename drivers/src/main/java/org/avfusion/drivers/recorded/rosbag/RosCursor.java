package org.avfusion.drivers.recorded.rosbag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.avfusion.drivers.recorded.RejectReason;

/**
 * A bounds-checked little-endian reader over one serialized ROS 1 message, {@code [start, end)} of a buffer.
 * Every read names its field so that a short or corrupt message fails with a {@link RosDecodeException} that says
 * which field at which byte, instead of an {@link java.nio.BufferUnderflowException}.
 *
 * <p>Reusable: {@link #reset} points it at the next message without allocating. Not thread-safe.
 */
public final class RosCursor {
    private ByteBuffer buffer;
    private int start;
    private int end;
    private int position;

    /** Points the cursor at {@code length} bytes of {@code source} from {@code offset}; the order is forced LE. */
    public RosCursor reset(ByteBuffer source, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > source.limit()) {
            throw new IllegalArgumentException("message [" + offset + ", +" + length + ") outside buffer of "
                    + source.limit() + " bytes");
        }
        buffer = source.order() == ByteOrder.LITTLE_ENDIAN ? source : source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        start = offset;
        end = offset + length;
        position = offset;
        return this;
    }

    /** Offset of the next read within the message. */
    public int offset() {
        return position - start;
    }

    public int remaining() {
        return end - position;
    }

    /** The buffer the message lives in (little-endian); absolute indices, see {@link #absolute()}. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Absolute index of the next read in {@link #buffer()}. */
    public int absolute() {
        return position;
    }

    private int take(String field, int bytes) {
        if (end - position < bytes) {
            throw new RosDecodeException(RejectReason.MALFORMED, field, offset(), "needs " + bytes
                    + " bytes, message has " + (end - position) + " left");
        }
        int at = position;
        position += bytes;
        return at;
    }

    public int uint8(String field) {
        return buffer.get(take(field, 1)) & 0xff;
    }

    public int int8(String field) {
        return buffer.get(take(field, 1));
    }

    public int uint16(String field) {
        return buffer.getShort(take(field, 2)) & 0xffff;
    }

    public long uint32(String field) {
        return buffer.getInt(take(field, 4)) & 0xffffffffL;
    }

    public double float64(String field) {
        return buffer.getDouble(take(field, 8));
    }

    /** A ROS {@code time}: uint32 seconds, uint32 nanoseconds; returns nanoseconds since 1970. */
    public long time(String field) {
        int at = offset();
        long seconds = uint32(field + ".secs");
        long nanos = uint32(field + ".nsecs");
        if (nanos >= 1_000_000_000L) {
            throw new RosDecodeException(RejectReason.IMPOSSIBLE_VALUE, field, at, "nsecs " + nanos + " >= 1e9");
        }
        return seconds * 1_000_000_000L + nanos;
    }

    /**
     * The length prefix of a variable array of {@code elementBytes}-byte elements, checked against the bytes left.
     */
    public int arrayLength(String field, int elementBytes) {
        int at = offset();
        long count = uint32(field + ".length");
        if (count * elementBytes > remaining()) {
            throw new RosDecodeException(RejectReason.MALFORMED, field, at, count + " elements of " + elementBytes
                    + " bytes do not fit the " + remaining() + " bytes left");
        }
        return (int) count;
    }

    /** Skips {@code bytes} bytes. */
    public void skip(String field, int bytes) {
        take(field, bytes);
    }

    /** Reads a string (uint32 length, bytes), decoded as UTF-8. */
    public String string(String field) {
        int length = arrayLength(field, 1);
        int at = take(field, length);
        byte[] bytes = new byte[length];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips a string. */
    public void skipString(String field) {
        skip(field, arrayLength(field, 1));
    }
}
