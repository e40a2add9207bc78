package org.avfusion.runtime.perceive.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A synthetic depth field; the "model" reports {@code a/depth + b} (relative inverse depth), the "lidar" the true
 * depth at every 7th pixel. Pixels that are not lidar samples are held out and checked.
 */
class DepthScaleFitTest {
    private static final int W = 80;
    private static final int H = 60;
    private static final double A = 3.7;
    private static final double B = 0.25;

    private final float[] truth = new float[W * H];
    private final float[] model = new float[W * H];
    private final float[] lidar = new float[W * H];

    DepthScaleFitTest() {
        for (int v = 0; v < H; v++) {
            for (int u = 0; u < W; u++) {
                int p = v * W + u;
                truth[p] = DepthFixtures.trueDepthMeters(u, v, W, H);
                model[p] = (float) (A / truth[p] + B);
                lidar[p] = p % 7 == 0 ? truth[p] : Float.NaN;
            }
        }
    }

    private double worstHeldOutError(DepthScaleFit fit) {
        float[] metric = new float[W * H];
        fit.toMetric(model, metric, W * H);
        double worst = 0;
        for (int p = 0; p < W * H; p++) {
            if (p % 7 != 0) {
                worst = Math.max(worst, Math.abs(metric[p] - truth[p]) / truth[p]);
            }
        }
        return worst;
    }

    @Test
    void recoversScaleAndShiftFromCleanSamples() {
        DepthScaleFit fit = new DepthScaleFit(DepthFitConfig.DEFAULT, W * H);
        assertTrue(fit.fit(model, lidar, W * H));
        assertEquals(1 / A, fit.scale(), 1e-4);
        assertEquals(-B / A, fit.shift(), 1e-4);
        assertTrue(worstHeldOutError(fit) < 1e-3, "worst held-out error " + worstHeldOutError(fit));
    }

    @Test
    void thirtyPercentOutliersAndNoiseStayWithinOnePercent() {
        Random random = new Random(DepthFixtures.SEED);
        int outliers = 0, samples = 0;
        for (int p = 0; p < W * H; p++) {
            if (Float.isNaN(lidar[p])) {
                continue;
            }
            samples++;
            if (random.nextDouble() < 0.3) {
                lidar[p] = (float) (1 + 60 * random.nextDouble());
                outliers++;
            } else {
                lidar[p] *= (float) (1 + 0.003 * random.nextGaussian());
            }
        }
        assertTrue(outliers > 0.25 * samples, outliers + " outliers of " + samples);
        DepthScaleFit fit = new DepthScaleFit(DepthFitConfig.DEFAULT, W * H);
        assertTrue(fit.fit(model, lidar, W * H));
        double worst = worstHeldOutError(fit);
        assertTrue(worst < 0.01, "worst held-out relative error " + worst);
        assertTrue(fit.inlierCount() < samples - outliers / 2, "outliers should not count as inliers");
    }

    @Test
    void plainLeastSquaresWouldFailOnTheSameOutliers() {
        // the reference a robust fit must beat: one least-squares pass over every sample, outliers included
        Random random = new Random(DepthFixtures.SEED);
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int p = 0; p < W * H; p += 7) {
            double d = random.nextDouble() < 0.3 ? 1 + 60 * random.nextDouble() : truth[p];
            double x = model[p], y = 1 / d;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            n++;
        }
        double s = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        assertTrue(Math.abs(s - 1 / A) > 0.05 / A, "least squares scale " + s + " vs " + 1 / A);
    }

    @Test
    void tooFewLidarPixelsGiveNoFit() {
        Arrays.fill(lidar, Float.NaN);
        lidar[0] = truth[0];
        lidar[5] = 0f;
        lidar[9] = -3f;
        DepthScaleFit fit = new DepthScaleFit(DepthFitConfig.DEFAULT, W * H);
        assertFalse(fit.fit(model, lidar, W * H));
        assertEquals(1, fit.sampleCount(), "zero and negative depths are not samples");
        assertTrue(Double.isNaN(fit.scale()));
        float[] metric = new float[W * H];
        assertEquals(0, fit.toMetric(model, metric, W * H));
        assertTrue(Float.isNaN(metric[0]));
    }

    @Test
    void equalInputsGiveEqualFits() {
        DepthScaleFit one = new DepthScaleFit(DepthFitConfig.DEFAULT, W * H);
        DepthScaleFit two = new DepthScaleFit(DepthFitConfig.DEFAULT, W * H);
        lidar[14] = 50f;
        one.fit(model, lidar, W * H);
        two.fit(model, lidar, W * H);
        one.fit(model, lidar, W * H);
        assertEquals(two.scale(), one.scale());
        assertEquals(two.shift(), one.shift());
    }
}
