package org.avfusion.drivers.recorded.mcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds-checked little-endian reads of one record's fields, {@code [from, end)} of a buffer. Every read that
 * would pass the end throws {@link McapFormatException} naming the record, the field and the file offset, so a
 * corrupt length can never become an {@link IndexOutOfBoundsException} or a huge allocation. Reusable; not
 * thread-safe.
 */
final class RecordCursor {
    private Path file;
    private ByteBuffer buffer;
    private long fileOffsetOfBuffer;
    private int position;
    private int end;
    private String record;

    /**
     * @param fileOffsetOfBuffer file offset of {@code buffer}'s index 0, for messages; for a decompressed chunk, the
     *                           chunk record's offset (the best place to point at)
     */
    RecordCursor reset(Path file, ByteBuffer buffer, long fileOffsetOfBuffer, int from, int end, String record) {
        this.file = file;
        this.buffer = buffer.order() == ByteOrder.LITTLE_ENDIAN ? buffer : buffer.duplicate()
                .order(ByteOrder.LITTLE_ENDIAN);
        this.fileOffsetOfBuffer = fileOffsetOfBuffer;
        this.position = from;
        this.end = end;
        this.record = record;
        return this;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    McapFormatException error(String field, String problem) {
        return new McapFormatException(file, fileOffsetOfBuffer + position, record + " " + field + ": " + problem);
    }

    private int take(String field, int bytes) throws McapFormatException {
        if (end - position < bytes) {
            throw error(field, "needs " + bytes + " bytes, the record has " + (end - position) + " left");
        }
        int at = position;
        position += bytes;
        return at;
    }

    int u8(String field) throws McapFormatException {
        return buffer.get(take(field, 1)) & 0xff;
    }

    int u16(String field) throws McapFormatException {
        return buffer.getShort(take(field, 2)) & 0xffff;
    }

    long u32(String field) throws McapFormatException {
        return buffer.getInt(take(field, 4)) & 0xffffffffL;
    }

    /** A uint64 that must fit a signed long (offsets, sizes, counts); timestamps use {@link #timestamp}. */
    long u64(String field) throws McapFormatException {
        int at = position;
        long value = buffer.getLong(take(field, 8));
        if (value < 0) {
            position = at;
            throw error(field, Long.toUnsignedString(value) + " is larger than this reader handles (2^63 - 1)");
        }
        return value;
    }

    /** A Timestamp: uint64 nanoseconds; values past 2^63 (year 2262) are refused. */
    long timestamp(String field) throws McapFormatException {
        return u64(field);
    }

    /** A uint32 length that must fit the bytes left. */
    int length32(String field) throws McapFormatException {
        int at = position;
        long length = u32(field + ".length");
        if (length > end - position) {
            position = at;
            throw error(field, "length " + length + " overruns the record (" + (end - position - 4) + " bytes left)");
        }
        return (int) length;
    }

    /** A uint64 length that must fit the bytes left. */
    int length64(String field) throws McapFormatException {
        int at = position;
        long length = u64(field + ".length");
        if (length > end - position) {
            position = at;
            throw error(field, "length " + length + " overruns the record (" + (end - position - 8) + " bytes left)");
        }
        return (int) length;
    }

    String string(String field) throws McapFormatException {
        int length = length32(field);
        int at = position;
        position += length;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer.duplicate().position(at).limit(at + length)).toString();
        } catch (CharacterCodingException e) {
            position = at;
            throw error(field, "not valid UTF-8");
        }
    }

    /** uint32-prefixed bytes, copied. */
    byte[] bytes32(String field) throws McapFormatException {
        int length = length32(field);
        byte[] copy = new byte[length];
        buffer.get(position, copy);
        position += length;
        return copy;
    }

    void skip(String field, int bytes) throws McapFormatException {
        take(field, bytes);
    }

    Map<String, String> stringMap(String field) throws McapFormatException {
        int length = length32(field);
        int mapEnd = position + length;
        Map<String, String> map = new LinkedHashMap<>();
        int outerEnd = end;
        end = mapEnd;
        try {
            while (position < mapEnd) {
                String key = string(field + ".key");
                map.put(key, string(field + "[" + key + "]"));
            }
        } finally {
            end = outerEnd;
        }
        return map;
    }

    Map<Integer, Long> u16u64Map(String field) throws McapFormatException {
        int length = length32(field);
        int mapEnd = position + length;
        Map<Integer, Long> map = new LinkedHashMap<>();
        int outerEnd = end;
        end = mapEnd;
        try {
            while (position < mapEnd) {
                int key = u16(field + ".key");
                map.put(key, u64(field + "[" + key + "]"));
            }
        } finally {
            end = outerEnd;
        }
        return map;
    }
}
