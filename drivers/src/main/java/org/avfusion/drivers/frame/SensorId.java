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

    @Override
    public String toString() {
        return name;
    }
}
