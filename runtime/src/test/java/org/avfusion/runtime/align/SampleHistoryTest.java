package org.avfusion.runtime.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.pool.BufferPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sorted, bounded per-sensor history: stamps are small integers here. */
class SampleHistoryTest {

    private static SampleHistory history(long... stamps) {
        SampleHistory h = new SampleHistory(8);
        for (long s : stamps) {
            h.insert(s, s, s, s, null);
        }
        return h;
    }

    private static String stamps(SampleHistory h) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < h.size(); i++) {
            b.append(i == 0 ? "" : " ").append(h.stamp(i));
        }
        return b.toString();
    }

    @Test
    void outOfOrderInsertsGoToTheirSortedPlace() {
        SampleHistory h = history(30, 10, 20, 50, 40);
        assertEquals("10 20 30 40 50", stamps(h));
        assertEquals(50, h.newestStamp());
        assertEquals(20, h.sequence(1), "the other columns move with the stamp");
    }

    @ParameterizedTest(name = "history 10 20 30 40: floor({0}) = {1}, nearest({0}) = {2}")
    @CsvSource({
        // t,  floor index, nearest index
        "5,    -1,  0",
        "10,    0,  0",
        "14,    0,  0",
        "15,    0,  0",     // a tie goes to the earlier sample
        "16,    0,  1",
        "25,    1,  1",
        "39,    2,  3",
        "40,    3,  3",
        "100,   3,  3",
    })
    void floorAndNearest(long t, int floor, int nearest) {
        SampleHistory h = history(10, 20, 30, 40);
        assertEquals(floor, h.floor(t));
        assertEquals(nearest, h.nearest(t));
    }

    @Test
    void emptyHistory() {
        SampleHistory h = history();
        assertEquals(-1, h.floor(0));
        assertEquals(-1, h.nearest(0));
        assertEquals(Long.MIN_VALUE, h.newestStamp());
    }

    @Test
    void evictionKeepsTheNewest() {
        SampleHistory h = history(10, 20, 30, 40, 50);
        h.evictOlderThan(45, 2);
        assertEquals("40 50", stamps(h), "keeps at least 2");
        h.evictOlderThan(45, 0);
        assertEquals("50", stamps(h));
    }

    @Test
    void pooledPayloadsAreRetainedAndReleasedOnEvictionOverflowAndClear() {
        BufferPool<CameraImage> pool = new BufferPool<>("t", () -> new CameraImage(1, 1), 4, 4);
        SampleHistory h = new SampleHistory(2);
        CameraImage a = pool.acquire();
        CameraImage b = pool.acquire();
        CameraImage c = pool.acquire();
        h.insert(1, 1, 1, 0, a);
        h.insert(2, 2, 2, 1, b);
        a.release();
        b.release();
        c.release();
        assertEquals(1, a.referenceCount(), "the history's reference");
        assertEquals(2, pool.freeCount(), "c back; a and b held by the history");
        CameraImage d = pool.acquire();
        h.insert(3, 3, 3, 2, d);            // full: the oldest (a) goes
        d.release();
        assertEquals(0, a.referenceCount());
        assertEquals("2 3", stamps(h));
        h.removeAt(0, false);               // b's reference taken over by the caller
        assertEquals(1, b.referenceCount());
        b.release();
        h.clear();
        assertEquals(0, d.referenceCount());
        assertEquals(4, pool.freeCount());
    }
}
