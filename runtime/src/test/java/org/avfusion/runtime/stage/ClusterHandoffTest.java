package org.avfusion.runtime.stage;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import org.junit.jupiter.api.Test;

/** The cluster stage's hand-off to the track stage: each buffer owned by one side at a time, keyed by sweep. */
class ClusterHandoffTest {
    @Test
    void aSweepsClustersGoFromTheClusterStageToTheTrackStageOnce() {
        ClusterHandoff h = new ClusterHandoff(2);
        PointCloud a = new PointCloud(4);
        ObstacleClusters filling = h.beginFill(a, 100);
        assertNotNull(filling);
        assertNull(h.take(a, 100), "not ready while filling");
        h.ready(filling);
        assertNull(h.take(new PointCloud(4), 100), "another buffer with the same stamp is another sweep");
        assertNull(h.take(a, 50), "the same buffer with another stamp is another sweep (an older one frees nothing)");
        assertSame(filling, h.take(a, 100));
        assertNull(h.take(a, 100), "taken once");
        h.release(filling);
        assertNotNull(h.beginFill(a, 200), "free again");
    }

    @Test
    void withNoFreeBufferTheClusterStageSkipsAndStaleSweepsAreFreed() {
        ClusterHandoff h = new ClusterHandoff(2);
        PointCloud a = new PointCloud(4), b = new PointCloud(4), c = new PointCloud(4);
        ObstacleClusters first = h.beginFill(a, 100);
        h.ready(first);
        ObstacleClusters second = h.beginFill(b, 200);
        h.ready(second);
        assertNull(h.beginFill(c, 300), "both in use: the track stage clusters sweep 300 itself");
        // sweep 100 never became a set (late): taking 200 frees it
        assertSame(second, h.take(b, 200));
        assertNotNull(h.beginFill(c, 300), "the stale buffer is free again");
        h.release(second);
    }

    @Test
    void anAbandonedFillIsFreeAgainAndMisuseIsRefused() {
        ClusterHandoff h = new ClusterHandoff(1);
        PointCloud a = new PointCloud(4);
        ObstacleClusters b = h.beginFill(a, 1);
        h.abandon(b);
        assertNull(h.take(a, 1));
        ObstacleClusters again = h.beginFill(a, 1);
        assertSame(b, again);
        assertThrows(IllegalStateException.class, () -> h.release(again), "not taken");
        assertThrows(IllegalArgumentException.class, () -> h.ready(new ObstacleClusters()));
        assertThrows(IllegalArgumentException.class, () -> new ClusterHandoff(0));
        assertThrows(IllegalArgumentException.class, () -> new ClusterHandoff(65));
    }

    @Test
    void buffersReservedBeforeTheStagesRunStillHandOverAndANegativeCountIsRefused() {
        ClusterHandoff h = new ClusterHandoff(2);
        h.reserveMembers(50_000);
        PointCloud a = new PointCloud(4);
        ObstacleClusters filling = h.beginFill(a, 100);
        h.ready(filling);
        assertSame(filling, h.take(a, 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.reserveMembers(-1));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }
}
