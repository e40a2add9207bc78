package org.avfusion.runtime.config;

import static org.avfusion.calibration.yaml.Bounds.*;

import org.avfusion.runtime.ring.RingFullPolicy;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;

/**
 * One configured sensor.
 *
 * @param name              sensor name, as in frames and calibration (e.g. {@code lidar_top})
 * @param kind              LIDAR, CAMERA, GNSS or IMU
 * @param clockOffsetMillis calibrated offset of the sensor clock: sensor stamp = vehicle time + offset
 * @param timeoutMillis     silence after which the sensor counts as missing in aligned sets
 * @param ringFullPolicy    what its frames get when the ring is full
 * @param critical          whether deciding without it is unsafe (its absence forces a fail-safe STOP)
 */
public record SensorConfig(
        String name, SensorKind kind, double clockOffsetMillis, double timeoutMillis, RingFullPolicy ringFullPolicy,
        boolean critical) {

    public SensorConfig {
        requireNonBlank("sensors[].name", name, "lidar_top");
        requireEnum("sensors[" + name + "].kind", kind, SensorKind.class);
        requireEnum("sensors[" + name + "].ringFullPolicy", ringFullPolicy, RingFullPolicy.class);
        requirePositive("sensors[" + name + "].timeoutMillis", timeoutMillis, MAX_TIMEOUT_MILLIS, "ms");
        requireInRange("sensors[" + name + "].clockOffsetMillis", clockOffsetMillis, -MAX_CLOCK_OFFSET_MILLIS,
                MAX_CLOCK_OFFSET_MILLIS, "ms");
        try {
            new SensorId(name, kind);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sensors[].name: " + e.getMessage(), e);
        }
    }

    /** Longest sensor time-out: one minute (a critical sensor silent longer than that is not a time-out). */
    public static final double MAX_TIMEOUT_MILLIS = 60_000;
    /** Largest clock offset: one hour; offsets are calibrated skews between synchronised clocks, not epochs. */
    public static final double MAX_CLOCK_OFFSET_MILLIS = 3_600_000;

    public SensorId id() {
        return new SensorId(name, kind);
    }

    public long clockOffsetNanos() {
        return Math.round(clockOffsetMillis * 1e6);
    }

    public long timeoutNanos() {
        return Math.round(timeoutMillis * 1e6);
    }
}
