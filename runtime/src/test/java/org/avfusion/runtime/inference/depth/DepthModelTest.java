package org.avfusion.runtime.inference.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.avfusion.runtime.inference.ModelLoadException;
import org.avfusion.runtime.inference.SessionConfig;
import org.avfusion.runtime.perceive.depth.DepthFitConfig;
import org.avfusion.runtime.perceive.depth.DepthScaleFit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated ONNX model (one 1x1 Conv, weights [1, 0, 0], bias 0: output = input channel 0) stands in for a
 * MiDaS-style network. Channel 0 carries {@code A/depth + B} of a synthetic depth field, channels 1 and 2 noise;
 * sparse "lidar" samples (every 5th pixel) scale the output back to metres, checked on the held-out pixels.
 */
class DepthModelTest {
    private static final int H = 24;
    private static final int W = 32;
    private static final double A = 2.5;
    private static final double B = 0.4;
    private static final long SEED = 20261127L;

    @TempDir
    Path dir;

    private Path model(float[][] weights, float[] bias) throws Exception {
        Path file = dir.resolve("depth.onnx");
        Files.write(file, OnnxModelWriter.conv1x1(H, W, weights, bias));
        return file;
    }

    private static float trueDepth(int p) {
        int u = p % W, v = p / W;
        return (float) (5 + 25.0 * v / H + 3 * Math.sin(0.3 * u));
    }

    @Test
    void generatedModelOutputsChannelZeroAndTheFitMakesItMetric() throws Exception {
        Random random = new Random(SEED);
        int n = H * W;
        float[] inverse = new float[n];
        float[] lidar = new float[n];
        try (DepthModel depth = DepthModel.open(SessionConfig.cpu(model(new float[][] {{1, 0, 0}}, new float[] {0})),
                H, W)) {
            FloatBuffer in = depth.input();
            for (int p = 0; p < n; p++) {
                in.put(p, (float) (A / trueDepth(p) + B));
                in.put(n + p, random.nextFloat());
                in.put(2 * n + p, random.nextFloat() * 100);
            }
            depth.run();
            assertEquals(n, depth.copyInverseDepth(inverse));
            for (int p = 0; p < n; p++) {
                assertEquals(in.get(p), inverse[p], 1e-6f, "output pixel " + p + " should be input channel 0");
            }
        }
        Arrays.fill(lidar, Float.NaN);
        for (int p = 0; p < n; p += 5) {
            lidar[p] = trueDepth(p);
        }
        DepthScaleFit fit = new DepthScaleFit(DepthFitConfig.DEFAULT, n);
        assertTrue(fit.fit(inverse, lidar, n));
        float[] metric = new float[n];
        assertEquals(n, fit.toMetric(inverse, metric, n));
        double worst = 0;
        for (int p = 0; p < n; p++) {
            if (p % 5 != 0) {
                worst = Math.max(worst, Math.abs(metric[p] - trueDepth(p)) / trueDepth(p));
            }
        }
        assertTrue(worst < 0.01, "worst held-out relative error " + worst);
    }

    @Test
    void aModelWithTwoOutputChannelsIsRejectedAtStartUp() throws Exception {
        Path file = model(new float[][] {{1, 0, 0}, {0, 1, 0}}, new float[] {0, 0});
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> DepthModel.open(SessionConfig.cpu(file), H, W));
        assertTrue(e.getMessage().contains("[1, 2, 24, 32]"), e.getMessage());
    }

    @Test
    void aModelForAnotherSizeIsRejectedAtStartUp() throws Exception {
        Path file = model(new float[][] {{1, 0, 0}}, new float[] {0});
        assertThrows(ModelLoadException.class, () -> DepthModel.open(SessionConfig.cpu(file), H * 2, W));
    }
}
