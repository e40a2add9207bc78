package org.avfusion.calibration.tools;

/**
 * Settings of {@link DepthEdgeAlignmentScorer}, validated at construction.
 *
 * @param maxNeighbourAngleDegrees two points next to each other in scan order are neighbours on one ring when their
 *                                 azimuths differ by at most this much; otherwise (a ring change, a gap of missing
 *                                 returns) no edge is judged between them
 * @param minDepthJumpMeters       the smallest range step that makes a point an edge ...
 * @param relativeDepthJump        ... or this fraction of the point's range, whichever is larger
 * @param maxEdgeDistancePixels    distances to the nearest image edge are capped here so that a few points over
 *                                 textureless sky or road do not dominate the mean
 */
public record DepthEdgeConfig(double maxNeighbourAngleDegrees, double minDepthJumpMeters, double relativeDepthJump,
        double maxEdgeDistancePixels) {

    /** 1 degree, 0.5 m or 10 %, capped at 10 px. */
    public static final DepthEdgeConfig DEFAULTS = new DepthEdgeConfig(1.0, 0.5, 0.1, 10.0);

    public DepthEdgeConfig {
        if (!(maxNeighbourAngleDegrees > 0 && maxNeighbourAngleDegrees < 180)) {
            throw new IllegalArgumentException("maxNeighbourAngleDegrees must be in (0, 180), was "
                    + maxNeighbourAngleDegrees);
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
