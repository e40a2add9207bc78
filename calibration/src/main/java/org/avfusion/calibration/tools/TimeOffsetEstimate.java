package org.avfusion.calibration.tools;

/**
 * What {@link CrossCorrelationOffsetEstimator} found. Either estimable, with an offset and its uncertainty, or not,
 * with the reason and no number to misuse ({@code offsetNanos} and the uncertainty are then NaN).
 *
 * <p>Convention, as {@link org.avfusion.calibration.time.ClockOffset}: {@code offsetNanos} is how much later B's
 * stamps are than A's for the same motion, {@code b(t + offset) ~ sign * a(t)}. Adding 37 ms to every stamp of B
 * adds 37 ms to the offset.
 *
 * @param estimable            whether the data supports an estimate
 * @param reason               why not, or "" when estimable
 * @param offsetNanos          B's clock minus A's, nanoseconds (sub-sample: parabolic fit to the peak); NaN when not
 *                             estimable
 * @param uncertaintyNanos     one standard error of the offset, from the spread of per-window estimates; NaN when
 *                             not estimable
 * @param peakCorrelation      Pearson correlation at the peak (signed); NaN when there was no overlap to correlate
 * @param sign                 +1 or -1: the sign that maps A onto B (an axis mounted upside down gives -1)
 * @param windowsUsed          windows whose own estimate entered the uncertainty
 * @param overlapSamples       grid samples where both signals have a value
 * @param stdA                 standard deviation of A over the overlap, in A's unit
 * @param stdB                 standard deviation of B over the overlap, in B's unit
 */
public record TimeOffsetEstimate(
        boolean estimable,
        String reason,
        double offsetNanos,
        double uncertaintyNanos,
        double peakCorrelation,
        int sign,
        int windowsUsed,
        int overlapSamples,
        double stdA,
        double stdB) {

    public TimeOffsetEstimate {
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null (\"\" when estimable)");
        }
        if (estimable && !(Double.isFinite(offsetNanos) && uncertaintyNanos >= 0)) {
            throw new IllegalArgumentException("an estimable offset needs a finite offset and uncertainty, had "
                    + offsetNanos + " +- " + uncertaintyNanos);
        }
        if (!estimable && reason.isBlank()) {
            throw new IllegalArgumentException("a non-estimable result must say why");
        }
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign must be +1 or -1, was " + sign);
        }
    }

    public double offsetMillis() {
        return offsetNanos / 1e6;
    }

    public double uncertaintyMillis() {
        return uncertaintyNanos / 1e6;
    }
}
