package org.avfusion.runtime.cli.ego;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The source groups a user can pick with {@code --sources}. */
public enum SourceSelection {
    /** IMU yaw rate (and acceleration). */
    IMU,
    /** CAN speed and wheel speeds; wheel odometry twist in a bag. */
    CAN,
    /** GNSS fixes. */
    GNSS;

    /** Parses {@code imu,can,gnss}; an unknown name is an IllegalArgumentException naming it and the choices. */
    public static Set<SourceSelection> parse(String list) {
        Set<SourceSelection> out = EnumSet.noneOf(SourceSelection.class);
        for (String part : list.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                out.add(valueOf(p.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--sources: unknown source '" + p + "'; choose from imu, can, gnss"
                        + " (lidar odometry is not built yet)");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--sources: name at least one of imu, can, gnss");
        }
        return out;
    }
}
