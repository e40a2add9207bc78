package org.avfusion.runtime.fusion;

import java.util.Objects;

/**
 * The optional monocular depth model ({@code fusion.depthModel}): when {@link #file} is set, a depth stage runs the
 * model on the detecting camera's image of each set, scales its relative inverse depth to metres against the lidar
 * ({@code perceive.depth.DepthScaleFit}) and hands the metric depth to fusion, which places a detection without lidar
 * depth in its box at the model's depth ({@link Modality#DEPTH_MODEL}). Without a model such a detection is placed by
 * the flat-ground range ({@link GroundPlaneRange}, {@link Modality#GROUND_PLANE}).
 *
 * <p>A file that is set but does not exist, or does not load as a depth model of this input size, fails start-up
 * with a message naming {@code fusion.depthModel.file}; it is never silently ignored.
 *
 * @param file              the ONNX model ({@code [1,3,H,W]} image in, {@code [1,H,W]} or {@code [1,1,H,W]} relative
 *                          inverse depth out, MiDaS style); "" for none (default)
 * @param inputWidthPixels  the model's input width W, [32, 4096] (default 256)
 * @param inputHeightPixels the model's input height H, [32, 4096] (default 256)
 */
public record DepthModelConfig(String file, int inputWidthPixels, int inputHeightPixels) {
    /** No depth model. */
    public static final DepthModelConfig NONE = new DepthModelConfig("", 256, 256);

    public DepthModelConfig {
        Objects.requireNonNull(file, "fusion.depthModel.file must be given (\"\" for no depth model)");
        file = file.strip();
        if (inputWidthPixels < 32 || inputWidthPixels > 4096) {
            throw new IllegalArgumentException("fusion.depthModel.inputWidthPixels must be in [32, 4096], was "
                    + inputWidthPixels);
        }
        if (inputHeightPixels < 32 || inputHeightPixels > 4096) {
            throw new IllegalArgumentException("fusion.depthModel.inputHeightPixels must be in [32, 4096], was "
                    + inputHeightPixels);
        }
    }

    /** Whether a model is configured. */
    public boolean configured() {
        return !file.isEmpty();
    }
}
