package org.avfusion.drivers.recorded.kitti;

import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;

/**
 * The fields of one KITTI raw OXTS record ({@code oxts/data/NNNNNNNNNN.txt}, one line of 30 numbers) that the
 * runtime uses, in the units and frames of the KITTI raw readme ({@code oxts/dataformat.txt}).
 *
 * @param latitudeDeg         field 1 {@code lat}, degrees
 * @param longitudeDeg        field 2 {@code lon}, degrees
 * @param altitudeMeters      field 3 {@code alt}, metres
 * @param yawRad              field 6 {@code yaw}: heading, rad, 0 = east, positive counter-clockwise
 * @param velocityNorthMetersPerSec field 7 {@code vn}, m/s
 * @param velocityEastMetersPerSec  field 8 {@code ve}, m/s
 * @param accelXMetersPerSec2 field 12 {@code ax}: along the vehicle's x (forward), m/s^2
 * @param accelYMetersPerSec2 field 13 {@code ay}: along y (left), m/s^2
 * @param accelZMetersPerSec2 field 14 {@code az}: along z (up), m/s^2
 * @param gyroXRadPerSec      field 18 {@code wx}: about x, rad/s
 * @param gyroYRadPerSec      field 19 {@code wy}: about y, rad/s
 * @param gyroZRadPerSec      field 20 {@code wz}: about z, rad/s
 * @param satellites          field 27 {@code numsats}
 */
public record OxtsRecord(
        double latitudeDeg,
        double longitudeDeg,
        double altitudeMeters,
        double yawRad,
        double velocityNorthMetersPerSec,
        double velocityEastMetersPerSec,
        double accelXMetersPerSec2,
        double accelYMetersPerSec2,
        double accelZMetersPerSec2,
        double gyroXRadPerSec,
        double gyroYRadPerSec,
        double gyroZRadPerSec,
        int satellites) {

    /** Fields per record in the KITTI raw readme. */
    public static final int FIELDS = 30;

    /** Field names in file order, 1-based in the readme, 0-based here. */
    public static final String[] FIELD_NAMES = {"lat", "lon", "alt", "roll", "pitch", "yaw", "vn", "ve", "vf", "vl",
        "vu", "ax", "ay", "az", "af", "al", "au", "wx", "wy", "wz", "wf", "wl", "wu", "pos_accuracy", "vel_accuracy",
        "navstat", "numsats", "posmode", "velmode", "orimode"};

    /** Below this ground speed the course comes from the heading ({@code yaw}), not from the velocity. */
    public static final double MIN_SPEED_FOR_VELOCITY_TRACK_MPS = 0.5;

    public OxtsRecord {
        if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) {
            throw new IllegalArgumentException("field lat: " + latitudeDeg + " is not in [-90, 90]");
        }
        if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) {
            throw new IllegalArgumentException("field lon: " + longitudeDeg + " is not in [-180, 180]");
        }
        double[] finite = {altitudeMeters, yawRad, velocityNorthMetersPerSec, velocityEastMetersPerSec,
            accelXMetersPerSec2, accelYMetersPerSec2, accelZMetersPerSec2, gyroXRadPerSec, gyroYRadPerSec,
            gyroZRadPerSec};
        String[] names = {"alt", "yaw", "vn", "ve", "ax", "ay", "az", "wx", "wy", "wz"};
        for (int i = 0; i < finite.length; i++) {
            if (!Double.isFinite(finite[i])) {
                throw new IllegalArgumentException("field " + names[i] + ": " + finite[i] + " is not finite");
            }
        }
    }

    /**
     * Parses one record: 30 whitespace-separated numbers.
     *
     * @throws IllegalArgumentException naming the field (number and name) and the text when a field is missing,
     *                                  not a number or out of range
     */
    public static OxtsRecord parse(String line) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " fields, found "
                    + (line.isBlank() ? 0 : parts.length));
        }
        double[] v = new double[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("field " + (i + 1) + " (" + FIELD_NAMES[i] + "): '"
                        + KittiTimestamps.abbreviate(parts[i]) + "' is not a number");
            }
        }
        double sats = v[26];
        if (!(sats >= 0 && sats <= 1000) || sats != Math.rint(sats)) {
            throw new IllegalArgumentException("field 27 (numsats): " + parts[26] + " is not a satellite count");
        }
        return new OxtsRecord(v[0], v[1], v[2], v[5], v[6], v[7], v[11], v[12], v[13], v[17], v[18], v[19],
                (int) sats);
    }

    /** Ground speed from the north and east velocities, m/s. */
    public double speedMetersPerSecond() {
        return Math.hypot(velocityNorthMetersPerSec, velocityEastMetersPerSec);
    }

    /**
     * Course over ground, degrees clockwise from north in [0, 360): from the velocity when moving at
     * {@link #MIN_SPEED_FOR_VELOCITY_TRACK_MPS} or more, otherwise from the heading ({@code yaw}, which counts
     * counter-clockwise from east).
     */
    public double trackDeg() {
        double deg = speedMetersPerSecond() >= MIN_SPEED_FOR_VELOCITY_TRACK_MPS
                ? Math.toDegrees(Math.atan2(velocityEastMetersPerSec, velocityNorthMetersPerSec))
                : 90.0 - Math.toDegrees(yawRad);
        double wrapped = deg % 360.0;
        if (wrapped < 0) {
            wrapped += 360.0;
        }
        return wrapped >= 360.0 ? 0.0 : wrapped;
    }

    /**
     * The fix this record reports: a 3D fix (the OXTS RT3003 reports a full position every record), no HDOP.
     *
     * @param utcEpochMillis the record's time from {@code oxts/timestamps.txt}
     */
    public GnssFix toGnssFix(long utcEpochMillis) {
        return new GnssFix(utcEpochMillis, latitudeDeg, longitudeDeg, altitudeMeters, speedMetersPerSecond(),
                trackDeg(), FixMode.FIX_3D, Double.NaN, satellites);
    }

    /** The inertial sample: angular rates and accelerations in the vehicle frame (x forward, y left, z up). */
    public ImuSample toImuSample() {
        return new ImuSample(gyroXRadPerSec, gyroYRadPerSec, gyroZRadPerSec, accelXMetersPerSec2,
                accelYMetersPerSec2, accelZMetersPerSec2);
    }
}
