package org.avfusion.calibration.time;

/**
 * The calibrated offset of one sensor's clock: {@code sensorStamp = vehicleTime + offsetNanos}.
 * Subtract it from a reported stamp to get vehicle time.
 */
public record ClockOffset(long offsetNanos) {
    public static final ClockOffset ZERO = new ClockOffset(0);

    public static ClockOffset ofMillis(double offsetMillis) {
        return new ClockOffset(Math.round(offsetMillis * 1_000_000.0));
    }

    /** Vehicle time of a stamp this sensor reported. */
    public long toVehicleNanos(long sensorStampNanos) {
        return sensorStampNanos - offsetNanos;
    }
}
