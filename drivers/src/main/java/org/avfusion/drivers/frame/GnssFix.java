package org.avfusion.drivers.frame;

import java.util.Objects;

/**
 * One GNSS position fix. Fields the receiver did not report are {@code NaN} (or {@link #UNKNOWN_TIME}).
 *
 * @param utcEpochMillis     UTC time of the fix in milliseconds since 1970, or {@link #UNKNOWN_TIME} when the
 *                           receiver has not reported the date yet
 * @param latitudeDeg        WGS-84 latitude, degrees, north positive, in [-90, 90]
 * @param longitudeDeg       WGS-84 longitude, degrees, east positive, in [-180, 180]
 * @param altitudeMslMeters  altitude above mean sea level, metres
 * @param speedMetersPerSecond speed over ground, m/s, >= 0
 * @param trackDeg           course over ground, degrees clockwise from true north, in [0, 360)
 * @param mode               fix mode
 * @param hdop               horizontal dilution of precision (dimensionless)
 * @param satellitesUsed     satellites used in the fix, or -1 when not reported
 */
public record GnssFix(
        long utcEpochMillis,
        double latitudeDeg,
        double longitudeDeg,
        double altitudeMslMeters,
        double speedMetersPerSecond,
        double trackDeg,
        FixMode mode,
        double hdop,
        int satellitesUsed) implements Payload {

    public static final long UNKNOWN_TIME = Long.MIN_VALUE;

    public GnssFix {
        Objects.requireNonNull(mode, "mode");
        if (!Double.isNaN(latitudeDeg) && (latitudeDeg < -90 || latitudeDeg > 90)) {
            throw new IllegalArgumentException("latitudeDeg out of [-90, 90]: " + latitudeDeg);
        }
        if (!Double.isNaN(longitudeDeg) && (longitudeDeg < -180 || longitudeDeg > 180)) {
            throw new IllegalArgumentException("longitudeDeg out of [-180, 180]: " + longitudeDeg);
        }
        if (speedMetersPerSecond < 0) {
            throw new IllegalArgumentException("speedMetersPerSecond must be >= 0: " + speedMetersPerSecond);
        }
    }

    /** True when latitude and longitude are known and the mode is a 2D or 3D fix. */
    public boolean hasPosition() {
        return mode != FixMode.NO_FIX && !Double.isNaN(latitudeDeg) && !Double.isNaN(longitudeDeg);
    }

    @Override
    public SensorKind kind() {
        return SensorKind.GNSS;
    }
}
