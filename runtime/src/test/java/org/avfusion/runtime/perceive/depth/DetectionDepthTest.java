package org.avfusion.runtime.perceive.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.junit.jupiter.api.Test;

/**
 * A 100 x 80 depth image: a background wall at 12 m everywhere, and a person at 8 m covering a third of the box
 * (20, 10)-(70, 70).
 */
class DetectionDepthTest {
    private static final int W = 100;
    private static final int H = 80;

    private final float[] lidar = new float[W * H];
    private final DetectionList boxes = new DetectionList(8);
    private final DepthEstimates out = new DepthEstimates(8);
    private final DetectionDepth depth = new DetectionDepth(DetectionDepthConfig.DEFAULT, 1 << 14);

    DetectionDepthTest() {
        Random random = new Random(DepthFixtures.SEED);
        for (int v = 0; v < H; v++) {
            for (int u = 0; u < W; u++) {
                boolean person = u >= 35 && u < 52 && v >= 10 && v < 70;
                lidar[v * W + u] = (float) ((person ? 8 : 12) + 0.1 * random.nextGaussian());
            }
        }
        boxes.add(20, 10, 70, 70, 0.9f, 0);
    }

    @Test
    void theNearestModeIsThePersonNotTheBackgroundMedian() {
        depth.estimate(boxes, lidar, null, W, H, out);
        assertEquals(DepthSource.LIDAR, out.source(0));
        assertEquals(8.0, out.depthMeters(0), 0.05);
        assertEquals(0.135, out.spreadMeters(0), 0.03, "IQR of N(0, 0.1): 1.35 sigma");
        assertEquals(17 * 60, out.pointCount(0), 10);
    }

    @Test
    void aFewNearStraysBelowThePeakFractionAreIgnored() {
        for (int k = 0; k < 20; k++) {
            lidar[(15 + k) * W + 25] = 3f;
        }
        depth.estimate(boxes, lidar, null, W, H, out);
        assertEquals(8.0, out.depthMeters(0), 0.05);
    }

    @Test
    void aBoxWithoutLidarFallsBackToTheModel() {
        Arrays.fill(lidar, Float.NaN);
        float[] model = new float[W * H];
        Arrays.fill(model, 20f);
        depth.estimate(boxes, lidar, model, W, H, out);
        assertEquals(DepthSource.MODEL, out.source(0));
        assertEquals(20f, out.depthMeters(0), 1e-4);
        assertEquals(0f, out.spreadMeters(0), 1e-4);
    }

    @Test
    void aBoxWithoutAnyDepthIsNoneWithNaNs() {
        Arrays.fill(lidar, Float.NaN);
        depth.estimate(boxes, lidar, null, W, H, out);
        assertEquals(DepthSource.NONE, out.source(0));
        assertTrue(Float.isNaN(out.depthMeters(0)));
        assertTrue(Float.isNaN(out.spreadMeters(0)));
        assertEquals(0, out.pointCount(0));
    }

    @Test
    void aBoxOutsideTheImageIsNone() {
        boxes.clear();
        boxes.add(150, 100, 180, 120, 0.5f, 0);
        depth.estimate(boxes, lidar, null, W, H, out);
        assertEquals(DepthSource.NONE, out.source(0));
    }

    @Test
    void aBoxLargerThanTheBufferIsSampledAndCounted() {
        DetectionDepth small = new DetectionDepth(DetectionDepthConfig.DEFAULT, 500);
        small.estimate(boxes, lidar, null, W, H, out);
        assertEquals(8.0, out.depthMeters(0), 0.05);
        assertEquals(1, small.truncatedBoxes());
    }
}
