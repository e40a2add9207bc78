package org.avfusion.runtime.perceive.detect;

import java.nio.FloatBuffer;

/**
 * Turns a detection model's raw outputs into candidate boxes in source-image pixels (before NMS). Implementations
 * are final, one per {@link DetectionLayout}, and allocate nothing per call.
 *
 * <p>Contract: {@code outputs[k]} holds output {@code k} in the order {@link #outputElements(int)} describes, as
 * row-major floats read with absolute gets (positions and limits are not changed). Boxes are mapped back through
 * {@code letterbox}, clipped to the source image, and appended to {@code candidates} (which is not cleared). Not
 * thread-safe: one decoder per detector.
 */
public interface DetectionDecoder {
    /** How many output tensors the decoder reads. */
    int outputCount();

    /** The number of floats output {@code k} must hold (checked against the model at start-up). */
    long outputElements(int k);

    /** Appends every candidate whose score is at least {@code scoreThreshold}. */
    void decode(FloatBuffer[] outputs, Letterbox letterbox, float scoreThreshold, DetectionList candidates);

    /** Clips a decoded input-space box to the source image and appends it unless it is empty. */
    static void emit(Letterbox lb, float ix1, float iy1, float ix2, float iy2, float score, int cls,
                     DetectionList candidates) {
        float x1 = clamp(lb.toSourceX(ix1), lb.sourceWidth());
        float y1 = clamp(lb.toSourceY(iy1), lb.sourceHeight());
        float x2 = clamp(lb.toSourceX(ix2), lb.sourceWidth());
        float y2 = clamp(lb.toSourceY(iy2), lb.sourceHeight());
        if (x2 > x1 && y2 > y1) {
            candidates.add(x1, y1, x2, y2, score, cls);
        }
    }

    private static float clamp(float v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
