package org.avfusion.drivers.frame;

import java.util.Objects;

/**
 * Immutable header of one frame.
 *
 * @param sensor     the sensor that captured the frame
 * @param stampNanos capture time in the vehicle's monotonic time base, as the sensor (or its driver)
 *                   reports it. A sensor whose clock runs off the vehicle clock by a constant offset
 *                   reports stamps off by that offset; the alignment stage removes it using the
 *                   calibrated per-sensor offset. For a lidar sweep this is the time of its first point.
 * @param sequence   per-sensor sequence number, starting at 0 and increasing by one per frame the
 *                   driver produced; a gap means frames were lost before or in the driver
 */
public record FrameHeader(SensorId sensor, long stampNanos, long sequence) {
    public FrameHeader {
        Objects.requireNonNull(sensor, "sensor");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, was " + sequence + " for " + sensor);
        }
    }
}
