package org.avfusion.runtime.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.junit.jupiter.api.Test;

/**
 * The detect stage's cache of detections per camera frame: each frame claimed once, by the detect stage or the perceive
 * stage; a reader waits for a frame being detected; single-threaded and with a writer racing a reader.
 */
class DetectionCacheTest {
    private static final long NO_WAIT = 0;

    private static DetectionList detections(int n, float tag) {
        DetectionList d = new DetectionList(16);
        for (int i = 0; i < n; i++) {
            d.add(tag, i, tag + 10, i + 10, 0.5f, 0);
        }
        return d;
    }

    private static void put(DetectionCache cache, CameraImage image, long stamp, DetectionList d) {
        assertTrue(cache.begin(image, stamp));
        cache.complete(d);
    }

    @Test
    void aFrameFoundByItsBufferGivesItsDetectionsAndAnOtherFrameIsAMiss() throws Exception {
        DetectionCache cache = new DetectionCache(4, 16);
        CameraImage a = new CameraImage(8, 8);
        CameraImage b = new CameraImage(8, 8);
        put(cache, a, 100, detections(3, 1));
        DetectionList out = detections(5, 9);
        assertTrue(cache.take(a, 100, out, NO_WAIT));
        assertEquals(3, out.size());
        assertEquals(1f, out.x1(2));
        assertFalse(cache.take(b, 100, out, NO_WAIT));
        assertEquals(0, out.size(), "a miss leaves the list empty");
        assertFalse(cache.take(a, 200, out, NO_WAIT),
                "a later frame in the same buffer, never detected: not the old entry");
        assertEquals(1, cache.hitCount());
        assertEquals(2, cache.missCount());
    }

    @Test
    void aFrameThePerceiveStageTookFirstIsNotDetectedAgain() throws Exception {
        DetectionCache cache = new DetectionCache(4, 16);
        CameraImage a = new CameraImage(8, 8);
        DetectionList out = new DetectionList(16);
        assertFalse(cache.take(a, 100, out, NO_WAIT), "not detected yet: the reader claims it and detects it itself");
        assertFalse(cache.begin(a, 100), "the detect stage, behind, finds it taken: skip");
        assertTrue(cache.begin(a, 200), "the buffer's next frame is another frame");
        cache.complete(detections(2, 3));
        assertTrue(cache.take(a, 200, out, NO_WAIT));
        assertEquals(2, out.size());
        assertFalse(cache.begin(a, 200), "nor is a frame detected twice by the detect stage");
    }

    @Test
    void theOldestEntryIsReplacedFirst() throws Exception {
        DetectionCache cache = new DetectionCache(2, 16);
        CameraImage a = new CameraImage(8, 8), b = new CameraImage(8, 8), c = new CameraImage(8, 8);
        put(cache, a, 1, detections(1, 1));
        put(cache, b, 2, detections(2, 2));
        put(cache, c, 3, detections(3, 3));
        DetectionList out = new DetectionList(16);
        assertTrue(cache.take(b, 2, out, NO_WAIT));
        assertEquals(2, out.size());
        assertTrue(cache.take(c, 3, out, NO_WAIT));
        assertEquals(3, out.size());
        assertFalse(cache.take(a, 1, out, NO_WAIT), "a was the oldest");
    }

    @Test
    void theEntryBeingDetectedIsNeverReusedByAClaim() throws Exception {
        DetectionCache cache = new DetectionCache(2, 16);
        CameraImage a = new CameraImage(8, 8), b = new CameraImage(8, 8), c = new CameraImage(8, 8);
        put(cache, a, 1, detections(1, 1));
        assertTrue(cache.begin(b, 2)); // in the second entry; the next to reuse is the first
        DetectionList out = new DetectionList(16);
        assertFalse(cache.take(c, 3, out, NO_WAIT)); // claims the first
        assertFalse(cache.take(a, 4, out, NO_WAIT)); // would reuse the second, being detected: takes the first again
        cache.complete(detections(2, 2));
        assertTrue(cache.take(b, 2, out, NO_WAIT), "the frame being detected kept its entry");
        assertEquals(2, out.size());
    }

    @Test
    void aReaderWaitsForTheFrameBeingDetectedAndAnAbandonedOneIsAMiss() throws Exception {
        DetectionCache cache = new DetectionCache(4, 16);
        CameraImage a = new CameraImage(8, 8);
        assertTrue(cache.begin(a, 100));
        CountDownLatch waiting = new CountDownLatch(1);
        boolean[] found = new boolean[1];
        DetectionList out = new DetectionList(16);
        Thread reader = new Thread(() -> {
            waiting.countDown();
            try {
                found[0] = cache.take(a, 100, out, 60_000_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
        waiting.await();
        while (cache.waitCount() == 0) {
            Thread.sleep(1); // the reader is waiting on the cache
        }
        cache.complete(detections(4, 7));
        reader.join(60_000);
        assertTrue(found[0], "the reader got the result it waited for");
        assertEquals(4, out.size());
        assertEquals(1, cache.waitCount());

        assertTrue(cache.begin(a, 200));
        Thread second = new Thread(() -> {
            try {
                found[0] = cache.take(a, 200, out, 60_000_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        second.start();
        while (cache.waitCount() == 1) {
            Thread.sleep(1);
        }
        cache.abandon(); // the detector closed under the detect stage
        second.join(60_000);
        assertFalse(found[0], "an abandoned frame is a miss: the reader detects it itself");
        assertFalse(cache.begin(a, 200), "and has claimed it");
    }

    @Test
    void aReaderStopsWaitingAtItsBound() throws Exception {
        DetectionCache cache = new DetectionCache(4, 16);
        CameraImage a = new CameraImage(8, 8);
        assertTrue(cache.begin(a, 100));
        assertFalse(cache.take(a, 100, new DetectionList(16), 1_000_000L), "never completed: a miss after 1 ms");
        assertEquals(1, cache.missCount());
    }

    @Test
    void misuseAndSizesOutsideTheRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DetectionCache(1, 16));
        assertThrows(IllegalArgumentException.class, () -> new DetectionCache(1025, 16));
        DetectionCache cache = new DetectionCache(2, 16);
        assertThrows(IllegalStateException.class, () -> cache.complete(new DetectionList(1)));
        assertTrue(cache.begin(new CameraImage(8, 8), 1));
        assertThrows(IllegalStateException.class, () -> cache.begin(new CameraImage(8, 8), 2));
    }

    /**
     * A writer detecting frame after frame into a small cache as fast as it can while a reader takes each frame: every
     * copy the reader gets is the one written for that frame, whole (all boxes carry the frame's tag and the count
     * matches it), never a mix with the detections of a frame that reused the entry.
     */
    @Test
    void aCopyIsNeverTornWhileTheWriterRacesTheReader() throws Exception {
        DetectionCache cache = new DetectionCache(2, 16);
        CameraImage image = new CameraImage(8, 8);
        DetectionList[] versions = new DetectionList[8];
        for (int v = 0; v < versions.length; v++) {
            versions[v] = detections(1 + v, v);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            for (long stamp = 0; !stop.get(); stamp++) {
                if (cache.begin(image, stamp)) {
                    cache.complete(versions[(int) (stamp % versions.length)]);
                }
                written.set(stamp);
            }
        });
        writer.start();
        DetectionList out = new DetectionList(16);
        long accepted = 0;
        long deadline = System.nanoTime() + 300_000_000L;
        try {
            while (System.nanoTime() < deadline || accepted < 100) {
                long stamp = written.get();
                if (cache.take(image, stamp, out, 1_000_000L)) {
                    int tag = (int) (stamp % versions.length);
                    assertEquals(tag + 1, out.size(), "count of the frame stamped " + stamp);
                    for (int i = 0; i < out.size(); i++) {
                        assertEquals((float) tag, out.x1(i), "box " + i + " of the frame stamped " + stamp);
                        assertEquals((float) i, out.y1(i));
                    }
                    accepted++;
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(accepted >= 100, "accepted copies: " + accepted);
    }
}
