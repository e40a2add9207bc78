package org.avfusion.drivers.recorded.mcap;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

/** Compresses and decompresses a chunk's records: zstd (zstd-jni, one frame) and the LZ4 frame format (lz4-java). */
final class ChunkCodec {
    /** zstd level: the zstd CLI's default, the speed/ratio point the MCAP CLI uses too. */
    static final int ZSTD_LEVEL = 3;

    private ChunkCodec() {
    }

    /** {@code src[0, length)} compressed; for {@link McapCompression#NONE} a copy is not made, src is returned. */
    static byte[] compress(McapCompression compression, byte[] src, int length) {
        return switch (compression) {
            case NONE -> src;
            case ZSTD -> {
                byte[] dst = new byte[(int) Zstd.compressBound(length)];
                long written = Zstd.compressByteArray(dst, 0, dst.length, src, 0, length, ZSTD_LEVEL);
                if (Zstd.isError(written)) {
                    throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(written));
                }
                yield java.util.Arrays.copyOf(dst, (int) written);
            }
            case LZ4 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 2));
                try (OutputStream lz4 = new LZ4FrameOutputStream(out)) {
                    lz4.write(src, 0, length);
                } catch (IOException e) {
                    throw new IllegalStateException("lz4 compression into memory failed", e);
                }
                yield out.toByteArray();
            }
        };
    }

    /**
     * For a zstd chunk whose frame header declares its content size: why that size disagrees with
     * {@code uncompressedSize}, checked before a buffer of that size is allocated; null when it agrees or is not
     * declared.
     */
    static String declaredSizeMismatch(McapCompression compression, byte[] src, int offset, int length,
            long uncompressedSize) {
        if (compression != McapCompression.ZSTD) {
            return null;
        }
        long declared;
        try {
            declared = Zstd.getFrameContentSize(src, offset, length);
        } catch (RuntimeException e) {
            return "zstd frame header unreadable: " + e.getMessage();
        }
        if (declared >= 0 && declared != uncompressedSize) {
            return "zstd frame declares " + declared + " bytes, the chunk says " + uncompressedSize;
        }
        return null;
    }

    /**
     * Decompresses {@code src[offset, offset + length)} into {@code dst[0, uncompressedSize)}.
     *
     * @return null when it worked, otherwise what went wrong (corrupt data, a size other than declared)
     */
    static String decompress(McapCompression compression, byte[] src, int offset, int length, byte[] dst,
            int uncompressedSize) {
        switch (compression) {
            case NONE -> {
                if (length != uncompressedSize) {
                    return "uncompressed records are " + length + " bytes, the chunk says " + uncompressedSize;
                }
                System.arraycopy(src, offset, dst, 0, length);
                return null;
            }
            case ZSTD -> {
                long written;
                try {
                    written = Zstd.decompressByteArray(dst, 0, uncompressedSize, src, offset, length);
                } catch (RuntimeException e) {
                    return "zstd cannot decompress it: " + e.getMessage();
                }
                if (Zstd.isError(written)) {
                    return "zstd cannot decompress it: " + Zstd.getErrorName(written);
                }
                return written == uncompressedSize ? null : "zstd gave " + written + " bytes, the chunk says "
                        + uncompressedSize;
            }
            default -> {
                try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(src, offset, length))) {
                    int read = in.readNBytes(dst, 0, uncompressedSize);
                    if (read != uncompressedSize || in.read() != -1) {
                        return "lz4 gave " + (read == uncompressedSize ? "more" : String.valueOf(read))
                                + " bytes, the chunk says " + uncompressedSize;
                    }
                    return null;
                } catch (IOException | RuntimeException e) {
                    return "lz4 cannot decompress it: " + e.getMessage();
                }
            }
        }
    }
}
