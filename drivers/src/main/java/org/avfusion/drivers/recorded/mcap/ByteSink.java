package org.avfusion.drivers.recorded.mcap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** A growable little-endian byte array for building records; reused after {@link #clear()}. Not thread-safe. */
final class ByteSink {
    private byte[] bytes;
    private int size;

    ByteSink(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            long grown = Math.max((long) bytes.length * 2, (long) size + more);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("record buffer over 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }

    ByteSink u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    ByteSink u16(int v) {
        ensure(2);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
        return this;
    }

    ByteSink u32(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    ByteSink u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Overwrites a uint64 at {@code at} (a length written before its content). */
    void u64At(int at, long v) {
        for (int i = 0; i < 8; i++) {
            bytes[at + i] = (byte) (v >>> (8 * i));
        }
    }

    ByteSink raw(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
        return this;
    }

    ByteSink raw(ByteBuffer src) {
        int length = src.remaining();
        ensure(length);
        src.duplicate().get(bytes, size, length);
        size += length;
        return this;
    }

    ByteSink string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        return raw(utf8, 0, utf8.length);
    }

    ByteSink bytes32(byte[] data) {
        u32(data.length);
        return raw(data, 0, data.length);
    }

    /**
     * A map's entries in key order, whatever the map's own iteration order ({@code Map.of}/{@code Map.copyOf} iterate
     * in an order that can change from one JVM to the next): the same metadata always gives the same bytes.
     */
    ByteSink stringMap(Map<String, String> map) {
        int lengthAt = size;
        u32(0);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
            string(e.getKey());
            string(e.getValue());
        }
        patchU32(lengthAt, size - lengthAt - 4);
        return this;
    }

    ByteSink u16u64Map(Map<Integer, Long> map) {
        int lengthAt = size;
        u32(0);
        for (Map.Entry<Integer, Long> e : map.entrySet()) {
            u16(e.getKey());
            u64(e.getValue());
        }
        patchU32(lengthAt, size - lengthAt - 4);
        return this;
    }

    private void patchU32(int at, long v) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Starts a record: opcode and a length placeholder; returns where the content starts. */
    int begin(int opcode) {
        u8(opcode);
        u64(0);
        return size;
    }

    /** Ends the record begun at {@code contentStart}: writes its content length. */
    void end(int contentStart) {
        u64At(contentStart - 8, size - contentStart);
    }
}
