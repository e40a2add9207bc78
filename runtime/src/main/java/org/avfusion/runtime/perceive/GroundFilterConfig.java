package org.avfusion.runtime.perceive;

import static org.avfusion.calibration.yaml.Bounds.*;

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
        requireInRange("perception.azimuthBins", azimuthBins, 36, 7200, "bins");
        requireInRange("perception.rangeBinMeters", rangeBinMeters, 0.01, 10, "m");
        requirePositive("perception.maxRangeMeters", maxRangeMeters, 500, "m");
        requireInHalfOpenRange("perception.maxSlopeDeg", maxSlopeDeg, 0, 60, "degrees");
        requirePositive("perception.obstacleMinHeightMeters", obstacleMinHeightMeters, 10, "m");
        requirePositive("perception.obstacleMaxHeightMeters", obstacleMaxHeightMeters, 20, "m");
        if (!(obstacleMaxHeightMeters > obstacleMinHeightMeters)) {
            throw new IllegalArgumentException("perception.obstacleMaxHeightMeters (" + obstacleMaxHeightMeters
                    + ") must be > obstacleMinHeightMeters (" + obstacleMinHeightMeters + ")");
        }
        requirePositive("perception.egoLengthMeters", egoLengthMeters, 30, "m");
        requirePositive("perception.egoWidthMeters", egoWidthMeters, 10, "m");
        requireNonNegative("perception.egoRearOverhangMeters", egoRearOverhangMeters, 30, "m");
        long cells = (long) azimuthBins * (long) Math.ceil(maxRangeMeters / rangeBinMeters);
        if (cells > MAX_POLAR_CELLS) {
            throw new IllegalArgumentException("perception polar grid of " + cells + " cells (azimuthBins x "
                    + "maxRangeMeters / rangeBinMeters) is too large (max " + MAX_POLAR_CELLS + "): raise "
                    + "perception.rangeBinMeters or lower azimuthBins or maxRangeMeters");
        }
    }

    /** Largest polar grid, the same cell budget as the occupancy grid's. */
    public static final long MAX_POLAR_CELLS = 4_000_000;

    /** Range bins of the polar ground grid: maxRangeMeters / rangeBinMeters, rounded up. */
    public int rangeBins() {
        return (int) Math.ceil(maxRangeMeters / rangeBinMeters);
    }
}
