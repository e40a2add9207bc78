package org.avfusion.runtime.perceive.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The depth model's input and its metric output: a synthetic scene whose inverse depth the "model" gives as
 * {@code A/depth + B} at 32x24, brought to a 64x48 camera and scaled against lidar on every 7th pixel; without lidar
 * the last fit is held, and without any fit there is no depth.
 */
class ModelDepthScalerTest {
    private static final int IW = 32, IH = 24, CW = 64, CH = 48;
    private static final double A = 3.0, B = 0.2;

    private static double depth(int u, int v) {
        return 4 + 30.0 * v / CH + 2 * Math.sin(0.2 * u);
    }

    /** The model's output: the camera scene sampled at the input pixel centres. */
    private static float[] modelInverse() {
        float[] inv = new float[IW * IH];
        for (int y = 0; y < IH; y++) {
            for (int x = 0; x < IW; x++) {
                inv[y * IW + x] = (float) (A / depth(2 * x, 2 * y) + B);
            }
        }
        return inv;
    }

    private static float[] lidar() {
        float[] l = new float[CW * CH];
        Arrays.fill(l, Float.NaN);
        for (int p = 0; p < l.length; p += 7) {
            l[p] = (float) depth(p % CW - (p % CW) % 2, p / CW - (p / CW) % 2);
        }
        return l;
    }

    @Test
    void theModelsInverseDepthIsMadeMetricAgainstLidarAndTheFitIsHeldWithoutIt() {
        ModelDepthScaler scaler = new ModelDepthScaler(DepthFitConfig.DEFAULT, CW, CH);
        float[] metric = new float[CW * CH];
        assertTrue(scaler.toMetric(modelInverse(), IW, IH, lidar(), metric));
        double worst = worst(metric);
        assertTrue(worst < 0.01, "worst relative error with lidar " + worst);
        float[] held = new float[CW * CH];
        assertTrue(scaler.toMetric(modelInverse(), IW, IH, null, held), "no sweep: the last fit is held");
        assertEquals(worst, worst(held), 1e-9);
        assertEquals(1, scaler.fitCount());
        assertEquals(1, scaler.heldFitCount());
    }

    @Test
    void withoutAnyFitThereIsNoDepth() {
        ModelDepthScaler scaler = new ModelDepthScaler(DepthFitConfig.DEFAULT, CW, CH);
        float[] metric = new float[CW * CH];
        assertFalse(scaler.toMetric(modelInverse(), IW, IH, null, metric), "never a sweep: no scale");
        float[] noLidar = new float[CW * CH];
        Arrays.fill(noLidar, Float.NaN);
        assertFalse(scaler.toMetric(modelInverse(), IW, IH, noLidar, metric), "a sweep with nothing in view");
        assertTrue(Float.isNaN(metric[0]) && Float.isNaN(metric[metric.length - 1]));
        assertEquals(1, scaler.failedFitCount());
    }

    @Test
    void theInputIsRgbImageNetNormalisedAndNearestResized() {
        // a 2x1 BGR image: a pure blue pixel, then a white one; resized to 4x2 the left half is blue
        ByteBuffer bgr = ByteBuffer.wrap(new byte[] {(byte) 255, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        FloatBuffer in = FloatBuffer.allocate(3 * 4 * 2);
        ModelDepthScaler.writeInput(bgr, 2, 1, in, 4, 2);
        float red = (0 - 0.485f) / 0.229f, blue = (1 - 0.406f) / 0.225f, whiteRed = (1 - 0.485f) / 0.229f;
        assertEquals(red, in.get(0), 1e-6f, "channel 0 is red: none at the blue pixel");
        assertEquals(blue, in.get(2 * 8), 1e-6f, "channel 2 is blue");
        assertEquals(whiteRed, in.get(3), 1e-6f, "the right half is the white pixel");
        assertEquals(red, in.get(4 + 1), 1e-6f, "second row, left half: the blue pixel again");
    }

    private static double worst(float[] metric) {
        double worst = 0;
        for (int v = 0; v < CH; v++) {
            for (int u = 0; u < CW; u++) {
                double d = depth(u - u % 2, v - v % 2);
                worst = Math.max(worst, Math.abs(metric[v * CW + u] - d) / d);
            }
        }
        return worst;
    }
}
