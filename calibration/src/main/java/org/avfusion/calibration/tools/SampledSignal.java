package org.avfusion.calibration.tools;

import java.util.Arrays;

/**
 * A scalar signal sampled at strictly increasing times, e.g. a yaw rate in rad/s from one sensor.
 *
 * <p>Immutable: the arrays are copied in and out, so neither side can change the other's samples.
 *
 * @param name        what the signal is, for messages ("imu angular_velocity.y")
 * @param stampNanos  sample times, nanoseconds on the sensor's own clock, strictly increasing
 * @param values      sample values, finite, same length as {@code stampNanos}
 */
public record SampledSignal(String name, long[] stampNanos, double[] values) {

    public SampledSignal {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: say what the signal is");
        }
        if (stampNanos == null || values == null) {
            throw new IllegalArgumentException(name + ": stampNanos and values are required");
        }
        if (stampNanos.length != values.length) {
            throw new IllegalArgumentException(name + ": " + stampNanos.length + " stamps but " + values.length
                    + " values");
        }
        stampNanos = stampNanos.clone();
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + ": value[" + i + "] is " + values[i]);
            }
            if (i > 0 && stampNanos[i] <= stampNanos[i - 1]) {
                throw new IllegalArgumentException(name + ": stampNanos[" + i + "] = " + stampNanos[i]
                        + " is not after stampNanos[" + (i - 1) + "] = " + stampNanos[i - 1]);
            }
        }
    }

    @Override
    public long[] stampNanos() {
        return stampNanos.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    /** Time of the first sample; the signal must not be empty. */
    public long firstNanos() {
        return stampNanos[0];
    }

    /** Time of the last sample; the signal must not be empty. */
    public long lastNanos() {
        return stampNanos[stampNanos.length - 1];
    }

    /** The same samples with every stamp moved by {@code deltaNanos} (a clock that runs that much later). */
    public SampledSignal shifted(long deltaNanos) {
        long[] moved = stampNanos.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += deltaNanos;
        }
        return new SampledSignal(name, moved, values);
    }

    /** The same samples with every value multiplied by {@code factor} (e.g. -1 for an axis mounted upside down). */
    public SampledSignal scaled(double factor) {
        double[] scaledValues = values.clone();
        for (int i = 0; i < scaledValues.length; i++) {
            scaledValues[i] *= factor;
        }
        return new SampledSignal(name, stampNanos, scaledValues);
    }

    /** The samples with stamps in {@code [fromNanos, toNanos)}. */
    public SampledSignal between(long fromNanos, long toNanos) {
        int from = lowerBound(fromNanos);
        int to = lowerBound(toNanos);
        return new SampledSignal(name, Arrays.copyOfRange(stampNanos, from, Math.max(from, to)),
                Arrays.copyOfRange(values, from, Math.max(from, to)));
    }

    /**
     * The value at {@code tNanos}, linearly interpolated between the two samples around it; NaN outside the signal
     * or where those two samples are more than {@code maxGapNanos} apart.
     */
    public double interpolate(long tNanos, long maxGapNanos) {
        int hi = lowerBound(tNanos);
        if (hi < stampNanos.length && stampNanos[hi] == tNanos) {
            return values[hi];
        }
        if (hi == 0 || hi >= stampNanos.length) {
            return Double.NaN;
        }
        long t0 = stampNanos[hi - 1];
        long t1 = stampNanos[hi];
        if (t1 - t0 > maxGapNanos) {
            return Double.NaN;
        }
        double w = (double) (tNanos - t0) / (double) (t1 - t0);
        return values[hi - 1] + w * (values[hi] - values[hi - 1]);
    }

    private int lowerBound(long tNanos) {
        int i = Arrays.binarySearch(stampNanos, tNanos);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampledSignal s && name.equals(s.name) && Arrays.equals(stampNanos, s.stampNanos)
                && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(stampNanos)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SampledSignal[" + name + ", " + values.length + " samples]";
    }
}
