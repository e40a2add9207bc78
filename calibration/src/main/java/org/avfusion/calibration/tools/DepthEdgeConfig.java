package org.avfusion.calibration.tools;

/**
 * Settings of {@link DepthEdgeAlignmentScorer}, validated at construction.
 *
 * @param neighbourRadiusPixels  a projected point is a depth edge when its nearest neighbour in its row, at most this
 *                               many columns away, is that much further (lidar rows are sparse vertically,
 *                               dense horizontally)
 * @param minDepthJumpMeters     the smallest depth step that makes an edge ...
 * @param relativeDepthJump      ... or this fraction of the point's depth, whichever is larger
 * @param maxEdgeDistancePixels  distances to the nearest image edge are capped here so that a few points over
 *                               textureless sky or road do not dominate the mean
 */
public record DepthEdgeConfig(int neighbourRadiusPixels, double minDepthJumpMeters, double relativeDepthJump,
        double maxEdgeDistancePixels) {

    /** 3 px, 1 m or 10 %, capped at 30 px. */
    public static final DepthEdgeConfig DEFAULTS = new DepthEdgeConfig(3, 1.0, 0.1, 30.0);

    public DepthEdgeConfig {
        if (neighbourRadiusPixels < 1) {
            throw new IllegalArgumentException("neighbourRadiusPixels must be >= 1, was " + neighbourRadiusPixels);
        }
        if (!(minDepthJumpMeters > 0)) {
            throw new IllegalArgumentException("minDepthJumpMeters must be > 0, was " + minDepthJumpMeters);
        }
        if (!(relativeDepthJump >= 0)) {
            throw new IllegalArgumentException("relativeDepthJump must be >= 0, was " + relativeDepthJump);
        }
        if (!(maxEdgeDistancePixels > 0)) {
            throw new IllegalArgumentException("maxEdgeDistancePixels must be > 0, was " + maxEdgeDistancePixels);
        }
    }
}
