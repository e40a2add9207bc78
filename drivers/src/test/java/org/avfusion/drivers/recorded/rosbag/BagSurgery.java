package org.avfusion.drivers.recorded.rosbag;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/** Bad and reshaped copies of real bags for tests: the bytes of the real file, rewritten as a tool would. */
final class BagSurgery {
    private BagSurgery() {
    }

    /** {@code bytes} with {@code count} bytes of 0xff written at {@code offset}. */
    static byte[] overwrite(byte[] bytes, int offset, int count) {
        byte[] copy = bytes.clone();
        java.util.Arrays.fill(copy, offset, offset + count, (byte) 0xff);
        return copy;
    }

    /**
     * The bag as {@code rosbag record} leaves it when it is stopped before closing the bag: the header's
     * {@code index_pos}, {@code conn_count} and {@code chunk_count} still 0 (they are written on close).
     */
    static byte[] unclosed(byte[] bag) {
        byte[] copy = bag.clone();
        ByteBuffer out = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(indexOf(copy, "index_pos=".getBytes(StandardCharsets.ISO_8859_1)) + 10, 0);
        out.putInt(indexOf(copy, "conn_count=".getBytes(StandardCharsets.ISO_8859_1)) + 11, 0);
        out.putInt(indexOf(copy, "chunk_count=".getBytes(StandardCharsets.ISO_8859_1)) + 12, 0);
        return copy;
    }

    /**
     * The bag with its bz2 chunks stored uncompressed, as {@code rosbag decompress} writes it: same records, same
     * index-data offsets (they point into the decompressed chunk); chunk positions and {@code index_pos} move.
     */
    static byte[] decompressed(byte[] bag) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bag).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bag, 0, BagFraming.MAGIC.length());
        Map<Long, Long> movedChunks = new HashMap<>();
        long indexPos = -1;
        long oldIndexPos = -1;
        int at = BagFraming.MAGIC.length();
        while (at < bag.length) {
            int headerLength = in.getInt(at);
            Map<String, byte[]> fields = fields(bag, at + 4, headerLength);
            int dataLength = in.getInt(at + 4 + headerLength);
            int dataAt = at + 8 + headerLength;
            byte[] data = java.util.Arrays.copyOfRange(bag, dataAt, dataAt + dataLength);
            int op = fields.get("op")[0];
            if (op == BagFraming.OP_BAG_HEADER) {
                oldIndexPos = ByteBuffer.wrap(fields.get("index_pos")).order(ByteOrder.LITTLE_ENDIAN).getLong();
            }
            if (at == oldIndexPos) {
                indexPos = out.size();
            }
            if (op == BagFraming.OP_CHUNK && "bz2".equals(new String(fields.get("compression"),
                    StandardCharsets.ISO_8859_1))) {
                int size = ByteBuffer.wrap(fields.get("size")).order(ByteOrder.LITTLE_ENDIAN).getInt();
                byte[] plain = new byte[size];
                try (InputStream bz = new BZip2CompressorInputStream(new ByteArrayInputStream(data))) {
                    int n = 0;
                    while (n < size) {
                        n += bz.read(plain, n, size - n);
                    }
                }
                fields.put("compression", "none".getBytes(StandardCharsets.ISO_8859_1));
                data = plain;
                movedChunks.put((long) at, (long) out.size());
            } else if (op == BagFraming.OP_CHUNK_INFO) {
                long old = ByteBuffer.wrap(fields.get("chunk_pos")).order(ByteOrder.LITTLE_ENDIAN).getLong();
                fields.put("chunk_pos", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(movedChunks.getOrDefault(old, old)).array());
            }
            write(out, fields, data);
            at = dataAt + dataLength;
        }
        byte[] result = out.toByteArray();
        // the bag header keeps its length: patch index_pos in place
        int field = indexOf(result, "index_pos=".getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).putLong(field + "index_pos=".length(), indexPos);
        return result;
    }

    /**
     * The message offsets (into the decompressed chunk) that the index-data records after the chunk at
     * {@code chunkPos} list, sorted.
     */
    static int[] messageOffsets(byte[] bag, long chunkPos) {
        ByteBuffer in = ByteBuffer.wrap(bag).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) chunkPos;
        at += 8 + in.getInt(at) + in.getInt(at + 4 + in.getInt(at));
        java.util.List<Integer> offsets = new java.util.ArrayList<>();
        while (at < bag.length) {
            int headerLength = in.getInt(at);
            Map<String, byte[]> fields = fields(bag, at + 4, headerLength);
            int dataLength = in.getInt(at + 4 + headerLength);
            if (fields.get("op")[0] != BagFraming.OP_INDEX_DATA) {
                break;
            }
            for (int i = 0; i < dataLength / 12; i++) {
                offsets.add(in.getInt(at + 8 + headerLength + 12 * i + 8));
            }
            at += 8 + headerLength + dataLength;
        }
        return offsets.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Each chunk record's offset in the file and where its data starts, in file order. */
    static Map<Long, Integer> chunks(byte[] bag) {
        ByteBuffer in = ByteBuffer.wrap(bag).order(ByteOrder.LITTLE_ENDIAN);
        Map<Long, Integer> chunks = new LinkedHashMap<>();
        int at = BagFraming.MAGIC.length();
        while (at < bag.length) {
            int headerLength = in.getInt(at);
            Map<String, byte[]> fields = fields(bag, at + 4, headerLength);
            int dataLength = in.getInt(at + 4 + headerLength);
            if (fields.get("op")[0] == BagFraming.OP_CHUNK) {
                chunks.put((long) at, at + 8 + headerLength);
            }
            at = at + 8 + headerLength + dataLength;
        }
        return chunks;
    }

    private static Map<String, byte[]> fields(byte[] bag, int from, int length) {
        ByteBuffer in = ByteBuffer.wrap(bag).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, byte[]> fields = new LinkedHashMap<>();
        int at = from;
        while (at < from + length) {
            int n = in.getInt(at);
            String field = new String(bag, at + 4, n, StandardCharsets.ISO_8859_1);
            int equals = field.indexOf('=');
            fields.put(field.substring(0, equals), java.util.Arrays.copyOfRange(bag, at + 5 + equals, at + 4 + n));
            at += 4 + n;
        }
        return fields;
    }

    private static void write(ByteArrayOutputStream out, Map<String, byte[]> fields, byte[] data) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            byte[] key = (name + "=").getBytes(StandardCharsets.ISO_8859_1);
            header.writeBytes(le(key.length + value.length));
            header.writeBytes(key);
            header.writeBytes(value);
        });
        out.writeBytes(le(header.size()));
        out.writeBytes(header.toByteArray());
        out.writeBytes(le(data.length));
        out.writeBytes(data);
    }

    private static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
