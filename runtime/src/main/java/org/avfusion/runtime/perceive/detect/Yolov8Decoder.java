package org.avfusion.runtime.perceive.detect;

import java.nio.FloatBuffer;

/**
 * Decodes the YOLOv8 / YOLO11 detection export: one output {@code [1, 4 + classes, anchors]}, channel-major, so
 * anchor {@code j}'s value of channel {@code k} is at {@code k * anchors + j}. Channels 0..3 are the box centre and
 * size already in model-input pixels; the rest are class scores (sigmoid applied); there is no objectness, the
 * score is the best class score (Ultralytics {@code ops.non_max_suppression}).
 */
public final class Yolov8Decoder implements DetectionDecoder {
    private final int classes;
    private final int anchors;

    /**
     * @param classes class channels (80 for COCO)
     * @param anchors anchor points ({@code 8400} for a 640 x 640 input with strides 8, 16, 32)
     */
    public Yolov8Decoder(int classes, int anchors) {
        if (classes < 1 || anchors < 1) {
            throw new IllegalArgumentException("classes and anchors must be >= 1, were " + classes + ", " + anchors);
        }
        this.classes = classes;
        this.anchors = anchors;
    }

    /** Anchor points of an input with the usual strides 8, 16 and 32. */
    public static int anchorsFor(int inputWidth, int inputHeight) {
        int n = 0;
        for (int s = 8; s <= 32; s *= 2) {
            n += (inputWidth / s) * (inputHeight / s);
        }
        return n;
    }

    @Override
    public int outputCount() {
        return 1;
    }

    @Override
    public long outputElements(int k) {
        if (k != 0) {
            throw new IndexOutOfBoundsException("YOLOv8 has one output, asked for " + k);
        }
        return (long) (4 + classes) * anchors;
    }

    @Override
    public void decode(FloatBuffer[] outputs, Letterbox letterbox, float scoreThreshold, DetectionList candidates) {
        FloatBuffer out = outputs[0];
        for (int j = 0; j < anchors; j++) {
            int best = 0;
            float bestScore = out.get(4 * anchors + j);
            for (int c = 1; c < classes; c++) {
                float v = out.get((4 + c) * anchors + j);
                if (v > bestScore) {
                    bestScore = v;
                    best = c;
                }
            }
            if (bestScore < scoreThreshold) {
                continue;
            }
            float cx = out.get(j);
            float cy = out.get(anchors + j);
            float hw = out.get(2 * anchors + j) * 0.5f;
            float hh = out.get(3 * anchors + j) * 0.5f;
            DetectionDecoder.emit(letterbox, cx - hw, cy - hh, cx + hw, cy + hh, bestScore, best, candidates);
        }
    }
}
