package org.avfusion.drivers.recorded.rosbag;

import org.avfusion.drivers.recorded.RejectReason;

/**
 * A serialized ROS message (or bag record) that cannot be decoded: names the field, the byte offset within the
 * message and what is wrong, and says how to count it. Expected on bad input; callers count it, never rethrow.
 */
public final class RosDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RejectReason reason;
    private final String field;
    private final long offset;

    public RosDecodeException(RejectReason reason, String field, long offset, String problem) {
        super("field " + field + " at byte " + offset + ": " + problem, null, false, false);
        this.reason = reason;
        this.field = field;
        this.offset = offset;
    }

    public RejectReason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    /** Byte offset of the field within its message (or record). */
    public long offset() {
        return offset;
    }
}
