package org.avfusion.drivers.gnss.nmea;

import java.util.Locale;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;

/**
 * Writes real NMEA 0183 sentences, with correct checksums and CR LF, from a {@link GnssFix}: for simulators and
 * tests. {@link NmeaDecoder} reads back what this writes: latitude and longitude to better than 1e-9 degrees
 * (minutes with 7 decimals), time to the millisecond, altitude to the millimetre, speed to 1e-4 knot, track to
 * 1e-3 degree.
 *
 * <p>Conventions, chosen so that a GGA + RMC pair carries the whole fix: the time is {@code hhmmss.ss}, or
 * {@code hhmmss.sss} when the milliseconds are not a multiple of 10; a {@link FixMode#FIX_2D} fix has an empty
 * GGA altitude (the way receivers report 2D, and how the decoder tells 2D from 3D without GSA); a
 * {@link FixMode#NO_FIX} fix has GGA quality 0, RMC status {@code V} and mode indicator {@code N}. Unknown values
 * ({@code NaN}, {@link GnssFix#UNKNOWN_TIME}, {@code satellitesUsed == -1}) are written as empty fields. Stateless
 * and thread-safe; allocates the returned string.
 */
public final class NmeaWriter {

    private static final double MPS_TO_KNOTS = 3600.0 / 1852.0;
    private static final long DAY_MILLIS = 86_400_000L;

    private NmeaWriter() {
    }

    /**
     * {@code "$<talker>GGA,hhmmss.ss,ddmm.mmmmmmm,N,dddmm.mmmmmmm,E,q,nn,h.hh,alt,M,0.0,M,,*hh\r\n"} from a fix (uses
     * utcEpochMillis, lat, lon, altitudeMslMeters, mode, hdop, satellitesUsed).
     *
     * @param talker two upper-case letters, e.g. {@code "GP"} or {@code "GN"}
     */
    public static String gga(GnssFix fix, String talker) {
        checkTalker(talker);
        StringBuilder b = new StringBuilder(96).append('$').append(talker).append("GGA,");
        time(b, fix.utcEpochMillis());
        b.append(',');
        position(b, fix);
        b.append(',').append(fix.mode() == FixMode.NO_FIX ? '0' : '1').append(',');
        if (fix.satellitesUsed() >= 0) {
            b.append(String.format(Locale.ROOT, "%02d", fix.satellitesUsed()));
        }
        b.append(',');
        if (!Double.isNaN(fix.hdop())) {
            b.append(String.format(Locale.ROOT, "%.2f", fix.hdop()));
        }
        b.append(',');
        if (fix.mode() != FixMode.FIX_2D && !Double.isNaN(fix.altitudeMslMeters())) {
            b.append(String.format(Locale.ROOT, "%.3f", fix.altitudeMslMeters()));
        }
        b.append(",M,0.0,M,,");
        return finish(b);
    }

    /**
     * {@code "$<talker>RMC,hhmmss.ss,A,lat,N,lon,E,speedKnots,trackDeg,ddmmyy,,,A*hh\r\n"} (status {@code V} and
     * mode indicator {@code N} when no fix).
     *
     * @param talker two upper-case letters, e.g. {@code "GP"} or {@code "GN"}
     */
    public static String rmc(GnssFix fix, String talker) {
        checkTalker(talker);
        boolean valid = fix.mode() != FixMode.NO_FIX;
        StringBuilder b = new StringBuilder(96).append('$').append(talker).append("RMC,");
        time(b, fix.utcEpochMillis());
        b.append(',').append(valid ? 'A' : 'V').append(',');
        position(b, fix);
        b.append(',');
        if (!Double.isNaN(fix.speedMetersPerSecond())) {
            b.append(String.format(Locale.ROOT, "%.4f", fix.speedMetersPerSecond() * MPS_TO_KNOTS));
        }
        b.append(',');
        if (!Double.isNaN(fix.trackDeg())) {
            double track = fix.trackDeg() % 360;
            b.append(String.format(Locale.ROOT, "%.3f", track < 0 ? track + 360 : track));
        }
        b.append(',');
        if (fix.utcEpochMillis() != GnssFix.UNKNOWN_TIME) {
            java.time.LocalDate d = java.time.LocalDate.ofEpochDay(Math.floorDiv(fix.utcEpochMillis(), DAY_MILLIS));
            b.append(String.format(Locale.ROOT, "%02d%02d%02d", d.getDayOfMonth(), d.getMonthValue(),
                    d.getYear() % 100));
        }
        b.append(",,,").append(valid ? 'A' : 'N');
        return finish(b);
    }

    private static void checkTalker(String talker) {
        if (talker == null || talker.length() != 2 || !Character.isUpperCase(talker.charAt(0))
                || !Character.isUpperCase(talker.charAt(1)) || talker.charAt(0) == 'P') {
            throw new IllegalArgumentException("talker must be two upper-case letters (not starting with P), e.g. "
                    + "\"GP\": " + talker);
        }
    }

    private static void time(StringBuilder b, long utcEpochMillis) {
        if (utcEpochMillis == GnssFix.UNKNOWN_TIME) {
            return;
        }
        long tod = Math.floorMod(utcEpochMillis, DAY_MILLIS);
        long ms = tod % 1000;
        long s = tod / 1000;
        b.append(String.format(Locale.ROOT, "%02d%02d%02d", s / 3600, s / 60 % 60, s % 60));
        if (ms % 10 == 0) {
            b.append(String.format(Locale.ROOT, ".%02d", ms / 10));
        } else {
            b.append(String.format(Locale.ROOT, ".%03d", ms));
        }
    }

    private static void position(StringBuilder b, GnssFix fix) {
        if (Double.isNaN(fix.latitudeDeg()) || Double.isNaN(fix.longitudeDeg())) {
            b.append(",,,");
            return;
        }
        coordinate(b, fix.latitudeDeg(), 2, 'N', 'S');
        b.append(',');
        coordinate(b, fix.longitudeDeg(), 3, 'E', 'W');
    }

    private static void coordinate(StringBuilder b, double deg, int degreeDigits, char positive, char negative) {
        double abs = Math.abs(deg);
        long tenMillionthsOfMinute = Math.round(abs * 60 * 1e7);
        long wholeDeg = tenMillionthsOfMinute / (60 * 10_000_000L);
        long rest = tenMillionthsOfMinute - wholeDeg * 60 * 10_000_000L;
        b.append(String.format(Locale.ROOT, "%0" + degreeDigits + "d%02d.%07d", wholeDeg, rest / 10_000_000L,
                rest % 10_000_000L));
        b.append(',').append(deg < 0 ? negative : positive);
    }

    private static String finish(StringBuilder b) {
        int checksum = 0;
        for (int i = 1; i < b.length(); i++) {
            checksum ^= b.charAt(i);
        }
        return b.append('*').append(String.format("%02X", checksum)).append("\r\n").toString();
    }
}
