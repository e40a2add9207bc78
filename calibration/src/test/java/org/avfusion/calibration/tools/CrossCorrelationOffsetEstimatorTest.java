package org.avfusion.calibration.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossCorrelationOffsetEstimatorTest {
    private static final long SEED = 20261127L;
    private static final long SECOND = 1_000_000_000L;

    /** A yaw-rate-like motion: a sum of slow sinusoids (turns) with seeded random periods and phases, rad/s. */
    private static double motion(double tSeconds, long seed) {
        Random random = new Random(seed);
        double value = 0;
        for (int k = 0; k < 6; k++) {
            double period = 2 + 10 * random.nextDouble();
            double phase = 2 * Math.PI * random.nextDouble();
            value += 0.15 * Math.sin(2 * Math.PI * tSeconds / period + phase);
        }
        return value;
    }

    /** The motion sampled at {@code hz} from {@code startNanos} for {@code seconds}, scaled, with seeded noise. */
    private static SampledSignal sampled(String name, double hz, long startNanos, double seconds, double scale,
            double noise, long clockOffsetNanos, Random random) {
        int n = (int) (seconds * hz);
        long[] stamps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            long t = startNanos + Math.round(i * SECOND / hz);
            stamps[i] = t + clockOffsetNanos;
            values[i] = scale * motion(t / 1e9, SEED) + noise * random.nextGaussian();
        }
        return new SampledSignal(name, stamps, values);
    }

    @ParameterizedTest(name = "B {0} ms late, sampled at 10 Hz against A at 30 Hz")
    @CsvSource({"0", "37", "-120", "250", "3.5"})
    void recoversAKnownOffsetBetween30HzAnd10HzSignals(double offsetMillis) {
        Random random = new Random(SEED);
        long offsetNanos = Math.round(offsetMillis * 1e6);
        SampledSignal a = sampled("a", 30, 0, 120, 1.0, 0.02, 0, random);
        SampledSignal b = sampled("b", 10, 5_000_000L, 120, 1.0, 0.0, offsetNanos, random);

        TimeOffsetEstimate e = CrossCorrelationOffsetEstimator.estimate(a, b, TimeOffsetConfig.DEFAULTS);

        assertTrue(e.estimable(), e.reason());
        assertEquals(offsetMillis, e.offsetMillis(), 2.0, "offset ms");
        assertTrue(e.uncertaintyMillis() < 3.0, "uncertainty " + e.uncertaintyMillis() + " ms");
        assertEquals(1, e.sign());
        assertTrue(e.peakCorrelation() > 0.9, "peak " + e.peakCorrelation());
    }

    @Test
    void findsTheSignOfAnAxisMountedUpsideDownAndIgnoresScale() {
        Random random = new Random(SEED);
        SampledSignal a = sampled("imu y", 30, 0, 90, -57.3, 1.0, 0, random);
        SampledSignal b = sampled("odom z", 10, 0, 90, 1.0, 0.0, 60_000_000L, random);

        TimeOffsetEstimate e = CrossCorrelationOffsetEstimator.estimate(a, b, TimeOffsetConfig.DEFAULTS);

        assertTrue(e.estimable(), e.reason());
        assertEquals(-1, e.sign());
        assertEquals(60.0, e.offsetMillis(), 2.0);
    }

    @Test
    void refusesToEstimateWithoutMotion() {
        Random random = new Random(SEED);
        int n = 3000;
        long[] stamps = new long[n];
        double[] still = new double[n];
        for (int i = 0; i < n; i++) {
            stamps[i] = i * 33_333_333L;
            still[i] = 0.001 * random.nextGaussian();
        }
        SampledSignal a = new SampledSignal("imu y", stamps, still);
        SampledSignal b = new SampledSignal("odom z", stamps, new double[n]);

        TimeOffsetEstimate e = CrossCorrelationOffsetEstimator.estimate(a, b, TimeOffsetConfig.DEFAULTS);

        assertFalse(e.estimable());
        assertTrue(e.reason().contains("no motion"), e.reason());
        assertTrue(Double.isNaN(e.offsetNanos()));
    }

    @Test
    void refusesAPeakOnTheEdgeOfTheLagRange() {
        Random random = new Random(SEED);
        SampledSignal a = sampled("a", 30, 0, 60, 1.0, 0.0, 0, random);
        SampledSignal b = sampled("b", 30, 0, 60, 1.0, 0.0, 900_000_000L, random);

        TimeOffsetEstimate e = CrossCorrelationOffsetEstimator.estimate(a, b,
                TimeOffsetConfig.DEFAULTS.withMaxLagNanos(300_000_000L));

        assertFalse(e.estimable());
        assertTrue(e.reason().contains("edge of the lag range") || e.reason().contains("weaker"), e.reason());
    }

    @Test
    void refusesSignalsThatBarelyOverlap() {
        Random random = new Random(SEED);
        SampledSignal a = sampled("a", 30, 0, 10, 1.0, 0.0, 0, random);
        SampledSignal b = sampled("b", 30, 9 * SECOND, 10, 1.0, 0.0, 0, random);

        TimeOffsetEstimate e = CrossCorrelationOffsetEstimator.estimate(a, b, TimeOffsetConfig.DEFAULTS);

        assertFalse(e.estimable());
        assertTrue(e.reason().contains("share"), e.reason());
    }

    @Test
    void shiftingOneStreamShiftsTheEstimateByTheSameAmount() {
        Random random = new Random(SEED);
        SampledSignal a = sampled("a", 30, 0, 120, 1.0, 0.05, 0, random);
        SampledSignal b = sampled("b", 10, 0, 120, 1.0, 0.01, 12_000_000L, random);

        TimeOffsetEstimate before = CrossCorrelationOffsetEstimator.estimate(a, b, TimeOffsetConfig.DEFAULTS);
        TimeOffsetEstimate after = CrossCorrelationOffsetEstimator.estimate(a, b.shifted(37_000_000L),
                TimeOffsetConfig.DEFAULTS);

        assertEquals(37.0, after.offsetMillis() - before.offsetMillis(), 1.0);
    }
}
