package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's reused file buffer: whole files, the same array for files a little larger, a clear error. */
class FileBufferTest {
    @TempDir
    Path temp;

    private Path file(String name, int bytes, long seed) throws Exception {
        byte[] b = new byte[bytes];
        new SplittableRandom(seed).nextBytes(b);
        return Files.write(temp.resolve(name), b);
    }

    /**
     * Sweeps of a folder a few percent apart in size, each larger than the last (the KITTI tracking sequence's first
     * PCD files): one array for all of them, each read whole.
     */
    @Test
    void filesAFewPercentLargerReuseTheArray() throws Exception {
        FileBuffer buffer = new FileBuffer();
        byte[] first = null;
        for (int i = 0; i < 5; i++) {
            Path f = file("sweep" + i + ".bin", 100_000 + 4_000 * i, i);
            assertEquals(Files.size(f), buffer.readWhole(f), f.toString());
            assertArrayEquals(Files.readAllBytes(f), Arrays.copyOf(buffer.bytes(), (int) Files.size(f)), f.toString());
            if (first == null) {
                first = buffer.bytes();
            }
            assertTrue(first == buffer.bytes(), "grown again at " + f + " (" + Files.size(f) + " bytes)");
        }
        Path larger = file("larger.bin", 200_000, 9);
        assertEquals(200_000, buffer.readWhole(larger));
        assertTrue(first != buffer.bytes(), "a file a quarter larger than the first grows the array");
        Path smaller = file("smaller.bin", 10, 10);
        assertEquals(10, buffer.readWhole(smaller));
        assertArrayEquals(Files.readAllBytes(smaller), Arrays.copyOf(buffer.bytes(), 10));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = temp.resolve("missing.bin");
        PointCloudFormatException e = assertThrows(PointCloudFormatException.class,
                () -> new FileBuffer().readWhole(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    /** A replay reserves for its largest sweep before the clock: that sweep then reads into the same array. */
    @Test
    void aReservedBufferReadsAFileOfThatSizeWithoutGrowing() throws Exception {
        FileBuffer buffer = new FileBuffer();
        buffer.reserve(120_000);
        byte[] reserved = buffer.bytes();
        assertEquals(150_000, reserved.length, "a quarter more, as a read would make");
        Path f = file("sweep.bin", 120_000, 3);
        assertEquals(120_000, buffer.readWhole(f));
        assertTrue(reserved == buffer.bytes(), "read into the reserved array");
        buffer.reserve(10);
        assertTrue(reserved == buffer.bytes(), "never shrinks");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> buffer.reserve(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }
}
