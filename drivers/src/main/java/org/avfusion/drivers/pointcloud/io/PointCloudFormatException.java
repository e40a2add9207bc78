package org.avfusion.drivers.pointcloud.io;

import java.io.IOException;
import java.util.Objects;

/**
 * The one exception the point cloud readers throw for bad input: it names the file (or other source), the byte
 * offset in it where the problem was found (or -1), the header field concerned (or ""), and the
 * {@link RejectReason}. The message reads {@code "<source> @<offset> [<field>]: <detail>"}.
 */
public final class PointCloudFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final long byteOffset;
    private final String field;
    private final RejectReason reason;

    /**
     * @param source     the file path or a description of the bytes read
     * @param byteOffset offset from the start of the file of the offending byte, or -1 when not tied to a byte
     * @param field      the header field or point field concerned (e.g. {@code POINTS}, {@code ring}), or ""
     * @param reason     the counter this rejection goes to
     * @param detail     what was wrong, with the values involved
     */
    public PointCloudFormatException(String source, long byteOffset, String field, RejectReason reason,
            String detail) {
        super(format(source, byteOffset, field, detail));
        this.source = Objects.requireNonNull(source, "source");
        this.byteOffset = byteOffset;
        this.field = Objects.requireNonNull(field, "field");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String format(String source, long byteOffset, String field, String detail) {
        StringBuilder b = new StringBuilder(source);
        if (byteOffset >= 0) {
            b.append(" @").append(byteOffset);
        }
        if (field != null && !field.isEmpty()) {
            b.append(" [").append(field).append(']');
        }
        return b.append(": ").append(detail).toString();
    }

    public String source() {
        return source;
    }

    /** Byte offset in the file, or -1. */
    public long byteOffset() {
        return byteOffset;
    }

    /** Header or point field concerned, or "". */
    public String field() {
        return field;
    }

    public RejectReason reason() {
        return reason;
    }
}
