package org.avfusion.runtime.output.json;

import java.io.OutputStream;
import java.util.Arrays;

/** An in-memory byte sink reused message after message (it grows, never shrinks). Not thread-safe. */
final class ReusableByteOutput extends OutputStream {
    private byte[] bytes;
    private int size;

    ReusableByteOutput(int initialBytes) {
        bytes = new byte[initialBytes];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void reset() {
        size = 0;
    }

    /** A copy of what was written since {@link #reset()}: the one allocation per message. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
