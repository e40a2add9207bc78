package org.avfusion.runtime.ego;

/**
 * A GNSS receiver's latency as estimated by {@link GnssLatencyEstimator}.
 *
 * @param latencySeconds     how long after its epoch a fix is logged (median), seconds; NaN when not observable
 * @param jitterSeconds      spread (median absolute deviation) of log time minus epoch, seconds
 * @param clockOffsetSeconds fix epoch clock (UTC seconds) minus the log clock at the same instant: a fix with epoch
 *                           {@code e} was true at log-clock time {@code e - clockOffsetSeconds}
 * @param fixes              fixes used
 * @param residualMetersPerSec RMS of the GNSS speed against the reference speed at the chosen latency
 */
public record GnssLatency(double latencySeconds, double jitterSeconds, double clockOffsetSeconds, int fixes,
        double residualMetersPerSec) {

    /** Whether the latency could be estimated. */
    public boolean observable() {
        return Double.isFinite(latencySeconds);
    }
}
