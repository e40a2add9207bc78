package org.avfusion.runtime.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.junit.jupiter.api.Test;

/** The detect stage's cache of detections per camera frame, single-threaded and with a writer racing a reader. */
class DetectionCacheTest {
    private static DetectionList detections(int n, float tag) {
        DetectionList d = new DetectionList(16);
        for (int i = 0; i < n; i++) {
            d.add(tag, i, tag + 10, i + 10, 0.5f, 0);
        }
        return d;
    }

    @Test
    void aFrameFoundByItsBufferGivesItsDetectionsAndAnOtherFrameIsAMiss() {
        DetectionCache cache = new DetectionCache(4, 16);
        CameraImage a = new CameraImage(8, 8);
        CameraImage b = new CameraImage(8, 8);
        cache.put(a, 100, detections(3, 1));
        DetectionList out = detections(5, 9);
        assertTrue(cache.copyInto(a, 100, out));
        assertEquals(3, out.size());
        assertEquals(1f, out.x1(2));
        assertFalse(cache.copyInto(b, 100, out));
        assertEquals(0, out.size(), "a miss leaves the list empty");
        assertFalse(cache.copyInto(a, 200, out), "a later frame in the same buffer, never detected: not the old entry");
        assertEquals(1, cache.hitCount());
        assertEquals(2, cache.missCount());
    }

    @Test
    void theOldestEntryIsReplacedFirst() {
        DetectionCache cache = new DetectionCache(2, 16);
        CameraImage a = new CameraImage(8, 8), b = new CameraImage(8, 8), c = new CameraImage(8, 8);
        cache.put(a, 1, detections(1, 1));
        cache.put(b, 2, detections(2, 2));
        cache.put(c, 3, detections(3, 3));
        DetectionList out = new DetectionList(16);
        assertFalse(cache.copyInto(a, 1, out), "a was the oldest");
        assertTrue(cache.copyInto(b, 2, out));
        assertEquals(2, out.size());
        assertTrue(cache.copyInto(c, 3, out));
        assertEquals(3, out.size());
    }

    @Test
    void sizesOutsideTheRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DetectionCache(0, 16));
        assertThrows(IllegalArgumentException.class, () -> new DetectionCache(1025, 16));
    }

    /**
     * A writer overwriting the one entry as fast as it can while a reader copies it: every copy the reader accepts is
     * one the writer wrote whole (all boxes carry the same tag and the count matches the tag), never a mix.
     */
    @Test
    void aCopyIsNeverTornWhileTheWriterRacesTheReader() throws Exception {
        DetectionCache cache = new DetectionCache(1, 16);
        CameraImage image = new CameraImage(8, 8);
        DetectionList[] versions = new DetectionList[8];
        for (int v = 0; v < versions.length; v++) {
            versions[v] = detections(1 + v, v);
        }
        cache.put(image, 7, versions[0]);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            int v = 0;
            while (!stop.get()) {
                v = (v + 1) % versions.length;
                cache.put(image, 7, versions[v]);
            }
        });
        writer.start();
        DetectionList out = new DetectionList(16);
        AtomicLong accepted = new AtomicLong();
        long deadline = System.nanoTime() + 300_000_000L;
        try {
            while (System.nanoTime() < deadline || accepted.get() < 100) {
                if (cache.copyInto(image, 7, out)) {
                    int tag = (int) out.x1(0);
                    assertEquals(tag + 1, out.size(), "count of version " + tag);
                    for (int i = 0; i < out.size(); i++) {
                        assertEquals((float) tag, out.x1(i), "box " + i + " of version " + tag);
                        assertEquals((float) i, out.y1(i));
                    }
                    accepted.incrementAndGet();
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(accepted.get() >= 100, "accepted copies: " + accepted.get());
    }
}
