package org.avfusion.runtime.ego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link GnssLatencyEstimator} on generated drives with a known latency and clock offset (fixed seeds). */
class GnssLatencyEstimatorTest {

    /** Speed 10 + 3 sin(0.3 t) m/s along a straight line; fixes at 10 Hz logged {@code latency} after their epoch. */
    private static GnssLatency run(double latency, double speedAmplitude, long seed) {
        Random r = new Random(seed);
        double clockOffset = 1.5e9;
        int n = 600;
        double[] log = new double[n];
        double[] epoch = new double[n];
        double[] east = new double[n];
        double[] north = new double[n];
        for (int i = 0; i < n; i++) {
            double t = 100 + 0.1 * i;
            epoch[i] = t + clockOffset;
            log[i] = t + latency + 0.005 * r.nextGaussian();
            east[i] = distance(t, speedAmplitude) + 0.05 * r.nextGaussian();
        }
        int m = 100 * 70;
        double[] times = new double[m];
        double[] speeds = new double[m];
        for (int i = 0; i < m; i++) {
            times[i] = 95 + 0.01 * i;
            speeds[i] = 10 + speedAmplitude * Math.sin(0.3 * times[i]);
        }
        return GnssLatencyEstimator.estimate(log, epoch, east, north, times, speeds, 1.0);
    }

    private static double distance(double t, double amplitude) {
        return 10 * t - amplitude / 0.3 * Math.cos(0.3 * t);
    }

    @Test
    void recoversTheLatencyItWasGiven() {
        double[][] table = {{0.0}, {0.1}, {0.25}, {0.6}};
        for (double[] row : table) {
            GnssLatency l = run(row[0], 3, 11);
            assertTrue(l.observable());
            assertEquals(row[0], l.latencySeconds(), 0.01, "latency " + row[0]);
            assertEquals(1.5e9, l.clockOffsetSeconds(), 0.01);
            assertEquals(0.0034, l.jitterSeconds(), 0.002, "median absolute deviation of N(0, 5 ms)");
        }
    }

    @Test
    void constantSpeedLeavesTheLatencyUnobservable() {
        GnssLatency l = run(0.1, 0, 12);
        assertFalse(l.observable());
        assertTrue(Double.isNaN(l.clockOffsetSeconds()));
    }

    @Test
    void aSecondReceiverOnTheSameClockTakesTheOffset() {
        double[] log = {10.2, 10.3, 10.4};
        double[] epoch = {1000.0, 1000.1, 1000.2};
        GnssLatency l = GnssLatencyEstimator.onSharedClock(log, epoch, 990.0);
        assertEquals(0.2, l.latencySeconds(), 1e-9);
        assertEquals(0.0, l.jitterSeconds(), 1e-9);
    }
}
