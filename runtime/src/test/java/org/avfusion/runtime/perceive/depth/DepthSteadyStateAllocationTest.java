package org.avfusion.runtime.perceive.depth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Rendering lidar depth, densifying it, scaling model depth and estimating detection depths allocate nothing per
 * frame once warm (HotSpot's per-thread allocation counter).
 */
class DepthSteadyStateAllocationTest {
    private static final int W = 160;
    private static final int H = 120;

    @Test
    void aSteadyFrameAllocatesNothing() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter not supported");
        threads.setThreadAllocatedMemoryEnabled(true);

        PointProjector camera = DepthFixtures.camera(W, H);
        java.util.Random random = new java.util.Random(DepthFixtures.SEED);
        int n = 5000;
        float[] points = new float[3 * n];
        for (int i = 0; i < n; i++) {
            points[3 * i] = (float) (random.nextDouble() * 20 - 10);
            points[3 * i + 1] = (float) (random.nextDouble() * 10 - 5);
            points[3 * i + 2] = (float) (4 + random.nextDouble() * 30);
        }
        float[] model = new float[W * H];
        for (int p = 0; p < W * H; p++) {
            model[p] = (float) (2.0 / DepthFixtures.trueDepthMeters(p % W, p / W, W, H) + 0.1);
        }
        float[] metric = new float[W * H];
        LidarDepthImage image = new LidarDepthImage(W, H, n);
        DepthScaleFit fit = new DepthScaleFit(DepthFitConfig.DEFAULT, W * H);
        DetectionDepth depth = new DetectionDepth(DetectionDepthConfig.DEFAULT, 1 << 14);
        DetectionList boxes = new DetectionList(4);
        boxes.add(10, 10, 60, 90, 0.9f, 0);
        boxes.add(100, 20, 150, 110, 0.8f, 2);
        DepthEstimates out = new DepthEstimates(4);

        Runnable frame = () -> {
            image.render(camera, points, 0, 3, n);
            image.densify(2);
            fit.fit(model, image.sparseDepthMeters(), W * H);
            fit.toMetric(model, metric, W * H);
            depth.estimate(boxes, image.sparseDepthMeters(), metric, W, H, out);
        };
        long id = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 50; i++) {
            frame.run();
        }
        // the least of a few rounds: a per-frame allocation shows in every round, a one-off (a JIT deoptimisation
        // rematerialising an object, the counter's own first use) in one only
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 5; i++) {
                frame.run();
            }
            least = Math.min(least, threads.getThreadAllocatedBytes(id) - before);
        }
        assertTrue(least < 64, "5 frames allocated at least " + least + " bytes");
    }
}
