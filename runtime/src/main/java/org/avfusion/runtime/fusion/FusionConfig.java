package org.avfusion.runtime.fusion;

import java.util.Objects;
import org.avfusion.runtime.perceive.depth.DetectionDepthConfig;

/**
 * Settings of {@link RoiClusterFusion}, validated here so that a bad value fails before anything is built.
 * {@link #DEFAULTS} are what {@code avfusion fuse} uses.
 *
 * @param minIou              a cluster's image box and a detection match when their IoU is at least this
 *                            (in (0, 1], default 0.3)
 * @param method              how matches are chosen: {@link AssociationMethod#HUNGARIAN} (default) or greedy
 * @param minScore            detections scoring lower are ignored (in [0, 1], default 0.3)
 * @param splitMarginMeters   split: cluster members whose camera depth is within this of the detection box's depth
 *                            mode belong to the detected object (in (0, 10] m, default 1.0)
 * @param minSplitVoxels      split: fewest member voxels for a split-off object; fewer and the detection is placed
 *                            by depth alone (in [1, 10000], default 3)
 * @param maxDetections       most detections fused per image; more are dropped and counted (in [1, 10000],
 *                            default 256)
 * @param maxObjects          most fused objects per frame; more are dropped and counted (in [1, 100000], default
 *                            1024)
 * @param depth               the nearest-mode depth per box ({@link DetectionDepthConfig#DEFAULT})
 * @param maxDepthPixelsPerBox depth pixels one box may contribute before it is sampled more coarsely (in
 *                            [16, 10^7], default 65536)
 * @param groundPlaneMaxRangeMeters a detection with neither lidar nor model depth in its box is placed by the
 *                            flat-ground range of its bottom edge ({@link GroundPlaneRange}) up to this camera depth
 *                            (in [0, 500] m, default 60; 0 turns the ground-plane range off)
 * @param depthModel          the optional monocular depth model ({@link DepthModelConfig#NONE}: none)
 * @param detectOnArrival     a network detector runs on each frame of the detecting camera as it arrives, beside the
 *                            alignment, so that its inference is off the decision's critical path (default true);
 *                            false: on the set's image only, after alignment (one inference per set: less CPU when
 *                            the camera runs faster than the lidar, more latency)
 */
public record FusionConfig(double minIou, AssociationMethod method, double minScore, double splitMarginMeters,
        int minSplitVoxels, int maxDetections, int maxObjects, DetectionDepthConfig depth, int maxDepthPixelsPerBox,
        double groundPlaneMaxRangeMeters, DepthModelConfig depthModel, boolean detectOnArrival) {

    public static final FusionConfig DEFAULTS = new FusionConfig(0.3, AssociationMethod.HUNGARIAN, 0.3, 1.0, 3, 256,
            1024, DetectionDepthConfig.DEFAULT, 1 << 16, 60.0, DepthModelConfig.NONE, true);

    /** The settings as before the ground-plane range and the depth model: those at their defaults. */
    public FusionConfig(double minIou, AssociationMethod method, double minScore, double splitMarginMeters,
            int minSplitVoxels, int maxDetections, int maxObjects, DetectionDepthConfig depth,
            int maxDepthPixelsPerBox) {
        this(minIou, method, minScore, splitMarginMeters, minSplitVoxels, maxDetections, maxObjects, depth,
                maxDepthPixelsPerBox, 60.0, DepthModelConfig.NONE, true);
    }

    public FusionConfig {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("fusion.minIou must be in (0, 1], was " + minIou);
        }
        Objects.requireNonNull(method, "fusion.method must be greedy or hungarian");
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("fusion.minScore must be in [0, 1], was " + minScore);
        }
        if (!(splitMarginMeters > 0 && splitMarginMeters <= 10)) {
            throw new IllegalArgumentException("fusion.splitMarginMeters must be in (0, 10] m, was "
                    + splitMarginMeters);
        }
        range("minSplitVoxels", minSplitVoxels, 1, 10_000);
        range("maxDetections", maxDetections, 1, 10_000);
        range("maxObjects", maxObjects, 1, 100_000);
        Objects.requireNonNull(depth, "fusion.depth must be given (DetectionDepthConfig.DEFAULT for the defaults)");
        // two float buffers of this size per fusion (8 bytes a pixel): 10^7 (80 MB) ran out of the launcher's 96 MB
        // heap, 2^20 (8 MB, a 1024 x 1024 box; larger boxes are sampled more coarsely) runs (2026-12 probe)
        range("maxDepthPixelsPerBox", maxDepthPixelsPerBox, 16, 1 << 20);
        if (!(groundPlaneMaxRangeMeters >= 0 && groundPlaneMaxRangeMeters <= 500)) {
            throw new IllegalArgumentException("fusion.groundPlaneMaxRangeMeters must be in [0, 500] m (0: off), was "
                    + groundPlaneMaxRangeMeters);
        }
        Objects.requireNonNull(depthModel, "fusion.depthModel must be given ({file: \"\"} for none)");
    }

    /** This configuration with another association method. */
    public FusionConfig withMethod(AssociationMethod m) {
        return new FusionConfig(minIou, m, minScore, splitMarginMeters, minSplitVoxels, maxDetections, maxObjects,
                depth, maxDepthPixelsPerBox, groundPlaneMaxRangeMeters, depthModel, detectOnArrival);
    }

    /** This configuration with another least detection score. */
    public FusionConfig withMinScore(double score) {
        return new FusionConfig(minIou, method, score, splitMarginMeters, minSplitVoxels, maxDetections, maxObjects,
                depth, maxDepthPixelsPerBox, groundPlaneMaxRangeMeters, depthModel, detectOnArrival);
    }

    /** This configuration with another depth model. */
    public FusionConfig withDepthModel(DepthModelConfig model) {
        return new FusionConfig(minIou, method, minScore, splitMarginMeters, minSplitVoxels, maxDetections, maxObjects,
                depth, maxDepthPixelsPerBox, groundPlaneMaxRangeMeters, model, detectOnArrival);
    }

    /** This configuration detecting on arrival or on the set's image ({@code detectOnArrival}). */
    public FusionConfig withDetectOnArrival(boolean onArrival) {
        return new FusionConfig(minIou, method, minScore, splitMarginMeters, minSplitVoxels, maxDetections, maxObjects,
                depth, maxDepthPixelsPerBox, groundPlaneMaxRangeMeters, depthModel, onArrival);
    }

    private static void range(String key, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException("fusion." + key + " must be in [" + lo + ", " + hi + "], was " + v);
        }
    }
}
