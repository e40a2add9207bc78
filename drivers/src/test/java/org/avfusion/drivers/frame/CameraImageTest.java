package org.avfusion.drivers.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CameraImage}'s pixel buffer: allocated on first write, so frames that carry their size only hold none. */
class CameraImageTest {
    private static final int WIDTH = 2000;
    private static final int HEIGHT = 2000;
    private static final long PIXEL_BYTES = (long) WIDTH * HEIGHT * CameraImage.CHANNELS; // 12 MB

    private static long directBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        throw new IllegalStateException("no direct buffer pool bean");
    }

    @Test
    void framesWithTheirSizeOnlyTakeNoPixelMemoryAndTheFirstDecodeAllocatesOnce() {
        long before = directBytes();
        List<CameraImage> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CameraImage image = new CameraImage(WIDTH, HEIGHT);
            image.sizeWithoutPixels(1242, 375);
            assertFalse(image.hasPixels());
            assertEquals(PIXEL_BYTES, image.capacityBytes(), "capacity known without the buffer");
            images.add(image);
        }
        assertTrue(directBytes() - before < PIXEL_BYTES, "4 size-only frames of 12 MB each took "
                + (directBytes() - before) + " bytes of direct memory");

        CameraImage decoded = images.get(0);
        ByteBuffer pixels = decoded.prepare(1242, 375);
        assertTrue(pixels.isDirect());
        assertEquals(1242 * 375 * 3, pixels.limit());
        long afterFirst = directBytes();
        assertTrue(afterFirst - before >= PIXEL_BYTES, "the first decode allocates the buffer");
        pixels.put(0, (byte) 7);
        assertEquals(7, decoded.pixels().get(0));
        decoded.prepare(640, 480);
        assertEquals(afterFirst, directBytes(), "a second decode reuses it");
        assertEquals(640 * 480 * 3, decoded.pixels().limit());

        CameraImage sizeOnly = images.get(1);
        assertThrows(IllegalStateException.class, sizeOnly::pixels, "a size-only frame has no pixels to read");
        assertThrows(IllegalArgumentException.class, () -> sizeOnly.sizeWithoutPixels(WIDTH + 1, HEIGHT),
                "a size larger than the buffer is refused without allocating it");
    }
}
