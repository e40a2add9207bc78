package org.avfusion.runtime.perceive;

/**
 * Settings of {@link GroundSegmenter}.
 *
 * @param azimuthBins           angular bins of the polar grid over 360 degrees
 * @param rangeBinMeters        radial size of a polar cell
 * @param maxRangeMeters        points farther than this are ignored
 * @param maxSlopeDeg           steepest ground slope followed from one cell to the next (Autoware's ray ground
 *                              filter idea: the ground estimate may rise at most this much per metre)
 * @param obstacleMinHeightMeters a point this much above the local ground is an obstacle
 * @param obstacleMaxHeightMeters points higher than this above the local ground (branches, gantries) are ignored
 * @param egoLengthMeters       length of the ego's body box (points inside are the ego itself)
 * @param egoWidthMeters        width of the ego's body box
 * @param egoRearOverhangMeters how far the body extends behind base_link
 */
public record GroundFilterConfig(
        int azimuthBins,
        double rangeBinMeters,
        double maxRangeMeters,
        double maxSlopeDeg,
        double obstacleMinHeightMeters,
        double obstacleMaxHeightMeters,
        double egoLengthMeters,
        double egoWidthMeters,
        double egoRearOverhangMeters) {

    public GroundFilterConfig {
        if (azimuthBins < 36 || azimuthBins > 7200) {
            throw new IllegalArgumentException("perception.azimuthBins must be in [36, 7200], was " + azimuthBins);
        }
        positive("perception.rangeBinMeters", rangeBinMeters);
        positive("perception.maxRangeMeters", maxRangeMeters);
        if (!(maxSlopeDeg >= 0 && maxSlopeDeg < 60)) {
            throw new IllegalArgumentException("perception.maxSlopeDeg must be in [0, 60), was " + maxSlopeDeg);
        }
        positive("perception.obstacleMinHeightMeters", obstacleMinHeightMeters);
        if (!(obstacleMaxHeightMeters > obstacleMinHeightMeters)) {
            throw new IllegalArgumentException("perception.obstacleMaxHeightMeters (" + obstacleMaxHeightMeters
                    + ") must be > obstacleMinHeightMeters (" + obstacleMinHeightMeters + ")");
        }
        positive("perception.egoLengthMeters", egoLengthMeters);
        positive("perception.egoWidthMeters", egoWidthMeters);
        if (!(egoRearOverhangMeters >= 0)) {
            throw new IllegalArgumentException("perception.egoRearOverhangMeters must be >= 0, was " + egoRearOverhangMeters);
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + " must be > 0, was " + v);
        }
    }

    int rangeBins() {
        return (int) Math.ceil(maxRangeMeters / rangeBinMeters);
    }
}
