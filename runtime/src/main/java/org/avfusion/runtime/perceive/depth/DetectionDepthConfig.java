package org.avfusion.runtime.perceive.depth;

/**
 * Settings of {@link DetectionDepth}.
 *
 * @param binMeters width of a depth histogram bin (e.g. 0.5)
 * @param maxDepthMeters depths beyond this are ignored (e.g. 80)
 * @param minPoints fewest depth pixels in a box, and in its chosen mode, for an estimate (e.g. 5)
 * @param peakFraction a mode is significant when its three-bin window holds at least this fraction of the box's
 *        depth pixels (e.g. 0.08); the nearest significant mode wins
 * @param modeHalfWidthMeters depths within this of the mode's median belong to the object (e.g. 1.0)
 */
public record DetectionDepthConfig(double binMeters, double maxDepthMeters, int minPoints, double peakFraction,
                                   double modeHalfWidthMeters) {
    public static final DetectionDepthConfig DEFAULT = new DetectionDepthConfig(0.5, 80, 5, 0.08, 1.0);

    public DetectionDepthConfig {
        if (!(binMeters > 0) || !Double.isFinite(binMeters)) {
            throw new IllegalArgumentException("binMeters must be > 0, was " + binMeters);
        }
        if (!(maxDepthMeters > binMeters) || !Double.isFinite(maxDepthMeters)
                || maxDepthMeters / binMeters > 100_000) {
            throw new IllegalArgumentException("maxDepthMeters must be finite, > binMeters and at most 100000 bins, was "
                    + maxDepthMeters + " (binMeters " + binMeters + ")");
        }
        if (minPoints < 1) {
            throw new IllegalArgumentException("minPoints must be >= 1, was " + minPoints);
        }
        if (!(peakFraction > 0 && peakFraction <= 1)) {
            throw new IllegalArgumentException("peakFraction must be in (0, 1], was " + peakFraction);
        }
        if (!(modeHalfWidthMeters > 0) || !Double.isFinite(modeHalfWidthMeters)) {
            throw new IllegalArgumentException("modeHalfWidthMeters must be > 0, was " + modeHalfWidthMeters);
        }
    }
}
