package org.avfusion.runtime.perceive.depth;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The pure halves of running a MiDaS-style monocular depth model on a camera image: {@link #writeInput} resizes the
 * BGR image to the model's input (nearest neighbour), turns it to RGB and normalises it with the ImageNet mean and
 * standard deviation the MiDaS, DPT and Depth-Anything models are trained with (Ranftl et al., TPAMI 2020);
 * {@link #toMetric} brings the model's relative inverse depth back to the camera's resolution and makes it metric
 * with a {@link DepthScaleFit} against the lidar depth of the same image.
 *
 * <p>Without lidar depth (a lidar dropout) the last fit is held: the scene's scale changes slowly, and this is what
 * keeps the model's depth metric while the lidar is gone. A fit that fails on a sweep gives no depth until one
 * succeeds. Buffers are allocated in the constructor; nothing per frame. Not thread-safe: one stage thread.
 */
public final class ModelDepthScaler {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final int widthPixels;
    private final int heightPixels;
    private final DepthScaleFit fit;
    private final float[] inverse;
    private boolean fitted;
    private long fits;
    private long failedFits;
    private long heldFits;

    /** @param widthPixels the camera's width; @param heightPixels its height */
    public ModelDepthScaler(DepthFitConfig config, int widthPixels, int heightPixels) {
        if (widthPixels < 1 || heightPixels < 1) {
            throw new IllegalArgumentException("camera size must be positive, was " + widthPixels + "x"
                    + heightPixels);
        }
        this.widthPixels = widthPixels;
        this.heightPixels = heightPixels;
        this.fit = new DepthScaleFit(Objects.requireNonNull(config, "config"), widthPixels * heightPixels);
        this.inverse = new float[widthPixels * heightPixels];
    }

    /**
     * Writes a BGR image ({@code imageWidth x imageHeight x 3} bytes, row-major) into a model input of
     * {@code 3 x inputHeight x inputWidth} floats, CHW, RGB, ImageNet-normalised; absolute puts.
     */
    public static void writeInput(ByteBuffer bgr, int imageWidth, int imageHeight, FloatBuffer input, int inputWidth,
            int inputHeight) {
        int plane = inputWidth * inputHeight;
        for (int y = 0; y < inputHeight; y++) {
            int sy = Math.min(imageHeight - 1, (int) ((y + 0.5) * imageHeight / inputHeight));
            for (int x = 0; x < inputWidth; x++) {
                int sx = Math.min(imageWidth - 1, (int) ((x + 0.5) * imageWidth / inputWidth));
                int s = 3 * (sy * imageWidth + sx);
                int p = y * inputWidth + x;
                for (int c = 0; c < 3; c++) {
                    float v = (bgr.get(s + 2 - c) & 0xFF) / 255f; // RGB from BGR
                    input.put(c * plane + p, (v - MEAN[c]) / STD[c]);
                }
            }
        }
    }

    /**
     * The model's output made metric at the camera's resolution.
     *
     * @param modelInverse     the model's inverse depth, {@code inputWidth x inputHeight}, row-major
     * @param lidarDepthMeters the lidar depth image at the camera's resolution (NaN or 0 where none), or null when the
     *                         set has no sweep: the last fit is held
     * @param outMeters        metric depth at the camera's resolution; all NaN when there is no fit
     * @return whether {@code outMeters} holds a depth
     */
    public boolean toMetric(float[] modelInverse, int inputWidth, int inputHeight, float[] lidarDepthMeters,
            float[] outMeters) {
        int n = widthPixels * heightPixels;
        for (int v = 0; v < heightPixels; v++) {
            int sv = Math.min(inputHeight - 1, (int) ((v + 0.5) * inputHeight / heightPixels));
            for (int u = 0; u < widthPixels; u++) {
                int su = Math.min(inputWidth - 1, (int) ((u + 0.5) * inputWidth / widthPixels));
                inverse[v * widthPixels + u] = modelInverse[sv * inputWidth + su];
            }
        }
        if (lidarDepthMeters != null) {
            fitted = fit.fit(inverse, lidarDepthMeters, n);
            fits++;
            if (!fitted) {
                failedFits++;
            }
        } else if (fitted) {
            heldFits++;
        }
        if (!fitted) {
            Arrays.fill(outMeters, 0, n, Float.NaN);
            return false;
        }
        return fit.toMetric(inverse, outMeters, n) > 0;
    }

    public int widthPixels() {
        return widthPixels;
    }

    public int heightPixels() {
        return heightPixels;
    }

    /** Fits tried (sets with a sweep). */
    public long fitCount() {
        return fits;
    }

    /** Of those, the ones that found no fit. */
    public long failedFitCount() {
        return failedFits;
    }

    /** Images made metric with a held fit (sets without a sweep). */
    public long heldFitCount() {
        return heldFits;
    }

    /** The fit in use (its scale and shift; NaN without one). */
    public DepthScaleFit fit() {
        return fit;
    }
}
