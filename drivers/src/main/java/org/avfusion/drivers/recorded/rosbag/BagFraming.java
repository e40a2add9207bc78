package org.avfusion.drivers.recorded.rosbag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RejectReason;

/**
 * Walks the top-level records of a ROS bag 2.0 file and checks that every length fits: the magic line, then records
 * of {@code header_len, header, data_len, data} up to the end of the file. bag-reader-java trusts these lengths
 * (it allocates {@code data_len} bytes before reading), so a truncated copy or flipped bits would otherwise cost an
 * out-of-memory error; after this walk every record start is known and every length is within the file.
 *
 * <p>Also parses record headers ({@code name=value} fields) for the source's own walk through chunk contents.
 * Stateless; thread-safe.
 *
 * @see <a href="http://wiki.ros.org/Bags/Format/2.0">ROS bag format 2.0</a>
 */
final class BagFraming {
    static final String MAGIC = "#ROSBAG V2.0\n";
    static final int OP_MESSAGE_DATA = 0x02;
    static final int OP_BAG_HEADER = 0x03;
    static final int OP_CHUNK = 0x05;
    /** bag-reader-java refuses larger record headers; so does this walk. */
    static final int MAX_HEADER_BYTES = 100_000;

    private BagFraming() {
    }

    /**
     * The op code of every top-level record by its file offset.
     *
     * @throws RecordedDriveException naming the offset of the first record that does not fit the file
     */
    static Map<Long, Integer> walk(Path bag, FileChannel channel) throws RecordedDriveException {
        try {
            long size = channel.size();
            ByteBuffer magic = ByteBuffer.allocate(MAGIC.length());
            read(channel, magic, 0);
            if (magic.hasRemaining()
                    || !MAGIC.equals(new String(magic.array(), 0, magic.position(), StandardCharsets.ISO_8859_1))) {
                throw new RecordedDriveException(bag, 0, "not a ROS bag 2.0: the file does not start with '#ROSBAG V2.0'");
            }
            Map<Long, Integer> records = new HashMap<>();
            ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            long at = MAGIC.length();
            long indexPos = -1;
            while (at < size) {
                int headerLength = readInt(bag, channel, length, at, size, "header_len");
                if (headerLength < 0 || headerLength > MAX_HEADER_BYTES || at + 4 + headerLength + 4 > size) {
                    throw new RecordedDriveException(bag, at, "record header of " + headerLength
                            + " bytes does not fit the " + (size - at - 4) + " bytes left (truncated or corrupt)");
                }
                ByteBuffer header = ByteBuffer.allocate(headerLength).order(ByteOrder.LITTLE_ENDIAN);
                read(channel, header, at + 4);
                header.flip();
                Map<String, ByteBuffer> fields;
                try {
                    fields = fields(header);
                } catch (RosDecodeException e) {
                    throw new RecordedDriveException(bag, at, "record header: " + e.getMessage());
                }
                int op = op(fields);
                if (op < 0) {
                    throw new RecordedDriveException(bag, at, "record header has no one-byte 'op' field");
                }
                long dataAt = at + 4 + headerLength + 4;
                int dataLength = readInt(bag, channel, length, at + 4 + headerLength, size, "data_len");
                if (dataLength < 0 || dataAt + dataLength > size) {
                    throw new RecordedDriveException(bag, at, "record data of " + (dataLength & 0xffffffffL)
                            + " bytes does not fit the " + (size - dataAt) + " bytes left (truncated or corrupt)");
                }
                if (op == OP_BAG_HEADER) {
                    ByteBuffer index = fields.get("index_pos");
                    if (index == null || index.remaining() != 8) {
                        throw new RecordedDriveException(bag, at, "bag header has no 8-byte index_pos");
                    }
                    indexPos = index.getLong(index.position());
                }
                records.put(at, op);
                at = dataAt + dataLength;
            }
            if (indexPos < 0) {
                throw new RecordedDriveException(bag, MAGIC.length(), "no bag header record");
            }
            if (indexPos == 0 || !records.containsKey(indexPos)) {
                throw new RecordedDriveException(bag, MAGIC.length(), "index_pos " + indexPos
                        + " is not the start of a record (unindexed or corrupt bag; 'rosbag reindex' may help)");
            }
            return records;
        } catch (IOException e) {
            if (e instanceof RecordedDriveException drive) {
                throw drive;
            }
            throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "cannot read: " + e.getMessage(), e);
        }
    }

    private static int readInt(Path bag, FileChannel channel, ByteBuffer four, long at, long size, String what)
            throws IOException {
        if (at + 4 > size) {
            throw new RecordedDriveException(bag, at, what + " cut off by the end of the file (truncated)");
        }
        four.clear();
        read(channel, four, at);
        return four.getInt(0);
    }

    private static void read(FileChannel channel, ByteBuffer into, long at) throws IOException {
        long position = at;
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                return;
            }
            position += n;
        }
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
