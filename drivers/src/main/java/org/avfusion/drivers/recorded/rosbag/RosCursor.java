package org.avfusion.drivers.recorded.rosbag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.avfusion.drivers.recorded.RejectReason;

/**
 * A bounds-checked reader over one serialized ROS message, {@code [start, end)} of a buffer: a ROS 1 message
 * (little-endian, packed; {@link #reset}) or a ROS 2 message in XCDR1 ({@link #resetCdr}: the 4-byte RTPS
 * encapsulation header, then either byte order, each primitive aligned to its size counted from the end of the
 * encapsulation header, strings with their terminating NUL counted in the length). The field layout of the sensor
 * messages is the same in both apart from the header, so one set of decoders ({@link RosMessageDecoder},
 * {@link OdometryDecoder}) reads both. Every read names its field so that a short or corrupt message fails with a
 * {@link RosDecodeException} that says which field at which byte, instead of an
 * {@link java.nio.BufferUnderflowException}.
 *
 * <p>Reusable: {@link #reset} and {@link #resetCdr} point it at the next message without allocating (a view in the
 * other byte order is made once per source buffer). Not thread-safe.
 */
public final class RosCursor {
    /** XCDR1 encapsulation identifiers (DDSI-RTPS 2.5, 10.2): plain CDR, big- and little-endian. */
    private static final int CDR_BE = 0x0000;
    private static final int CDR_LE = 0x0001;

    private ByteBuffer buffer;
    private int start;
    private int end;
    private int position;
    private boolean cdr;
    private int origin;
    private ByteBuffer viewSource;
    private ByteBuffer view;

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
        cdr = false;
        origin = offset;
        return this;
    }

    /**
     * Points the cursor at a CDR-serialized ROS 2 message of {@code length} bytes of {@code source} from
     * {@code offset}, encapsulation header first, and reads that header. Offsets in errors count from the first
     * byte of the encapsulation header.
     *
     * @throws RosDecodeException {@link RejectReason#MALFORMED} when the message is shorter than the header or the
     *                            header is no CDR encapsulation; {@link RejectReason#UNSUPPORTED} for parameter-list
     *                            CDR and XCDR2 (ids 2, 3 and 6-11), which ROS 2 sensor messages do not use
     */
    public RosCursor resetCdr(ByteBuffer source, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > source.limit()) {
            throw new IllegalArgumentException("message [" + offset + ", +" + length + ") outside buffer of "
                    + source.limit() + " bytes");
        }
        if (length < 4) {
            throw new RosDecodeException(RejectReason.MALFORMED, "encapsulation", 0, "needs 4 bytes, message has "
                    + length);
        }
        int kind = ((source.get(offset) & 0xff) << 8) | (source.get(offset + 1) & 0xff);
        ByteOrder order;
        if (kind == CDR_LE) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (kind == CDR_BE) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (kind == 0x0002 || kind == 0x0003 || (kind >= 0x0006 && kind <= 0x000b)) {
            throw new RosDecodeException(RejectReason.UNSUPPORTED, "encapsulation", 0, String.format("encapsulation "
                    + "0x%04x (parameter-list CDR or XCDR2) is not decoded; ROS 2 writes plain CDR (0x0000, 0x0001)",
                    kind));
        } else {
            throw new RosDecodeException(RejectReason.MALFORMED, "encapsulation", 0, String.format("0x%04x is not a "
                    + "CDR encapsulation identifier", kind));
        }
        buffer = ordered(source, order, offset + length);
        start = offset;
        end = offset + length;
        position = offset + 4;
        origin = offset + 4;
        cdr = true;
        return this;
    }

    private ByteBuffer ordered(ByteBuffer source, ByteOrder order, int needed) {
        if (source.order() == order) {
            return source;
        }
        if (viewSource != source || view.order() != order || view.limit() < needed) {
            viewSource = source;
            view = source.duplicate().order(order);
        }
        return view;
    }

    /** True after {@link #resetCdr}: a ROS 2 message. */
    public boolean isCdr() {
        return cdr;
    }

    /** Offset of the next read within the message. */
    public int offset() {
        return position - start;
    }

    public int remaining() {
        return end - position;
    }

    /**
     * The buffer the message lives in, in the message's byte order (little-endian for ROS 1); absolute indices, see
     * {@link #absolute()}.
     */
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

    /** Like {@link #take} after the CDR padding that aligns a {@code size}-byte primitive; ROS 1 is packed. */
    private int aligned(String field, int size) {
        return aligned(field, size, size);
    }

    private int aligned(String field, int alignment, int bytes) {
        if (cdr) {
            int padding = -(position - origin) & (alignment - 1);
            if (end - position < padding) {
                throw new RosDecodeException(RejectReason.MALFORMED, field, offset(), "needs " + (padding + bytes)
                        + " bytes with alignment, message has " + (end - position) + " left");
            }
            position += padding;
        }
        return take(field, bytes);
    }

    public int uint8(String field) {
        return buffer.get(take(field, 1)) & 0xff;
    }

    public int int8(String field) {
        return buffer.get(take(field, 1));
    }

    public int uint16(String field) {
        return buffer.getShort(aligned(field, 2)) & 0xffff;
    }

    public long uint32(String field) {
        return buffer.getInt(aligned(field, 4)) & 0xffffffffL;
    }

    public double float64(String field) {
        return buffer.getDouble(aligned(field, 8));
    }

    /** Skips {@code count} float64 values (a fixed array such as a covariance), aligned as the first one. */
    public void skipFloat64s(String field, int count) {
        if (count > 0) {
            aligned(field, 8, count * 8);
        }
    }

    /**
     * A ROS 1 {@code time} (uint32 secs, uint32 nsecs) or a ROS 2 {@code builtin_interfaces/Time} (int32 sec,
     * uint32 nanosec); returns nanoseconds since 1970.
     */
    public long time(String field) {
        int at = offset();
        long seconds = cdr ? (int) uint32(field + ".sec") : uint32(field + ".secs");
        long nanos = uint32(field + (cdr ? ".nanosec" : ".nsecs"));
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

    /**
     * Reads a string (uint32 length, bytes), decoded as UTF-8. In CDR the length counts a terminating NUL, which is
     * dropped.
     */
    public String string(String field) {
        int length = arrayLength(field, 1);
        int at = take(field, length);
        int chars = cdr && length > 0 && buffer.get(at + length - 1) == 0 ? length - 1 : length;
        byte[] bytes = new byte[chars];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips a string. */
    public void skipString(String field) {
        skip(field, arrayLength(field, 1));
    }
}
