package org.avfusion.runtime.cli.ego;

import java.util.Objects;
import org.avfusion.runtime.ego.EgoMeasurement;

/**
 * A measurement with the time it arrived (was logged): replay order. For GNSS the measurement's own stamp is
 * the fix's epoch on the log clock, earlier than its arrival by the receiver's latency.
 */
public record TimedMeasurement(long arrivalNanos, EgoMeasurement measurement) {
    public TimedMeasurement {
        Objects.requireNonNull(measurement, "measurement");
    }
}
