package org.avfusion.runtime.config;

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
        Check.present("sensors[].name", name);
        Check.present("sensors[" + name + "].kind", kind);
        Check.present("sensors[" + name + "].ringFullPolicy", ringFullPolicy);
        Check.positive("sensors[" + name + "].timeoutMillis", timeoutMillis);
        if (!Double.isFinite(clockOffsetMillis)) {
            throw new ConfigException("sensors[" + name + "].clockOffsetMillis must be finite, was " + clockOffsetMillis);
        }
        try {
            new SensorId(name, kind);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sensors[].name: " + e.getMessage(), e);
        }
    }

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
