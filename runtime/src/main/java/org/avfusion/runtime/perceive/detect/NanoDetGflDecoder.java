package org.avfusion.runtime.perceive.detect;

import java.nio.FloatBuffer;

/**
 * Decodes the NanoDet head (Generalized Focal Loss, Li et al. 2020): per stride a class-score output
 * {@code [1, N, classes]} (sigmoid applied) and a distribution output {@code [1, N, 4 * bins]}: for each side
 * (left, top, right, bottom) {@code bins} logits whose softmax expectation {@code sum(p_k * k)}, times the stride,
 * is the distance from the cell's centre {@code (x * stride + (stride - 1) / 2, y * stride + (stride - 1) / 2)}
 * (NanoDet's ONNX demo). Cells are row-major within a stride.
 *
 * <p>Output order: the class outputs of every stride, ascending, then the distribution outputs in the same order
 * (what nanodet_m_320.onnx names {@code cls_pred_stride_8 .. 32, dis_pred_stride_8 .. 32}).
 */
public final class NanoDetGflDecoder implements DetectionDecoder {
    private final int classes;
    private final int bins;
    private final int[] strides;
    private final int[] cellsPerStride;
    private final int[] widthPerStride;
    private final float[] softmax;

    /**
     * @param inputWidth model input width, pixels (320 for nanodet_m_320)
     * @param inputHeight model input height, pixels
     * @param classes class scores per cell (80 for COCO)
     * @param bins distribution bins per side ({@code reg_max + 1}, 8 for NanoDet-m)
     * @param strides feature strides, ascending (8, 16, 32)
     */
    public NanoDetGflDecoder(int inputWidth, int inputHeight, int classes, int bins, int... strides) {
        if (classes < 1 || bins < 2 || strides.length == 0) {
            throw new IllegalArgumentException("need classes >= 1, bins >= 2 and a stride, had " + classes + ", "
                    + bins + ", " + strides.length);
        }
        this.classes = classes;
        this.bins = bins;
        this.strides = strides.clone();
        cellsPerStride = new int[strides.length];
        widthPerStride = new int[strides.length];
        for (int k = 0; k < strides.length; k++) {
            int s = strides[k];
            if (s < 1) {
                throw new IllegalArgumentException("stride must be >= 1, was " + s);
            }
            widthPerStride[k] = (inputWidth + s - 1) / s;
            cellsPerStride[k] = widthPerStride[k] * ((inputHeight + s - 1) / s);
        }
        softmax = new float[bins];
    }

    @Override
    public int outputCount() {
        return 2 * strides.length;
    }

    @Override
    public long outputElements(int k) {
        int level = k % strides.length;
        return (long) cellsPerStride[level] * (k < strides.length ? classes : 4 * bins);
    }

    @Override
    public void decode(FloatBuffer[] outputs, Letterbox letterbox, float scoreThreshold, DetectionList candidates) {
        for (int level = 0; level < strides.length; level++) {
            FloatBuffer cls = outputs[level];
            FloatBuffer dis = outputs[strides.length + level];
            int s = strides[level];
            int w = widthPerStride[level];
            float centreOffset = (s - 1) * 0.5f;
            for (int i = 0; i < cellsPerStride[level]; i++) {
                int base = i * classes;
                int best = 0;
                float bestScore = cls.get(base);
                for (int c = 1; c < classes; c++) {
                    float v = cls.get(base + c);
                    if (v > bestScore) {
                        bestScore = v;
                        best = c;
                    }
                }
                if (bestScore < scoreThreshold) {
                    continue;
                }
                float cx = (i % w) * s + centreOffset;
                float cy = (i / w) * s + centreOffset;
                int d = i * 4 * bins;
                float left = expectation(dis, d) * s;
                float top = expectation(dis, d + bins) * s;
                float right = expectation(dis, d + 2 * bins) * s;
                float bottom = expectation(dis, d + 3 * bins) * s;
                DetectionDecoder.emit(letterbox, cx - left, cy - top, cx + right, cy + bottom, bestScore, best,
                        candidates);
            }
        }
    }

    /** Softmax expectation of {@code bins} logits starting at {@code offset}, in bins (0 .. bins - 1). */
    private float expectation(FloatBuffer dis, int offset) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < bins; k++) {
            max = Math.max(max, dis.get(offset + k));
        }
        float sum = 0;
        for (int k = 0; k < bins; k++) {
            float e = (float) Math.exp(dis.get(offset + k) - max);
            softmax[k] = e;
            sum += e;
        }
        float expected = 0;
        for (int k = 0; k < bins; k++) {
            expected += softmax[k] * k;
        }
        return expected / sum;
    }
}
