package org.avfusion.drivers.camera;

import static org.avfusion.drivers.camera.CameraTestData.CAMERA;
import static org.avfusion.drivers.camera.CameraTestData.assertEveryBufferBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.camera.CameraTestData.RecordingSink;
import org.avfusion.drivers.camera.CameraTestData.Seen;
import org.avfusion.drivers.source.VehicleClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live driver on a real clip standing in for a stream (FFmpeg decodes it as fast as it can, so the arrival
 * clock is scripted: one read per decoded frame).
 */
class LiveCameraDriverTest {
    private static final long MS = 1_000_000L;
    private static final long SEED = 20240611L;

    @TempDir
    Path temp;

    private static LiveCameraConfig once(String input, long driftToleranceNanos) {
        return new LiveCameraConfig(CAMERA, input, null, Map.of(), 1280, 720, 4, driftToleranceNanos, 5_000, 0,
                false);
    }

    /** Frame k arrives at 1 s + k * periodMs + a seeded 0..maxJitterMs ms of transport jitter. */
    private static VehicleClock scripted(long periodMs, int maxJitterMs) {
        Random random = new Random(SEED);
        AtomicLong k = new AtomicLong();
        return () -> 1_000 * MS + k.getAndIncrement() * periodMs * MS + random.nextInt(maxJitterMs + 1) * MS;
    }

    /**
     * highway-1280x720.mp4: 38 frames at 25 fps, 1.48 s of presentation time from first to last frame. Paced, the
     * last frame cannot be published sooner than that after the driver starts (a lower bound only: a loaded machine
     * makes it later, never earlier); every frame arrives and none is lost to the pool. The span is measured from
     * before {@code start()}, not from the first frame's publication: the driver's clock starts when it reads the
     * first frame, and that frame's conversion can delay its own publication (on a loaded machine the first to the
     * last publication measured 1,394 ms).
     */
    @Test
    void aFileInputPacedByTimestampsPlaysAtItsRecordedRate() throws InterruptedException {
        List<Long> wall = new java.util.ArrayList<>();
        RecordingSink frames = new RecordingSink();
        org.avfusion.drivers.source.FrameSink sink = (header, payload) -> {
            synchronized (wall) {
                wall.add(System.nanoTime());
            }
            return frames.publish(header, payload);
        };
        String highway = CameraTestData.video("highway-1280x720.mp4").toString();
        try (LiveCameraDriver driver = new LiveCameraDriver(once(highway, 500 * MS), sink, VehicleClock.SYSTEM, true)) {
            long started = System.nanoTime();
            driver.start();
            assertTrue(driver.awaitEnd(60, TimeUnit.SECONDS));
            assertEquals(38, frames.frames().size());
            assertEquals(0, driver.stats().poolExhausted(), "frames lost to the pool: " + driver.stats());
            long spanNanos = wall.get(wall.size() - 1) - started;
            assertTrue(spanNanos >= 1_470 * MS, "37 frame periods of 40 ms: the last frame >= 1.47 s after start, "
                    + "paced; took " + spanNanos / 1e6 + " ms");
        }
    }

    @Test
    void stampsAreFirstArrivalPlusPtsDeltasDespiteJitter() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        String lane = CameraTestData.video("lane-960x540.mp4").toString();
        try (LiveCameraDriver driver = new LiveCameraDriver(once(lane, 500 * MS), sink, scripted(40, 9))) {
            driver.start();
            assertTrue(driver.awaitEnd(60, TimeUnit.SECONDS), "a file without reconnect ends at its end");
            List<Seen> seen = sink.frames();
            assertEquals(221, seen.size(), "seed " + SEED);
            long first = seen.get(0).header().stampNanos();
            for (int i = 1; i < seen.size(); i++) {
                long step = seen.get(i).header().stampNanos() - seen.get(i - 1).header().stampNanos();
                assertTrue(step >= 31 * MS && step <= 40 * MS, "seed " + SEED + ": frame " + i + " step " + step
                        + " ns: PTS spacing, shortened only where a frame came earlier than any before");
                assertEquals(i, seen.get(i).header().sequence());
            }
            assertTrue(first >= 1_000 * MS && first <= 1_009 * MS, "first stamp is the first arrival: " + first);
            CameraStats stats = driver.stats();
            assertEquals(221, stats.frames());
            assertEquals(0, stats.clockResyncs(), "jitter within tolerance: " + stats);
            assertEquals(0, stats.decodeErrors(), stats.lastError());
            assertEveryBufferBack(driver.pool());
        }
    }

    @Test
    void aCameraClockRunningSlowerThanTheVehicleClockIsResynced() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        String lane = CameraTestData.video("lane-960x540.mp4").toString();
        // frames arrive 80 ms apart but their PTS says 40 ms: the lag grows 40 ms a frame, past 200 ms every 6th frame
        try (LiveCameraDriver driver = new LiveCameraDriver(once(lane, 200 * MS), sink, scripted(80, 0))) {
            driver.start();
            assertTrue(driver.awaitEnd(60, TimeUnit.SECONDS));
            List<Seen> seen = sink.frames();
            assertEquals(221, seen.size());
            long worstLag = 0;
            for (int i = 0; i < seen.size(); i++) {
                long arrival = 1_000 * MS + i * 80 * MS;
                worstLag = Math.max(worstLag, arrival - seen.get(i).header().stampNanos());
            }
            assertTrue(worstLag <= 200 * MS, "no stamp lags its arrival by more than the tolerance: " + worstLag);
            assertEquals(220 / 6, driver.stats().clockResyncs(), driver.stats().toString());
            assertEveryBufferBack(driver.pool());
        }
    }

    @Test
    void anUnreachableInputIsCountedAndRetriedUntilClosed() throws InterruptedException {
        String missing = temp.resolve("no-camera.mp4").toString();
        LiveCameraConfig config = new LiveCameraConfig(CAMERA, missing, null, Map.of(), 64, 64, 2, 500 * MS, 1_000, 5,
                true);
        LiveCameraDriver driver = new LiveCameraDriver(config, new RecordingSink(), VehicleClock.SYSTEM);
        driver.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (driver.stats().decodeErrors() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        driver.close();
        assertTrue(driver.awaitEnd(5, TimeUnit.SECONDS), "close ends the thread");
        CameraStats stats = driver.stats();
        assertTrue(stats.decodeErrors() >= 3, "each failed attempt is counted: " + stats);
        assertTrue(stats.lastError().contains(missing) && stats.lastError().contains("no such file"),
                stats.lastError());
        assertEquals(0, stats.frames());
    }

    @Test
    void framesLargerThanTheBuffersAreCountedNotPublished() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        String highway = CameraTestData.video("highway-1280x720.mp4").toString();
        LiveCameraConfig small = new LiveCameraConfig(CAMERA, highway, null, Map.of(), 640, 480, 2, 500 * MS, 5_000,
                0, false);
        try (LiveCameraDriver driver = new LiveCameraDriver(small, sink, scripted(40, 0))) {
            driver.start();
            assertTrue(driver.awaitEnd(60, TimeUnit.SECONDS));
            assertEquals(0, sink.frames().size());
            assertEquals(38, driver.stats().decodeErrors());
            assertTrue(driver.stats().lastError().contains(highway) && driver.stats().lastError().contains("frame 37"),
                    driver.stats().lastError());
            assertEveryBufferBack(driver.pool());
        }
    }
}
