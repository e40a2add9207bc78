package org.avfusion.drivers.pointcloud.io;

/**
 * The LZF compression format of Marc Lehmann's liblzf, as PCL uses it for PCD {@code binary_compressed} data.
 *
 * <p>A stream is a sequence of chunks, each introduced by a control byte {@code c}:
 * <ul>
 *   <li>{@code c < 32}: a literal run of {@code c + 1} bytes follows;</li>
 *   <li>otherwise a back reference: length {@code (c >> 5) + 2}, where a length code of 7 is extended by the next
 *       byte ({@code 7 + b + 2}, at most 264), and distance {@code ((c & 31) << 8) + next byte + 1} (at most 8,192)
 *       back from the current output position; source and destination may overlap (a run).</li>
 * </ul>
 * This is an independent implementation of that format (compatible with liblzf 3.x and PCL's {@code lzf.cpp}):
 * the compressor finds matches with a hash of the next three bytes, any valid stream decodes identically.
 *
 * <p>Stateless and thread-safe. {@link #compress} allocates its 64 KiB hash table per call.
 */
public final class Lzf {
    private static final int MAX_LITERAL = 32;
    private static final int MAX_OFFSET = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);
    private static final int HASH_LOG = 14;

    /** A stream that is not valid LZF, or does not decode to the expected length. */
    public static final class CorruptStreamException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long inputOffset;

        CorruptStreamException(String message, long inputOffset) {
            super(message + " at compressed byte " + inputOffset);
            this.inputOffset = inputOffset;
        }

        /** Offset of the offending byte, counted from the start of the compressed stream. */
        public long inputOffset() {
            return inputOffset;
        }
    }

    private Lzf() {
    }

    /** The most bytes {@link #compress} can write for {@code inputLength} input bytes. */
    public static int maxCompressedLength(int inputLength) {
        if (inputLength < 0) {
            throw new IllegalArgumentException("inputLength must be >= 0, was " + inputLength);
        }
        return inputLength + (inputLength + MAX_LITERAL - 1) / MAX_LITERAL + 1;
    }

    /**
     * Compresses {@code in[inOffset, inOffset + inLength)} into {@code out} from {@code outOffset}.
     *
     * @return the number of bytes written (0 for empty input)
     * @throws IllegalArgumentException when {@code out} has less than {@link #maxCompressedLength} bytes free
     */
    public static int compress(byte[] in, int inOffset, int inLength, byte[] out, int outOffset) {
        if (out.length - outOffset < maxCompressedLength(inLength)) {
            throw new IllegalArgumentException("output needs " + maxCompressedLength(inLength) + " bytes, has "
                    + (out.length - outOffset));
        }
        int[] table = new int[1 << HASH_LOG];
        java.util.Arrays.fill(table, -1);
        int ip = inOffset;
        int end = inOffset + inLength;
        int op = outOffset;
        int literalStart = ip;
        while (ip + 2 < end) {
            int h = hash(in, ip);
            int ref = table[h];
            table[h] = ip;
            int distance = ip - ref - 1;
            if (ref >= inOffset && distance < MAX_OFFSET
                    && in[ref] == in[ip] && in[ref + 1] == in[ip + 1] && in[ref + 2] == in[ip + 2]) {
                int maxLength = Math.min(MAX_REF, end - ip);
                int length = 3;
                while (length < maxLength && in[ref + length] == in[ip + length]) {
                    length++;
                }
                op = flushLiterals(in, literalStart, ip, out, op);
                int code = length - 2;
                if (code < 7) {
                    out[op++] = (byte) ((code << 5) | (distance >>> 8));
                } else {
                    out[op++] = (byte) ((7 << 5) | (distance >>> 8));
                    out[op++] = (byte) (code - 7);
                }
                out[op++] = (byte) distance;
                int matchEnd = ip + length;
                for (int p = ip + 1; p < matchEnd && p + 2 < end; p++) {
                    table[hash(in, p)] = p;
                }
                ip = matchEnd;
                literalStart = ip;
            } else {
                ip++;
            }
        }
        return flushLiterals(in, literalStart, end, out, op) - outOffset;
    }

    private static int hash(byte[] in, int p) {
        int v = ((in[p] & 0xff) << 16) | ((in[p + 1] & 0xff) << 8) | (in[p + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_LOG);
    }

    private static int flushLiterals(byte[] in, int from, int to, byte[] out, int op) {
        while (from < to) {
            int run = Math.min(MAX_LITERAL, to - from);
            out[op++] = (byte) (run - 1);
            System.arraycopy(in, from, out, op, run);
            op += run;
            from += run;
        }
        return op;
    }

    /**
     * Decompresses {@code in[inOffset, inOffset + inLength)} into exactly {@code expectedLength} bytes of
     * {@code out} from {@code outOffset}.
     *
     * @throws CorruptStreamException when the stream is truncated inside a chunk, refers back before the start of
     *                                the output, would write past {@code expectedLength}, or ends short of it
     */
    public static void decompress(byte[] in, int inOffset, int inLength, byte[] out, int outOffset,
            int expectedLength) throws CorruptStreamException {
        if (out.length - outOffset < expectedLength) {
            throw new IllegalArgumentException("output has " + (out.length - outOffset) + " bytes, needs "
                    + expectedLength);
        }
        int ip = inOffset;
        int end = inOffset + inLength;
        int op = outOffset;
        int outEnd = outOffset + expectedLength;
        while (ip < end) {
            int chunk = ip;
            int ctrl = in[ip++] & 0xff;
            if (ctrl < MAX_LITERAL) {
                int run = ctrl + 1;
                if (ip + run > end) {
                    throw new CorruptStreamException("literal run of " + run + " bytes truncated", chunk - inOffset);
                }
                if (op + run > outEnd) {
                    throw new CorruptStreamException("literal run overflows the expected " + expectedLength
                            + " bytes", chunk - inOffset);
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int length = ctrl >>> 5;
                if (ip >= end) {
                    throw new CorruptStreamException("back reference truncated", chunk - inOffset);
                }
                if (length == 7) {
                    length += in[ip++] & 0xff;
                    if (ip >= end) {
                        throw new CorruptStreamException("back reference truncated", chunk - inOffset);
                    }
                }
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                length += 2;
                if (ref < outOffset) {
                    throw new CorruptStreamException("back reference before the start of the output",
                            chunk - inOffset);
                }
                if (op + length > outEnd) {
                    throw new CorruptStreamException("back reference overflows the expected " + expectedLength
                            + " bytes", chunk - inOffset);
                }
                for (int i = 0; i < length; i++) {
                    out[op++] = out[ref++];
                }
            }
        }
        if (op != outEnd) {
            throw new CorruptStreamException("stream decodes to " + (op - outOffset) + " bytes, expected "
                    + expectedLength, inLength);
        }
    }
}
