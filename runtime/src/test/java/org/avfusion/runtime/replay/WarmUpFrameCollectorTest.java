package org.avfusion.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.warmup.WarmUpFrames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The warm-up's pairing of sweeps with camera images ({@link WarmUpFrameCollector}): each sweep takes the image
 * nearest its stamp, whether that image arrived before or after the sweep. Frames are written {@code L<ms>} (a sweep
 * stamped at that millisecond) and {@code C<ms>} (an image), in arrival order; an image's pixels all hold its stamp
 * in tenths of a second, so a pairing reads as the images' stamps.
 */
class WarmUpFrameCollectorTest {
    private static final SensorId LIDAR = new SensorId("velodyne", SensorKind.LIDAR);
    private static final SensorId CAMERA = new SensorId("image_02", SensorKind.CAMERA);
    private static final SensorId OTHER_CAMERA = new SensorId("image_03", SensorKind.CAMERA);
    /** Pooled frames, as a source publishes them: the collector releases each back here. */
    private final BufferPool<PointCloud> clouds = new BufferPool<>("test.clouds", () -> new PointCloud(4), 2, 2);
    private final BufferPool<CameraImage> images = new BufferPool<>("test.images", () -> new CameraImage(4, 2), 2, 2);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', value = {
        // KITTI without timestamps: image i and sweep i stamped i x 100 ms; a sweep arrives whole 100 ms later, after
        // the next image (camera before lidar at equal arrival)
        "C0 C100 L0 C200 L100 C300 L200; 0 100 200; true",
        // KITTI with timestamps: the camera fires when the laser faces forward, about half a sweep after its start
        "C50 L0 C160 L110 C270 L220 C330; 50 160 270; true",
        // a 30 Hz camera beside a 10 Hz lidar: three images per sweep, the one at the sweep's start taken
        "C0 C33 C67 C100 L0 C133 C167 C200 L100 C233 C267 C300 L200; 0 100 200; true",
        // an image that comes after its sweep replaces the one before when nearer
        "C0 L90 C100 L190 C200 L290 C300; 100 200 300; true",
        // the first sweep before any image: the first image is its image
        "L0 C10 L100 C110 L200; 10 110 110; false",
        // no image: sweeps only
        "L0 L100 L200; -; false",
        // another camera's images are not the detecting camera's
        "X0 L0 X100 L100 X200 L200; -; false",
        // an image without pixels (size only) is no image
        "P0 L0 P100 L100 P200 L200; -; false",
        // ties go to the earlier image
        "C0 C100 L50 C150 L100 C250 L200 C300; 0 100 150; true",
    })
    void eachSweepTakesTheImageNearestItsStamp(String frames, String expectedImageStamps, boolean done) {
        WarmUpFrameCollector c = new WarmUpFrameCollector(LIDAR, CAMERA, 3);
        for (String f : frames.split(" ")) {
            long ms = Long.parseLong(f.substring(1));
            long nanos = ms * 1_000_000L;
            switch (f.charAt(0)) {
                case 'L' -> {
                    PointCloud cloud = clouds.acquire();
                    cloud.add(1, 2, 3, 4, 0, 0);
                    c.publish(new FrameHeader(LIDAR, nanos, 0), cloud);
                }
                case 'C', 'X', 'P' -> {
                    CameraImage image = images.acquire();
                    if (f.charAt(0) == 'P') {
                        image.sizeWithoutPixels(4, 2);
                    } else {
                        java.nio.ByteBuffer b = image.prepare(4, 2);
                        while (b.hasRemaining()) {
                            b.put((byte) (ms / 10));
                        }
                    }
                    c.publish(new FrameHeader(f.charAt(0) == 'X' ? OTHER_CAMERA : CAMERA, nanos, 0), image);
                }
                default -> throw new IllegalArgumentException(f);
            }
        }
        WarmUpFrames out = c.frames();
        assertEquals(3, out.sweeps().size());
        List<String> stamps = new ArrayList<>();
        for (CameraImage image : out.images()) {
            stamps.add(String.valueOf(10 * image.pixels().get(0)));
        }
        assertEquals(expectedImageStamps, stamps.isEmpty() ? "-" : String.join(" ", stamps));
        assertEquals(done, c.done(), "done");
        assertEquals(2, clouds.freeCount(), "every sweep released");
        assertEquals(2, images.freeCount(), "every image released");
    }

    /** Without a camera the collector is done at the last sweep and takes no image. */
    @ParameterizedTest(name = "{0} sweeps")
    @CsvSource({"1", "2", "3"})
    void withoutACameraSweepsOnly(int sweeps) {
        WarmUpFrameCollector c = new WarmUpFrameCollector(LIDAR, null, 2);
        for (int i = 0; i < sweeps; i++) {
            CameraImage image = images.acquire();
            image.prepare(2, 2);
            c.publish(new FrameHeader(CAMERA, i * 100_000_000L, i), image);
            PointCloud cloud = clouds.acquire();
            cloud.add(i, 0, 0, 0, 0, 0);
            c.publish(new FrameHeader(LIDAR, i * 100_000_000L, i), cloud);
        }
        assertEquals(Math.min(2, sweeps), c.frames().sweeps().size());
        assertTrue(c.frames().images().isEmpty());
        assertEquals(sweeps >= 2, c.done());
        assertFalse(c.frames().hasImages());
    }
}
