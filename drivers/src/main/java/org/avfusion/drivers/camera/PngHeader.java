package org.avfusion.drivers.camera;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The size of a PNG image from its first 33 bytes, without decoding it: the 8-byte signature and the IHDR chunk
 * (PNG specification, ISO/IEC 15948:2003 sections 5.2-5.3 and 11.2.2: length 13, type {@code IHDR}, width, height,
 * bit depth, colour type, compression, filter and interlace method, then the CRC-32 of type and data). Checked:
 * the signature, the chunk's length and type, its CRC, width and height in [1, 2^31 - 1], a bit depth allowed for the
 * colour type, compression and filter method 0, interlace 0 or 1. Not checked: anything after IHDR (a file whose
 * image data is damaged passes here and fails only when decoded).
 *
 * @param widthPixels  image width
 * @param heightPixels image height
 * @param bitDepth     bits per sample (or per palette index)
 * @param colorType    0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA
 * @param interlaced   Adam7 interlacing
 */
public record PngHeader(int widthPixels, int heightPixels, int bitDepth, int colorType, boolean interlaced) {
    /** Signature and IHDR chunk: 8 + 4 + 4 + 13 + 4 bytes. */
    public static final int HEADER_BYTES = 33;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public PngHeader {
        if (widthPixels < 1 || heightPixels < 1) {
            throw new IllegalArgumentException("PNG size must be positive, was " + widthPixels + "x" + heightPixels);
        }
    }

    /**
     * Reads the header of {@code file} (its first {@value #HEADER_BYTES} bytes only).
     *
     * @throws IOException whose message starts with the file, when it cannot be read, is shorter than the header, or its signature or
     *                     IHDR chunk is not a valid PNG's (the message names the field)
     */
    public static PngHeader read(Path file) throws IOException {
        byte[] bytes = new byte[HEADER_BYTES];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (n < HEADER_BYTES) {
                int r = in.read(bytes, n, HEADER_BYTES - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e, e);
        }
        return parse(bytes, n, file.toString());
    }

    /**
     * Parses a header held in {@code bytes[0, length)}; {@code source} names it in messages.
     *
     * @throws IOException when the bytes are not a PNG signature and a valid IHDR chunk
     */
    public static PngHeader parse(byte[] bytes, int length, String source) throws IOException {
        if (length < SIGNATURE.length) {
            throw new IOException(source + ": not a PNG file (" + length + " bytes, shorter than the signature)");
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                throw new IOException(source + ": not a PNG file (signature byte " + i + " is 0x"
                        + Integer.toHexString(bytes[i] & 0xff) + ")");
            }
        }
        if (length < HEADER_BYTES) {
            throw new IOException(source + ": PNG file ends at byte " + length + ", inside its IHDR chunk ("
                    + HEADER_BYTES + " bytes)");
        }
        int chunkLength = int32(bytes, 8);
        if (chunkLength != 13 || bytes[12] != 'I' || bytes[13] != 'H' || bytes[14] != 'D' || bytes[15] != 'R') {
            throw new IOException(source + ": PNG's first chunk is not a 13-byte IHDR (length " + chunkLength
                    + ", type " + new String(bytes, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1) + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, 17);
        long stored = int32(bytes, 29) & 0xffffffffL;
        if (crc.getValue() != stored) {
            throw new IOException(source + ": PNG IHDR CRC mismatch (stored 0x" + Long.toHexString(stored)
                    + ", computed 0x" + Long.toHexString(crc.getValue()) + ")");
        }
        int width = int32(bytes, 16);
        int height = int32(bytes, 20);
        int bitDepth = bytes[24] & 0xff;
        int colorType = bytes[25] & 0xff;
        int compression = bytes[26] & 0xff;
        int filter = bytes[27] & 0xff;
        int interlace = bytes[28] & 0xff;
        if (width < 1 || height < 1) {
            throw new IOException(source + ": PNG IHDR size " + (width & 0xffffffffL) + "x" + (height & 0xffffffffL)
                    + " must be in [1, 2^31 - 1]");
        }
        if (!bitDepthAllowed(colorType, bitDepth)) {
            throw new IOException(source + ": PNG IHDR bit depth " + bitDepth + " with colour type " + colorType
                    + " is not allowed");
        }
        if (compression != 0 || filter != 0 || interlace > 1) {
            throw new IOException(source + ": PNG IHDR compression " + compression + ", filter " + filter
                    + ", interlace " + interlace + " (must be 0, 0, 0 or 1)");
        }
        return new PngHeader(width, height, bitDepth, colorType, interlace == 1);
    }

    private static boolean bitDepthAllowed(int colorType, int bitDepth) {
        return switch (colorType) {
            case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
            default -> false;
        };
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
