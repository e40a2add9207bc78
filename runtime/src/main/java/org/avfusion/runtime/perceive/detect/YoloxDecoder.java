package org.avfusion.runtime.perceive.detect;

import java.nio.FloatBuffer;

/**
 * Decodes the YOLOX head exported without in-model decoding: one output {@code [1, cells, 5 + classes]}, per cell
 * {@code (dx, dy, log w, log h, objectness, class scores)} with sigmoids already applied to objectness and classes,
 * cells ordered stride by stride (8, 16, 32), row-major within a stride. Box centre {@code (d + grid) * stride},
 * size {@code exp(log) * stride}, score {@code objectness * best class score} (Ge et al., "YOLOX: Exceeding YOLO
 * Series in 2021", and the {@code demo_postprocess} of the YOLOX repository).
 */
public final class YoloxDecoder implements DetectionDecoder {
    private final int classes;
    private final int stridePerCell;
    private final float[] gridX;
    private final float[] gridY;
    private final float[] stride;

    /**
     * @param inputWidth model input width, pixels (416 for yolox_nano)
     * @param inputHeight model input height, pixels
     * @param classes number of class scores per cell (80 for COCO)
     * @param strides feature strides, in output order (8, 16, 32)
     */
    public YoloxDecoder(int inputWidth, int inputHeight, int classes, int... strides) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, was " + classes);
        }
        if (strides.length == 0) {
            throw new IllegalArgumentException("at least one stride is needed");
        }
        int cells = 0;
        for (int s : strides) {
            if (s < 1 || inputWidth % s != 0 || inputHeight % s != 0) {
                throw new IllegalArgumentException("stride " + s + " must divide the input " + inputWidth + "x"
                        + inputHeight);
            }
            cells += (inputWidth / s) * (inputHeight / s);
        }
        this.classes = classes;
        this.stridePerCell = 5 + classes;
        gridX = new float[cells];
        gridY = new float[cells];
        stride = new float[cells];
        int i = 0;
        for (int s : strides) {
            int w = inputWidth / s;
            int h = inputHeight / s;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    gridX[i] = x;
                    gridY[i] = y;
                    stride[i] = s;
                    i++;
                }
            }
        }
    }

    /** The number of cells (3549 for a 416 x 416 input with strides 8, 16, 32). */
    public int cells() {
        return gridX.length;
    }

    @Override
    public int outputCount() {
        return 1;
    }

    @Override
    public long outputElements(int k) {
        if (k != 0) {
            throw new IndexOutOfBoundsException("YOLOX has one output, asked for " + k);
        }
        return (long) gridX.length * stridePerCell;
    }

    @Override
    public void decode(FloatBuffer[] outputs, Letterbox letterbox, float scoreThreshold, DetectionList candidates) {
        FloatBuffer out = outputs[0];
        for (int i = 0; i < gridX.length; i++) {
            int base = i * stridePerCell;
            float objectness = out.get(base + 4);
            if (objectness < scoreThreshold) {
                continue; // class scores are <= 1, so the product cannot reach the threshold
            }
            int best = 0;
            float bestScore = out.get(base + 5);
            for (int c = 1; c < classes; c++) {
                float v = out.get(base + 5 + c);
                if (v > bestScore) {
                    bestScore = v;
                    best = c;
                }
            }
            float score = objectness * bestScore;
            if (score < scoreThreshold) {
                continue;
            }
            float s = stride[i];
            float cx = (out.get(base) + gridX[i]) * s;
            float cy = (out.get(base + 1) + gridY[i]) * s;
            float hw = (float) Math.exp(out.get(base + 2)) * s * 0.5f;
            float hh = (float) Math.exp(out.get(base + 3)) * s * 0.5f;
            DetectionDecoder.emit(letterbox, cx - hw, cy - hh, cx + hw, cy + hh, score, best, candidates);
        }
    }
}
