package org.avfusion.calibration.tools;

import java.util.Objects;

/**
 * Estimates the clock offset between two sensors from one motion signal both observe (e.g. the yaw rate seen by an
 * IMU and by wheel odometry), by normalised cross-correlation.
 *
 * <p>Method: both signals are resampled by linear interpolation onto one grid of {@link
 * TimeOffsetConfig#gridPeriodNanos()} over the span they share (no value inside a gap longer than {@link
 * TimeOffsetConfig#maxGapNanos()}). For every lag {@code k} in {@code [-maxLag, +maxLag]} the Pearson correlation of
 * the pairs {@code (a[i], b[i + k])} where both exist is computed; the strongest peak (of either sign when
 * {@link TimeOffsetConfig#allowSignFlip()}) is refined to sub-sample precision with a parabola through the peak and
 * its two neighbours. The overlap is then cut into {@link TimeOffsetConfig#windowCount()} windows, each estimated the
 * same way; the standard error of those estimates ({@code std / sqrt(n)}) is the reported uncertainty. Pearson
 * correlation makes the result independent of the signals' units and scale (rad/s against deg/s).
 *
 * <p>Not estimable (a result with {@code estimable = false} and the reason, never a number): a signal with less
 * spread than {@link TimeOffsetConfig#minSignalStd()} (no motion: a vehicle standing or driving straight), a peak
 * weaker than {@link TimeOffsetConfig#minPeakCorrelation()}, a peak on the edge of the lag range (the true offset may
 * lie outside it), or fewer than two windows with an estimate of their own (no uncertainty).
 *
 * <p>Stateless; thread-safe. Allocates its grids per call (a tool, not a per-frame path).
 */
public final class CrossCorrelationOffsetEstimator {
    private final TimeOffsetConfig config;

    public CrossCorrelationOffsetEstimator(TimeOffsetConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** One-line entry point: {@code new CrossCorrelationOffsetEstimator(config).estimate(a, b)}. */
    public static TimeOffsetEstimate estimate(SampledSignal a, SampledSignal b, TimeOffsetConfig config) {
        return new CrossCorrelationOffsetEstimator(config).estimate(a, b);
    }

    /** The offset of B's clock against A's; see {@link TimeOffsetEstimate} for the convention. */
    public TimeOffsetEstimate estimate(SampledSignal a, SampledSignal b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.size() < 2 || b.size() < 2) {
            return notEstimable("each signal needs at least 2 samples (" + a.name() + ": " + a.size() + ", "
                    + b.name() + ": " + b.size() + ")", Double.NaN, 0, Double.NaN, Double.NaN);
        }
        long period = config.gridPeriodNanos();
        long from = Math.max(a.firstNanos(), b.firstNanos());
        long to = Math.min(a.lastNanos(), b.lastNanos());
        int maxLag = (int) (config.maxLagNanos() / period);
        if (to - from < 2 * config.maxLagNanos()) {
            return notEstimable("the signals share " + (to - from) / 1_000_000 + " ms, less than twice the lag range"
                    + " of +-" + config.maxLagNanos() / 1_000_000 + " ms", Double.NaN, 0, Double.NaN, Double.NaN);
        }
        // B is sampled maxLag beyond both ends of the overlap (where it has samples) so that a lag loses little of A
        int n = (int) ((to - from) / period) + 1;
        double[] gridA = new double[n];
        double[] gridB = new double[n + 2 * maxLag];
        for (int i = 0; i < n; i++) {
            gridA[i] = a.interpolate(from + i * period, config.maxGapNanos());
        }
        for (int i = 0; i < gridB.length; i++) {
            long t = from + (long) (i - maxLag) * period;
            gridB[i] = b.interpolate(t, config.maxGapNanos());
        }
        Peak whole = peak(gridA, gridB, 0, n, maxLag, 0);
        if (whole.overlap < 3) {
            return notEstimable("the signals have no common samples (gaps longer than "
                    + config.maxGapNanos() / 1_000_000 + " ms everywhere)", Double.NaN, whole.overlap, whole.stdA,
                    whole.stdB);
        }
        if (whole.stdA < config.minSignalStd() || whole.stdB < config.minSignalStd()) {
            return notEstimable("no motion to correlate: standard deviation " + a.name() + " " + fmt(whole.stdA)
                    + ", " + b.name() + " " + fmt(whole.stdB) + ", at least " + config.minSignalStd() + " needed",
                    whole.correlation, whole.overlap, whole.stdA, whole.stdB);
        }
        if (Math.abs(whole.correlation) < config.minPeakCorrelation()) {
            return notEstimable("correlation peak " + fmt(whole.correlation) + " is weaker than "
                    + config.minPeakCorrelation(), whole.correlation, whole.overlap, whole.stdA, whole.stdB);
        }
        if (whole.onEdge) {
            return notEstimable("the correlation peak lies on the edge of the lag range +-"
                    + config.maxLagNanos() / 1_000_000 + " ms: the offset may be larger", whole.correlation,
                    whole.overlap, whole.stdA, whole.stdB);
        }
        int windows = config.windowCount();
        double sum = 0;
        double sumSquares = 0;
        int used = 0;
        for (int w = 0; w < windows; w++) {
            int start = (int) ((long) n * w / windows);
            int end = (int) ((long) n * (w + 1) / windows);
            Peak p = peak(gridA, gridB, start, end, maxLag, whole.sign);
            if (p.overlap < 3 || p.onEdge || p.stdA < config.minSignalStd() || p.stdB < config.minSignalStd()
                    || p.sign * p.correlation < config.minPeakCorrelation()) {
                continue;
            }
            sum += p.lagSamples;
            sumSquares += p.lagSamples * p.lagSamples;
            used++;
        }
        if (used < 2) {
            return notEstimable(used + " of " + windows + " windows show enough motion for an estimate of their own;"
                    + " at least 2 are needed for an uncertainty", whole.correlation, whole.overlap, whole.stdA,
                    whole.stdB);
        }
        double mean = sum / used;
        double variance = Math.max(0, (sumSquares - used * mean * mean) / (used - 1));
        double standardErrorSamples = Math.sqrt(variance / used);
        return new TimeOffsetEstimate(true, "", whole.lagSamples * period, standardErrorSamples * period,
                whole.correlation, whole.sign, used, whole.overlap, whole.stdA, whole.stdB);
    }

    private static TimeOffsetEstimate notEstimable(String reason, double correlation, int overlap, double stdA,
            double stdB) {
        return new TimeOffsetEstimate(false, reason, Double.NaN, Double.NaN, correlation, 1, 0, overlap, stdA, stdB);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    /** The correlation peak of A's samples {@code [start, end)} against B; {@code forcedSign} 0 lets the data choose. */
    private Peak peak(double[] gridA, double[] gridB, int start, int end, int maxLag, int forcedSign) {
        double[] r = new double[2 * maxLag + 1];
        Peak result = new Peak();
        for (int k = -maxLag; k <= maxLag; k++) {
            double sa = 0;
            double sb = 0;
            double saa = 0;
            double sbb = 0;
            double sab = 0;
            int count = 0;
            for (int i = start; i < end; i++) {
                double x = gridA[i];
                double y = gridB[i + maxLag + k];
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    continue;
                }
                sa += x;
                sb += y;
                saa += x * x;
                sbb += y * y;
                sab += x * y;
                count++;
            }
            double covariance = count < 3 ? 0 : sab - sa * sb / count;
            double varA = count < 3 ? 0 : saa - sa * sa / count;
            double varB = count < 3 ? 0 : sbb - sb * sb / count;
            r[k + maxLag] = varA > 0 && varB > 0 ? covariance / Math.sqrt(varA * varB) : 0;
            if (k == 0) {
                result.overlap = count;
                result.stdA = count < 2 ? 0 : Math.sqrt(Math.max(0, varA) / (count - 1));
                result.stdB = count < 2 ? 0 : Math.sqrt(Math.max(0, varB) / (count - 1));
            }
        }
        int best = maxLag;
        int sign = forcedSign;
        for (int j = 0; j < r.length; j++) {
            double score = forcedSign != 0 ? forcedSign * r[j] : config.allowSignFlip() ? Math.abs(r[j]) : r[j];
            double bestScore = forcedSign != 0 ? forcedSign * r[best] : config.allowSignFlip() ? Math.abs(r[best])
                    : r[best];
            if (score > bestScore) {
                best = j;
            }
        }
        if (sign == 0) {
            sign = r[best] < 0 ? -1 : 1;
        }
        result.sign = sign;
        result.correlation = r[best];
        result.onEdge = best == 0 || best == r.length - 1;
        double delta = 0;
        if (!result.onEdge) {
            double left = sign * r[best - 1];
            double centre = sign * r[best];
            double right = sign * r[best + 1];
            double curvature = left - 2 * centre + right;
            if (curvature < 0) {
                delta = 0.5 * (left - right) / curvature;
                delta = Math.max(-0.5, Math.min(0.5, delta));
            }
        }
        result.lagSamples = best - maxLag + delta;
        return result;
    }

    private static final class Peak {
        double lagSamples;
        double correlation;
        int sign = 1;
        boolean onEdge;
        int overlap;
        double stdA;
        double stdB;
    }
}
