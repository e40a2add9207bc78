package org.avfusion.calibration.tools;

/**
 * How well projected lidar depth edges fall on image edges. Lower {@code meanEdgeDistancePixels} is better.
 *
 * @param meanEdgeDistancePixels mean distance from each depth-edge point to the nearest image edge, pixels (each
 *                               capped at {@link DepthEdgeConfig#maxEdgeDistancePixels()}); NaN without edge points
 * @param edgePoints             projected points that are depth edges
 * @param projectedPoints        points that landed in the image in front of the camera
 */
public record AlignmentScore(double meanEdgeDistancePixels, int edgePoints, int projectedPoints) {
    public AlignmentScore {
        if (edgePoints < 0 || projectedPoints < edgePoints) {
            throw new IllegalArgumentException("edgePoints " + edgePoints + " must be in [0, projectedPoints "
                    + projectedPoints + "]");
        }
    }
}
