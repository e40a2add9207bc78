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
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter not supported");
        threads.setThreadAllocatedMemoryEnabled(true);
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
}
