package org.avfusion.drivers.recorded.comma2k19;

import java.util.Objects;

/**
 * One signal of a segment: sample times and values, row {@code i} of {@code values} taken at {@code timesSeconds[i]}.
 * The arrays are owned by the series (not copied, for size): callers must not modify them.
 *
 * @param name         the signal's path in the segment, e.g. {@code processed_log/CAN/speed}
 * @param timesSeconds the device's monotonic boot clock, seconds
 * @param values       rows x columns
 */
public record TimeSeries(String name, double[] timesSeconds, double[][] values) {

    public TimeSeries {
        Objects.requireNonNull(name, "name");
        if (timesSeconds.length != values.length) {
            throw new IllegalArgumentException(name + ": " + timesSeconds.length + " times but " + values.length
                    + " values");
        }
    }

    /** An absent signal: no rows. */
    public static TimeSeries empty(String name) {
        return new TimeSeries(name, new double[0], new double[0][]);
    }

    public int size() {
        return timesSeconds.length;
    }

    public boolean isEmpty() {
        return timesSeconds.length == 0;
    }
}
