package org.avfusion.runtime.inference;

import java.nio.file.Path;
import java.util.Objects;
import org.avfusion.runtime.inference.preprocess.Normalization;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.perceive.detect.LetterboxAnchor;

/**
 * Everything a {@link CameraDetector} needs, validated when built. {@link #forModel} gives the defaults of each
 * layout (the pretrained models' input size, padding and normalisation); the {@code with*} methods change one thing.
 *
 * @param session the ONNX model and how to run it
 * @param layout output layout, which picks the decoder
 * @param inputWidth model input width, pixels (checked against the model at start-up)
 * @param inputHeight model input height, pixels
 * @param normalization pad value and per-channel mean / std (B, G, R)
 * @param anchor where the letterboxed image sits in the input
 * @param scoreThreshold least score a detection keeps (0..1)
 * @param nmsIou IoU above which NMS suppresses the weaker box of a class (0..1)
 * @param maxDetections most detections per image after NMS
 * @param maxCandidates most candidates per image before NMS (more are dropped and counted)
 * @param tiled also run over native-resolution tiles of the horizon band (for small, far objects)
 * @param horizonFraction the band's centre as a fraction of the image height (0..1; KITTI's horizon sits near 0.47)
 * @param tileOverlapPixels least horizontal overlap of neighbouring tiles, pixels
 */
public record DetectorConfig(SessionConfig session, DetectionLayout layout, int inputWidth, int inputHeight,
                             Normalization normalization, LetterboxAnchor anchor, float scoreThreshold, float nmsIou,
                             int maxDetections, int maxCandidates, boolean tiled, double horizonFraction,
                             int tileOverlapPixels) {
    public DetectorConfig {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(anchor, "anchor");
        if (inputWidth < 32 || inputHeight < 32) {
            throw new IllegalArgumentException("input size must be at least 32x32, was " + inputWidth + "x"
                    + inputHeight);
        }
        if (!(scoreThreshold > 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in (0, 1], was " + scoreThreshold);
        }
        if (!(nmsIou >= 0 && nmsIou <= 1)) {
            throw new IllegalArgumentException("nmsIou must be in [0, 1], was " + nmsIou);
        }
        if (maxDetections < 1 || maxCandidates < maxDetections) {
            throw new IllegalArgumentException("need 1 <= maxDetections <= maxCandidates, were " + maxDetections
                    + ", " + maxCandidates);
        }
        if (!(horizonFraction >= 0 && horizonFraction <= 1)) {
            throw new IllegalArgumentException("horizonFraction must be in [0, 1], was " + horizonFraction);
        }
        if (tileOverlapPixels < 0 || tileOverlapPixels >= inputWidth) {
            throw new IllegalArgumentException("tileOverlapPixels must be in [0, inputWidth), was "
                    + tileOverlapPixels);
        }
    }

    /**
     * The defaults of a layout: YOLOX 416 x 416, raw BGR padded with 114, top-left; NanoDet 320 x 320, mean
     * (103.53, 116.28, 123.675) std (57.375, 57.12, 58.395), padded with 0, top-left; YOLOv8 640 x 640, BGR / 255,
     * padded with 114, centred. Score 0.3, NMS IoU 0.45, 100 detections, no tiling, CPU with the threads of a model
     * that runs beside the pipeline ({@link SessionConfig#besidePipeline}: one intra-op thread per four cores, no
     * spinning; {@link #withSession} for others).
     */
    public static DetectorConfig forModel(Path model, DetectionLayout layout) {
        SessionConfig session = SessionConfig.besidePipeline(model, Runtime.getRuntime().availableProcessors());
        return switch (layout) {
            case YOLOX -> new DetectorConfig(session, layout, 416, 416, Normalization.raw(114),
                    LetterboxAnchor.TOP_LEFT, 0.3f, 0.45f, 100, 2048, false, 0.47, 96);
            case NANODET -> new DetectorConfig(session, layout, 320, 320,
                    new Normalization(new double[]{103.53, 116.28, 123.675}, new double[]{57.375, 57.12, 58.395}, 0),
                    LetterboxAnchor.TOP_LEFT, 0.3f, 0.45f, 100, 2048, false, 0.47, 96);
            case YOLOV8 -> new DetectorConfig(session, layout, 640, 640,
                    new Normalization(new double[]{0, 0, 0}, new double[]{255, 255, 255}, 114),
                    LetterboxAnchor.CENTER, 0.3f, 0.45f, 100, 2048, false, 0.47, 96);
        };
    }

    public DetectorConfig withSession(SessionConfig s) {
        return new DetectorConfig(s, layout, inputWidth, inputHeight, normalization, anchor, scoreThreshold, nmsIou,
                maxDetections, maxCandidates, tiled, horizonFraction, tileOverlapPixels);
    }

    public DetectorConfig withInputSize(int width, int height) {
        return new DetectorConfig(session, layout, width, height, normalization, anchor, scoreThreshold, nmsIou,
                maxDetections, maxCandidates, tiled, horizonFraction, tileOverlapPixels);
    }

    public DetectorConfig withScoreThreshold(float threshold) {
        return new DetectorConfig(session, layout, inputWidth, inputHeight, normalization, anchor, threshold, nmsIou,
                maxDetections, maxCandidates, tiled, horizonFraction, tileOverlapPixels);
    }

    public DetectorConfig withTiling(boolean on) {
        return new DetectorConfig(session, layout, inputWidth, inputHeight, normalization, anchor, scoreThreshold,
                nmsIou, maxDetections, maxCandidates, on, horizonFraction, tileOverlapPixels);
    }
}
