package org.avfusion.runtime.ego;

import java.util.Arrays;

/**
 * Estimates a GNSS receiver's latency (log time minus the fix's own epoch) from the data itself, without a
 * reference clock: the fix epochs are exact (the receiver's GNSS time) but on another clock than the log, so the
 * log-minus-epoch differences give the latency only up to the unknown clock offset. The offset is found by
 * aligning motion: the distance between consecutive fixes, divided by their epoch spacing, must match the
 * distance the vehicle's own speed signal (CAN) integrates over the same interval once the fixes are placed at
 * {@code epoch - median(epoch - log) - latency}. The latency minimising the squared speed mismatch is searched
 * on a 1 ms grid over [{@code -0.5}, {@code maxLatencySeconds}] s and refined by a parabola.
 *
 * <p>Observable only when the speed changes (a constant speed aligns at every shift): with a speed standard
 * deviation under 0.3 m/s over the fixes the result is NaN. A scale error of the speed signal does not move
 * the minimum much (it biases every interval alike). Pure function; thread-safe.
 */
public final class GnssLatencyEstimator {
    private static final double MIN_SPEED_STD = 0.3;

    private GnssLatencyEstimator() {
    }

    /**
     * @param logSeconds        when each fix was logged (log clock), ascending
     * @param epochSeconds      each fix's own epoch (receiver clock, e.g. UTC seconds)
     * @param east              fix positions, metres in any local plane
     * @param north             fix positions
     * @param speedTimes        reference speed sample times (log clock), ascending
     * @param speeds            reference speeds, m/s
     * @param maxLatencySeconds upper end of the search, (0, 10]
     */
    public static GnssLatency estimate(double[] logSeconds, double[] epochSeconds, double[] east, double[] north,
            double[] speedTimes, double[] speeds, double maxLatencySeconds) {
        int n = logSeconds.length;
        if (epochSeconds.length != n || east.length != n || north.length != n || speedTimes.length != speeds.length) {
            throw new IllegalArgumentException("array lengths differ");
        }
        if (!(maxLatencySeconds > 0 && maxLatencySeconds <= 10)) {
            throw new IllegalArgumentException("maxLatencySeconds must be in (0, 10], was " + maxLatencySeconds);
        }
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = logSeconds[i] - epochSeconds[i];
        }
        double medianLogMinusEpoch = median(diff.clone());
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(diff[i] - medianLogMinusEpoch);
        }
        double jitter = n == 0 ? Double.NaN : median(dev);
        if (n < 5 || speedTimes.length < 5) {
            return new GnssLatency(Double.NaN, jitter, Double.NaN, n, Double.NaN);
        }
        double[] cumulative = new double[speedTimes.length];
        for (int i = 1; i < speedTimes.length; i++) {
            cumulative[i] = cumulative[i - 1] + 0.5 * (speeds[i] + speeds[i - 1]) * (speedTimes[i] - speedTimes[i - 1]);
        }
        double mean = Arrays.stream(speeds).average().orElse(0);
        double var = Arrays.stream(speeds).map(v -> (v - mean) * (v - mean)).average().orElse(0);
        if (Math.sqrt(var) < MIN_SPEED_STD) {
            return new GnssLatency(Double.NaN, jitter, Double.NaN, n, Double.NaN);
        }
        int steps = (int) Math.round((maxLatencySeconds + 0.5) * 1000);
        double[] cost = new double[steps + 1];
        int best = -1;
        for (int k = 0; k <= steps; k++) {
            double latency = -0.5 + k * 1e-3;
            cost[k] = cost(epochSeconds, east, north, speedTimes, cumulative, medianLogMinusEpoch - latency);
            if (Double.isFinite(cost[k]) && (best < 0 || cost[k] < cost[best])) {
                best = k;
            }
        }
        if (best < 0) {
            return new GnssLatency(Double.NaN, jitter, Double.NaN, n, Double.NaN);
        }
        double latency = -0.5 + best * 1e-3;
        if (best > 0 && best < steps) {
            double a = cost[best - 1];
            double b = cost[best];
            double c = cost[best + 1];
            double denom = a - 2 * b + c;
            if (denom > 0) {
                latency += 0.5 * (a - c) / denom * 1e-3;
            }
        }
        // a fix with epoch e was true at log time e + medianLogMinusEpoch - latency
        double clockOffset = -(medianLogMinusEpoch - latency);
        return new GnssLatency(latency, jitter, clockOffset, n, Math.sqrt(cost[best]));
    }

    /**
     * The latency of a receiver whose epochs share the clock of another one already aligned (GNSS receivers all
     * keep GNSS/UTC time): {@code median(log - epoch) + clockOffsetSeconds}. For a receiver with too few or too
     * noisy fixes to align on its own. The residual is NaN (no alignment was made).
     */
    public static GnssLatency onSharedClock(double[] logSeconds, double[] epochSeconds, double clockOffsetSeconds) {
        int n = logSeconds.length;
        if (epochSeconds.length != n) {
            throw new IllegalArgumentException("array lengths differ");
        }
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = logSeconds[i] - epochSeconds[i];
        }
        double med = median(diff.clone());
        for (int i = 0; i < n; i++) {
            diff[i] = Math.abs(diff[i] - med);
        }
        return new GnssLatency(med + clockOffsetSeconds, median(diff), clockOffsetSeconds, n, Double.NaN);
    }

    /** Mean squared speed mismatch with fixes placed at {@code epoch + shift} on the log clock. */
    private static double cost(double[] epoch, double[] east, double[] north, double[] times, double[] cumulative,
            double shift) {
        double sum = 0;
        int used = 0;
        for (int i = 0; i + 1 < epoch.length; i++) {
            double dt = epoch[i + 1] - epoch[i];
            if (!(dt > 0 && dt <= 5)) {
                continue;
            }
            double t0 = epoch[i] + shift;
            double t1 = epoch[i + 1] + shift;
            if (t0 < times[0] || t1 > times[times.length - 1]) {
                continue;
            }
            double gnss = Math.hypot(east[i + 1] - east[i], north[i + 1] - north[i]) / dt;
            double ref = (interpolate(times, cumulative, t1) - interpolate(times, cumulative, t0)) / dt;
            sum += (gnss - ref) * (gnss - ref);
            used++;
        }
        return used < 3 ? Double.NaN : sum / used;
    }

    static double interpolate(double[] t, double[] v, double at) {
        int i = Arrays.binarySearch(t, at);
        if (i >= 0) {
            return v[i];
        }
        int hi = -i - 1;
        if (hi == 0) {
            return v[0];
        }
        if (hi >= t.length) {
            return v[t.length - 1];
        }
        double f = (at - t[hi - 1]) / (t[hi] - t[hi - 1]);
        return v[hi - 1] + f * (v[hi] - v[hi - 1]);
    }

    private static double median(double[] a) {
        if (a.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
    }
}
