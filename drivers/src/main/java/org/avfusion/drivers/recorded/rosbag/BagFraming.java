package org.avfusion.drivers.recorded.rosbag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.avfusion.drivers.recorded.RejectReason;

/**
 * The framing of a ROS bag 2.0 file: the magic line, the record op codes, and the parsing of record headers
 * ({@code name=value} fields) with every length checked, for {@link BagIndex} (top-level records) and
 * {@link ChunkRecords} (records inside a chunk). Stateless; thread-safe.
 *
 * @see <a href="http://wiki.ros.org/Bags/Format/2.0">ROS bag format 2.0</a>
 */
final class BagFraming {
    static final String MAGIC = "#ROSBAG V2.0\n";
    static final int OP_MESSAGE_DATA = 0x02;
    static final int OP_BAG_HEADER = 0x03;
    static final int OP_INDEX_DATA = 0x04;
    static final int OP_CHUNK = 0x05;
    static final int OP_CHUNK_INFO = 0x06;
    static final int OP_CONNECTION = 0x07;
    /** bag-reader-java refuses larger record headers; so does {@link BagIndex}. */
    static final int MAX_HEADER_BYTES = 100_000;

    private BagFraming() {
    }

    /**
     * The fields of a record header, {@code name -> value bytes} (little-endian views into {@code header}).
     *
     * @throws RosDecodeException when a field length overruns the header or a field has no '='
     */
    static Map<String, ByteBuffer> fields(ByteBuffer header) {
        Map<String, ByteBuffer> fields = new HashMap<>();
        int at = header.position();
        int end = header.limit();
        while (at < end) {
            if (end - at < 4) {
                throw new RosDecodeException(RejectReason.MALFORMED, "header field length", at, "cut off");
            }
            int length = header.getInt(at);
            if (length < 0 || length > end - at - 4) {
                throw new RosDecodeException(RejectReason.MALFORMED, "header field", at, "length " + length
                        + " overruns the header");
            }
            int from = at + 4;
            int equals = -1;
            for (int i = from; i < from + length; i++) {
                if (header.get(i) == '=') {
                    equals = i;
                    break;
                }
            }
            if (equals < 0) {
                throw new RosDecodeException(RejectReason.MALFORMED, "header field", at, "no '=' in the field");
            }
            byte[] name = new byte[equals - from];
            header.get(from, name);
            ByteBuffer value = header.slice(equals + 1, from + length - equals - 1).order(ByteOrder.LITTLE_ENDIAN);
            fields.put(new String(name, StandardCharsets.ISO_8859_1), value);
            at = from + length;
        }
        return fields;
    }

    /** The record's op code, or -1 when the header has no one-byte {@code op}. */
    static int op(Map<String, ByteBuffer> fields) {
        ByteBuffer op = fields.get("op");
        return op == null || op.remaining() != 1 ? -1 : op.get(0) & 0xff;
    }
}
