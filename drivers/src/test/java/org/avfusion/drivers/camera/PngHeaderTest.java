package org.avfusion.drivers.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PngHeader} on the KITTI sfnd sequence's 20 PNGs (against OpenCV's decoded size) and on damaged copies. */
class PngHeaderTest {
    private static List<Path> kittiPngs() throws IOException {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "raw", "2011_09_26",
                "sfnd_sequence_sync", "image_02", "data");
        Assumptions.assumeTrue(Files.isDirectory(dir), "KITTI sfnd sequence not found: " + dir.toAbsolutePath());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
    }

    @Test
    void kittiImagesHaveTheSizeOpenCvDecodes() throws IOException {
        List<Path> files = kittiPngs();
        assertEquals(20, files.size());
        for (Path file : files) {
            PngHeader header = PngHeader.read(file);
            try (Mat mat = imread(file.toString(), IMREAD_COLOR)) {
                assertEquals(mat.cols(), header.widthPixels(), file.toString());
                assertEquals(mat.rows(), header.heightPixels(), file.toString());
            }
            assertEquals(1242, header.widthPixels());
            assertEquals(375, header.heightPixels());
            assertEquals(8, header.bitDepth());
            assertEquals(2, header.colorType(), "RGB");
            assertFalse(header.interlaced());
        }
    }

    /** A damaged copy of a real KITTI PNG and the words its error must contain. */
    record Damage(String name, String expected, byte[] bytes) {
    }

    private static byte[] withCrc(byte[] png) {
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        long v = crc.getValue();
        for (int k = 0; k < 4; k++) {
            png[29 + k] = (byte) (v >>> (24 - 8 * k));
        }
        return png;
    }

    private static byte[] set(byte[] png, int at, int value) {
        byte[] copy = png.clone();
        copy[at] = (byte) value;
        return copy;
    }

    @Test
    void truncatedOrCorruptCopiesAreRefusedNamingFileAndField(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(kittiPngs().get(0));
        Damage[] damages = {
            new Damage("empty.png", "not a PNG file (0 bytes", new byte[0]),
            new Damage("seven-bytes.png", "not a PNG file (7 bytes", Arrays.copyOf(good, 7)),
            new Damage("cut-in-ihdr.png", "ends at byte 20, inside its IHDR", Arrays.copyOf(good, 20)),
            new Damage("cut-before-crc.png", "ends at byte 32, inside its IHDR", Arrays.copyOf(good, 32)),
            new Damage("jpeg.png", "signature byte 0 is 0xff", set(good, 0, 0xff)),
            new Damage("crlf-mangled.png", "signature byte 4 is 0xa", set(good, 4, '\n')),
            new Damage("width-flipped.png", "IHDR CRC mismatch", set(good, 19, good[19] ^ 0x10)),
            new Damage("crc-flipped.png", "IHDR CRC mismatch", set(good, 32, good[32] ^ 0x01)),
            new Damage("not-ihdr.png", "first chunk is not a 13-byte IHDR (length 13, type IHDX)",
                    withCrc(set(good, 15, 'X'))),
            new Damage("long-ihdr.png", "first chunk is not a 13-byte IHDR (length 14", set(good, 11, 14)),
            new Damage("zero-width.png", "size 0x375", withCrc(set(set(good, 18, 0), 19, 0))),
            new Damage("bit-depth-3.png", "bit depth 3 with colour type 2", withCrc(set(good, 24, 3))),
            new Damage("colour-type-5.png", "bit depth 8 with colour type 5", withCrc(set(good, 25, 5))),
            new Damage("interlace-2.png", "interlace 2", withCrc(set(good, 28, 2))),
        };
        for (Damage d : damages) {
            Path file = dir.resolve(d.name());
            Files.write(file, d.bytes());
            IOException e = assertThrows(IOException.class, () -> PngHeader.read(file), d.name());
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(d.expected()), d.name() + ": " + e.getMessage());
        }
        Path missing = dir.resolve("missing.png");
        IOException e = assertThrows(IOException.class, () -> PngHeader.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read"), e.getMessage());

        Path cutAfterHeader = dir.resolve("cut-after-ihdr.png");
        Files.write(cutAfterHeader, Arrays.copyOf(good, PngHeader.HEADER_BYTES));
        assertEquals(1242, PngHeader.read(cutAfterHeader).widthPixels(), "damage after IHDR is not seen here");
    }
}
