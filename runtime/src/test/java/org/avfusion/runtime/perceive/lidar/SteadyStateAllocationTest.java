package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real data, KITTI object frame 000001 (120,268 points): once its buffers have grown to the sweep, the pipeline
 * allocates nothing per sweep (HotSpot's per-thread allocation counter, which counts every TLAB and outside-TLAB
 * allocation of this thread).
 */
class SteadyStateAllocationTest {
    @Test
    void aSecondSweepOfTheSameSizeAllocatesNothing() throws Exception {
        KittiObjectFrame frame = KittiObjectFrame.load("000001");
        com.sun.management.ThreadMXBean threads = allocationCounter();
        LidarObstaclePipeline pipeline = new LidarObstaclePipeline(ClusterConfig.DEFAULTS);
        ObstacleClusters out = new ObstacleClusters();
        GroundPrior prior = frame.prior();
        pipeline.process(frame.cloud(), prior, out);
        int clusters = out.size();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 5; i++) {
            pipeline.process(frame.cloud(), prior, out);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(clusters, out.size());
        // the counter itself may cost a few bytes; a sweep that allocated would show kilobytes at least
        assertTrue(allocated < 256, "5 sweeps allocated " + allocated + " bytes");
    }

    /**
     * The cluster stage's pipeline before the clock: grown on a smaller sweep (the first 60 % of the frame's points),
     * then {@link LidarObstaclePipeline#reserveHeadroom} and {@link ObstacleClusters#reserveMembers}, it allocates
     * far less on the whole frame than a pipeline that grows there, and clusters it the same.
     */
    @Test
    void headroomReservedOnASmallerSweepSparesTheGrowthOnALargerOne() throws Exception {
        KittiObjectFrame frame = KittiObjectFrame.load("000001");
        com.sun.management.ThreadMXBean threads = allocationCounter();
        org.avfusion.drivers.frame.PointCloud full = frame.cloud();
        org.avfusion.drivers.frame.PointCloud part = new org.avfusion.drivers.frame.PointCloud(full.size());
        for (int i = 0; i < full.size() * 6 / 10; i++) {
            part.add(full.xArray()[i], full.yArray()[i], full.zArray()[i], 0f, 0, 0);
        }
        GroundPrior prior = frame.prior();
        long[] allocated = new long[2];
        int[] clusters = new int[2];
        for (int reserved = 0; reserved < 2; reserved++) {
            LidarObstaclePipeline pipeline = new LidarObstaclePipeline(ClusterConfig.DEFAULTS);
            ObstacleClusters out = new ObstacleClusters();
            pipeline.process(part, prior, out);
            if (reserved == 1) {
                pipeline.reserveHeadroom(2.0);
                out.reserveMembers(2 * pipeline.mostMembers());
            }
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            pipeline.process(full, prior, out);
            allocated[reserved] = threads.getThreadAllocatedBytes(id) - before;
            clusters[reserved] = out.size();
        }
        System.out.printf("KITTI 000001 after 60 %% of it: %d bytes allocated with headroom, %d without%n",
                allocated[1], allocated[0]);
        assertEquals(clusters[0], clusters[1], "the same clusters");
        assertTrue(allocated[1] < allocated[0] / 4, "with headroom " + allocated[1] + " bytes, without "
                + allocated[0]);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new LidarObstaclePipeline(ClusterConfig.DEFAULTS).reserveHeadroom(0.5));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
    }

    /** HotSpot's per-thread allocation counter, turned on; the test is skipped on a JVM without one. */
    private static com.sun.management.ThreadMXBean allocationCounter() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter not supported");
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }
}
