package org.avfusion.drivers.ins.ncom;

import java.util.Objects;

/**
 * One decoded NCOM packet. OxTS vehicle frame: x forward, y right, z down; angular rates about those axes (so
 * {@code angularRateZ} is clockwise-positive: an ENU yaw rate is its negative). A field the packet marks invalid, or
 * that its status does not carry, is {@code NaN}.
 *
 * @param navStatus          byte 21
 * @param millisInMinute     bytes 1-2: milliseconds into the current GPS minute, 0-59999
 * @param gpsSeconds         GPS time, seconds since 1980-01-06, once status channel 0 has given the minute; NaN before
 * @param accelXMetersPerSec2 forward specific force
 * @param accelYMetersPerSec2 right
 * @param accelZMetersPerSec2 down
 * @param angularRateXRadPerSec roll rate
 * @param angularRateYRadPerSec pitch rate
 * @param angularRateZRadPerSec yaw rate about the down axis
 * @param latitudeDeg        WGS-84
 * @param longitudeDeg       WGS-84
 * @param altitudeMeters     altitude
 * @param velocityNorthMetersPerSec north
 * @param velocityEastMetersPerSec  east
 * @param velocityDownMetersPerSec  down
 * @param headingDeg         [0, 360), clockwise from north
 * @param pitchDeg           pitch
 * @param rollDeg            roll
 * @param statusChannel      byte 62: which status channel bytes 63-70 carry
 * @param satellites         from status channel 0 in this packet, else -1
 * @param positionMode       GNSS position mode from status channel 0 in this packet, else -1
 */
public record NcomPacket(
        NcomNavStatus navStatus,
        int millisInMinute,
        double gpsSeconds,
        double accelXMetersPerSec2,
        double accelYMetersPerSec2,
        double accelZMetersPerSec2,
        double angularRateXRadPerSec,
        double angularRateYRadPerSec,
        double angularRateZRadPerSec,
        double latitudeDeg,
        double longitudeDeg,
        double altitudeMeters,
        double velocityNorthMetersPerSec,
        double velocityEastMetersPerSec,
        double velocityDownMetersPerSec,
        double headingDeg,
        double pitchDeg,
        double rollDeg,
        int statusChannel,
        int satellites,
        int positionMode) {

    public NcomPacket {
        Objects.requireNonNull(navStatus, "navStatus");
    }

    /** Horizontal speed from the north and east velocities, m/s. */
    public double groundSpeedMetersPerSec() {
        return Math.hypot(velocityNorthMetersPerSec, velocityEastMetersPerSec);
    }
}
