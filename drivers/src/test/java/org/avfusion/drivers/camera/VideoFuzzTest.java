package org.avfusion.drivers.camera;

import static org.avfusion.drivers.camera.CameraTestData.CAMERA;
import static org.avfusion.drivers.camera.CameraTestData.assertEveryBufferBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.camera.CameraTestData.RecordingSink;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated bytes as a "video": the driver rejects or survives every one, counting errors, and the JVM
 * lives on. Fixed seeds; each failure names its seed.
 */
class VideoFuzzTest {
    private static final long SEED = 0x5EEDCA3L;

    @TempDir
    Path temp;

    @Test
    void randomBytesAreRejectedNamingTheFile() throws IOException {
        Random random = new Random(SEED);
        for (int round = 0; round < 24; round++) {
            byte[] bytes = new byte[random.nextInt(65_536)];
            random.nextBytes(bytes);
            Path file = temp.resolve("random-" + round + ".mp4");
            Files.write(file, bytes);
            String where = "seed " + SEED + ", round " + round + " (" + bytes.length + " bytes)";
            try (VideoFileSource source = VideoFileSource.open(file, CAMERA, 0, 0, 2)) {
                drain(source, where);
            } catch (CameraInputException e) {
                assertTrue(e.getMessage().contains(file.toString()), where + ": " + e.getMessage());
            }
        }
    }

    @Test
    void mutatedRealClipNeverThrowsAndCountsWhatItLost() throws IOException {
        byte[] original;
        try (InputStream in = Files.newInputStream(CameraTestData.video("lane-960x540.mp4"))) {
            original = in.readNBytes(400_000);
        }
        Random random = new Random(SEED);
        for (int round = 0; round < 10; round++) {
            byte[] bytes = original.clone();
            int flips = 1 + random.nextInt(200);
            for (int i = 0; i < flips; i++) {
                // mostly in the media data; now and then in the header (sample tables, codec config)
                int at = random.nextInt(8) == 0 ? random.nextInt(4_583) : 4_583 + random.nextInt(bytes.length - 4_583);
                bytes[at] = (byte) random.nextInt(256);
            }
            Path file = temp.resolve("mutated-" + round + ".mp4");
            Files.write(file, bytes);
            String where = "seed " + SEED + ", round " + round + " (" + flips + " bytes changed)";
            try (VideoFileSource source = VideoFileSource.open(file, CAMERA, 0, 0, 2)) {
                drain(source, where);
                CameraStats stats = source.stats();
                assertTrue(stats.decodeErrors() >= 1, where + ": a clip cut at 400 kB reports its break: " + stats);
            } catch (CameraInputException e) {
                assertTrue(e.getMessage().contains(file.toString()), where + ": " + e.getMessage());
            }
        }
    }

    @Test
    void liveDriverCountsRandomBytesAsAnError() throws IOException, InterruptedException {
        byte[] bytes = new byte[32_768];
        new Random(SEED).nextBytes(bytes);
        Path file = temp.resolve("random-live.mp4");
        Files.write(file, bytes);
        LiveCameraConfig config = new LiveCameraConfig(CAMERA, file.toString(), null, Map.of(), 64, 64, 2,
                500_000_000L, 2_000, 0, false);
        try (LiveCameraDriver driver = new LiveCameraDriver(config, new RecordingSink(), () -> 0)) {
            driver.start();
            assertTrue(driver.awaitEnd(30, TimeUnit.SECONDS), "seed " + SEED);
            assertEquals(1, driver.stats().decodeErrors(), "seed " + SEED + ": " + driver.stats());
            assertTrue(driver.stats().lastError().contains(file.toString()), driver.stats().lastError());
        }
    }

    private static void drain(VideoFileSource source, String where) {
        RecordingSink sink = new RecordingSink();
        try {
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, c -> { }, 10_000);
        } catch (RuntimeException e) {
            fail(where + ": the source threw " + e, e);
        }
        CameraStats stats = source.stats();
        assertEquals(sink.frames().size(), stats.frames(), where);
        long previous = Long.MIN_VALUE;
        for (var frame : sink.frames()) {
            assertTrue(frame.header().stampNanos() > previous, where + ": stamps increase");
            previous = frame.header().stampNanos();
        }
        assertEveryBufferBack(source.pool());
    }
}
