package org.avfusion.calibration.tools;

/**
 * Settings of {@link CrossCorrelationOffsetEstimator}, validated at construction.
 *
 * @param gridPeriodNanos       both signals are resampled (linear interpolation) onto one grid of this period
 * @param maxLagNanos           offsets searched: {@code [-maxLagNanos, +maxLagNanos]}
 * @param maxGapNanos           two samples further apart than this are a gap: no grid value is made between them
 * @param windowCount           the overlap is cut into this many equal windows; the spread of the per-window
 *                              estimates gives the uncertainty (at least 2)
 * @param minSignalStd          a signal whose standard deviation (in its own unit, e.g. rad/s) is below this over the
 *                              overlap carries no motion to correlate: not estimable
 * @param minPeakCorrelation    a correlation peak (Pearson, absolute) below this is not trusted: not estimable
 * @param allowSignFlip         when true the strongest peak of either sign is taken (an axis mounted upside down);
 *                              when false only positive correlation counts
 */
public record TimeOffsetConfig(
        long gridPeriodNanos,
        long maxLagNanos,
        long maxGapNanos,
        int windowCount,
        double minSignalStd,
        double minPeakCorrelation,
        boolean allowSignFlip) {

    /** 5 ms grid, +-1 s lag, 0.5 s gaps, 8 windows, 0.02 (rad/s) minimum spread, 0.5 minimum peak, sign free. */
    public static final TimeOffsetConfig DEFAULTS =
            new TimeOffsetConfig(5_000_000L, 1_000_000_000L, 500_000_000L, 8, 0.02, 0.5, true);

    public TimeOffsetConfig {
        if (gridPeriodNanos < 1) {
            throw new IllegalArgumentException("gridPeriodNanos must be >= 1, was " + gridPeriodNanos);
        }
        if (maxLagNanos < gridPeriodNanos) {
            throw new IllegalArgumentException("maxLagNanos (" + maxLagNanos + ") must be at least gridPeriodNanos ("
                    + gridPeriodNanos + ")");
        }
        if (maxGapNanos < 1) {
            throw new IllegalArgumentException("maxGapNanos must be >= 1, was " + maxGapNanos);
        }
        if (windowCount < 2) {
            throw new IllegalArgumentException("windowCount must be >= 2 (the uncertainty needs a spread), was "
                    + windowCount);
        }
        if (!(minSignalStd >= 0)) {
            throw new IllegalArgumentException("minSignalStd must be >= 0, was " + minSignalStd);
        }
        if (!(minPeakCorrelation > 0 && minPeakCorrelation <= 1)) {
            throw new IllegalArgumentException("minPeakCorrelation must be in (0, 1], was " + minPeakCorrelation);
        }
    }

    public TimeOffsetConfig withGridPeriodNanos(long period) {
        return new TimeOffsetConfig(period, maxLagNanos, maxGapNanos, windowCount, minSignalStd, minPeakCorrelation,
                allowSignFlip);
    }

    public TimeOffsetConfig withMaxLagNanos(long lag) {
        return new TimeOffsetConfig(gridPeriodNanos, lag, maxGapNanos, windowCount, minSignalStd, minPeakCorrelation,
                allowSignFlip);
    }

    public TimeOffsetConfig withWindowCount(int windows) {
        return new TimeOffsetConfig(gridPeriodNanos, maxLagNanos, maxGapNanos, windows, minSignalStd,
                minPeakCorrelation, allowSignFlip);
    }
}
