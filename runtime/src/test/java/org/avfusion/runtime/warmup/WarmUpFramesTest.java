package org.avfusion.runtime.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.config.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The warm-up's recorded frames ({@link WarmUpFrames}): owned copies, one image per sweep or none. */
class WarmUpFramesTest {
    private static CameraImage image(int w, int h, int seed) {
        CameraImage image = new CameraImage(w + 8, h + 8); // a pooled buffer is often larger than the frame
        ByteBuffer b = image.prepare(w, h);
        for (int i = 0; b.hasRemaining(); i++) {
            b.put((byte) (i * 31 + seed));
        }
        return image;
    }

    private static PointCloud sweep(int points) {
        PointCloud cloud = new PointCloud(points + 10);
        for (int i = 0; i < points; i++) {
            cloud.add(i, -i, 0.5f * i, 7, 1000 * (points - i), i % 64);
        }
        return cloud;
    }

    @Test
    void anImageCopyHasTheFramesSizeAndPixelsInItsOwnBuffer() {
        CameraImage original = image(13, 5, 3);
        CameraImage copy = WarmUpFrames.copyOf(original);
        assertEquals(13, copy.width());
        assertEquals(5, copy.height());
        assertEquals(13 * 5 * 3, copy.capacityBytes(), "sized to the frame");
        assertEquals(original.pixels(), copy.pixels());
        original.prepare(13, 5).put(0, (byte) 99);
        assertTrue(copy.pixels().get(0) != 99, "the copy is its own");
    }

    @Test
    void anImageWithoutPixelsIsNotCopied() {
        CameraImage sizeOnly = new CameraImage(8, 8);
        sizeOnly.sizeWithoutPixels(8, 8);
        assertThrows(IllegalStateException.class, () -> WarmUpFrames.copyOf(sizeOnly));
        assertThrows(IllegalArgumentException.class,
                () -> new WarmUpFrames(List.of(sweep(3)), List.of(sizeOnly)));
    }

    @Test
    void aSweepCopyKeepsEveryPointAndItsLatestOffset() {
        PointCloud original = sweep(50);
        PointCloud copy = WarmUpFrames.copyOf(original);
        assertNotSame(original, copy);
        assertEquals(50, copy.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(original.x(i), copy.x(i));
            assertEquals(original.z(i), copy.z(i));
            assertEquals(original.timeOffsetNanos(i), copy.timeOffsetNanos(i));
            assertEquals(original.ring(i), copy.ring(i));
        }
    }

    @Test
    void releasedFramesAreNone() {
        WarmUpFrames frames = new WarmUpFrames(List.of(sweep(4), sweep(5)), List.of(image(4, 2, 1), image(4, 2, 2)));
        assertEquals(2, frames.sweeps().size());
        frames.release();
        assertTrue(frames.sweeps().isEmpty(), "sweeps");
        assertTrue(frames.images().isEmpty(), "images");
        assertTrue(!frames.hasImages());
    }

    /** Images are none or one per sweep. */
    @ParameterizedTest(name = "{0} sweeps, {1} images: valid {2}")
    @CsvSource({"3, 0, true", "3, 3, true", "0, 0, true", "3, 2, false", "1, 2, false", "0, 1, false"})
    void imagesAreNoneOrOnePerSweep(int sweeps, int images, boolean valid) {
        List<PointCloud> s = java.util.stream.IntStream.range(0, sweeps).mapToObj(i -> sweep(4)).toList();
        List<CameraImage> m = java.util.stream.IntStream.range(0, images).mapToObj(i -> image(4, 2, i)).toList();
        if (valid) {
            assertEquals(images > 0, new WarmUpFrames(s, m).hasImages());
        } else {
            assertThrows(IllegalArgumentException.class, () -> new WarmUpFrames(s, m));
        }
    }

    /** Without a detector the recorded images are not used: no inference, no detections to the track stage. */
    @Test
    void withoutADetectorTheImagesAreNotUsed() {
        RuntimeConfig config = RuntimeConfig.defaults();
        PointCloud cloud = new PointCloud(40_000);
        StageWarmup.fillSweep(cloud, config.vehicle().lidarMount().toPose().zMeters(), 12, 15);
        WarmupReport r = new StageWarmup(config, 2, 1).run(null, 0, 0, StageWarmup.Stages.NONE,
                new WarmUpFrames(List.of(cloud), List.of(image(16, 8, 1))));
        assertEquals(2 + StageWarmup.RECORDED_SWEEPS, r.sweeps());
        assertEquals(0, r.inferences());
        assertEquals(0, r.recordedImages());
        assertEquals(0, r.recordedDetections());
        assertTrue(!r.consoleLine().contains("recorded images"), r.consoleLine());
    }
}
