package org.avfusion.runtime.align;

import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;

/**
 * One sensor as the aligner sees it.
 *
 * @param id            the sensor
 * @param offsetNanos   calibrated clock offset: sensor stamp = vehicle time + offset
 * @param timeoutNanos  silence (vehicle time since its last frame arrived) after which it is {@link SensorStatus#SILENT}
 */
public record AlignerSensor(SensorId id, long offsetNanos, long timeoutNanos) {
    public AlignerSensor {
        Objects.requireNonNull(id, "id");
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout of " + id + " must be > 0 ns, was " + timeoutNanos);
        }
    }
}
