package org.avfusion.drivers.lidar;

import java.util.Locale;

/** The lidar sensor models this package decodes, with their command-line names. */
public enum LidarModel {
    /** Velodyne VLP-16 (Puck), factory byte 0x22. */
    VLP16("vlp16", 0x22),
    /** Velodyne HDL-32E, factory byte 0x21. */
    HDL32("hdl32", 0x21),
    /** Ouster OS1, firmware 2.x legacy packet profile (decoded with the sensor's metadata JSON). */
    OS1("os1", -1);

    private final String cliName;
    private final int velodyneProductByte;

    LidarModel(String cliName, int velodyneProductByte) {
        this.cliName = cliName;
        this.velodyneProductByte = velodyneProductByte;
    }

    /** Lower-case name used on the command line and in config, e.g. {@code vlp16}. */
    public String cliName() {
        return cliName;
    }

    /** Velodyne factory (product) byte, the last byte of a data packet; -1 for non-Velodyne models. */
    public int velodyneProductByte() {
        return velodyneProductByte;
    }

    /** The Velodyne model with this factory byte, or {@code null} when none of ours has it. */
    public static LidarModel fromVelodyneProductByte(int productByte) {
        for (LidarModel m : values()) {
            if (m.velodyneProductByte == productByte) {
                return m;
            }
        }
        return null;
    }

    /**
     * Parses a command-line name.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static LidarModel parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (LidarModel m : values()) {
            if (m.cliName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown lidar model '" + name + "': write vlp16, hdl32 or os1");
    }
}
