package org.avfusion.drivers.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.avfusion.drivers.pool.BufferPool;
import org.junit.jupiter.api.Test;

/** When a sweep was complete: its latest point's offset, or what its source declared, whichever is later. */
class PointCloudCompleteTest {
    @Test
    void theLaterOfTheLatestPointAndTheDeclaration() {
        PointCloud cloud = new PointCloud(4);
        cloud.declareCompleteAfterNanos(100_000_000);
        assertEquals(0, cloud.completeAfterNanos(), "empty");
        cloud.add(1, 0, 0, 0, 0, 0);
        assertEquals(100_000_000, cloud.completeAfterNanos(), "points without times: the declaration");
        cloud.add(1, 0, 0, 0, 120_000_000, 0);
        assertEquals(120_000_000, cloud.completeAfterNanos(), "a point later than the declaration");
        assertEquals(120_000_000, cloud.maxTimeOffsetNanos());
        assertThrows(IllegalArgumentException.class, () -> cloud.declareCompleteAfterNanos(-1));
    }

    @Test
    void aCloudBackFromItsPoolForgetsTheDeclaration() {
        BufferPool<PointCloud> pool = new BufferPool<>("test", () -> new PointCloud(4), 1, 1);
        PointCloud cloud = pool.acquire();
        cloud.add(1, 0, 0, 0, 0, 0);
        cloud.declareCompleteAfterNanos(100_000_000);
        cloud.release();
        PointCloud again = pool.acquire();
        assertSame(cloud, again, "the same buffer");
        again.add(1, 0, 0, 0, 5, 0);
        assertEquals(5, again.completeAfterNanos(), "only its own point's offset");
    }
}
