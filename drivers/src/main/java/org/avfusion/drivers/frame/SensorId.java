package org.avfusion.drivers.frame;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names one physical sensor on the rig, e.g. {@code lidar_top} of kind {@link SensorKind#LIDAR}.
 *
 * <p>The name is the key used in config, calibration and MQTT payloads: lower case letters, digits and
 * underscores, starting with a letter.
 */
public record SensorId(String name, SensorKind kind) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public SensorId {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("sensor name '" + name
                    + "' must match [a-z][a-z0-9_]* (at most 63 characters), e.g. lidar_top");
        }
    }

    /**
     * Written out, with the record's contract: a record's generated {@code equals} and {@code hashCode} are bound
     * through method handles on their first call, and the ones of the records compared at start-up (this one,
     * {@code MountPose}, {@code DistortionCoefficients}) made the JVM generate 77 of the 171 classes a replay spun
     * that way (docs/PERFORMANCE.md, "Start-up: records compared by hand"). The kind's ordinal, not its identity
     * hash, so that a map keyed by sensors iterates in the same order in every run.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SensorId other && name.equals(other.name) && kind == other.kind;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + kind.ordinal();
    }

    @Override
    public String toString() {
        return name;
    }
}
