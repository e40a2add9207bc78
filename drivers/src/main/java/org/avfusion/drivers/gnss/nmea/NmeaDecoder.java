package org.avfusion.drivers.gnss.nmea;

import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;

/**
 * Decodes NMEA 0183 sentences from one receiver and assembles each receiver cycle ("epoch") into one
 * {@link GnssFix}.
 *
 * <p><b>Sentences.</b> GGA, RMC, GLL (position), VTG (speed and track), ZDA (date and time), GST (time), GSA
 * (2D/3D mode, HDOP, satellites used) and GSV (validated, carries nothing a {@code GnssFix} holds) from any
 * two-letter talker (GP, GN, GL, GA, GB, BD, QZ ...). Every other well-formed sentence, proprietary ones
 * ({@code $P...}) included, is counted as unsupported. A sentence must carry its {@code *hh} checksum: one
 * without it is rejected and counted as {@link NmeaStats#missingChecksum()} because a line cut short by a
 * serial buffer looks exactly like a sentence without a checksum, and a truncated coordinate would be a
 * plausible but wrong position. Bad input never throws: it is counted in {@link #stats()} and skipped; the
 * whole sentence is dropped when any field it contributes is malformed or impossible.
 *
 * <p><b>Epochs</b>, after gpsd's cycle detection ({@code driver_nmea0183.c}, {@code nmea_parse}): a sentence
 * carrying a time of day different from the epoch in progress closes that epoch and starts a new one. At that
 * moment the decoder learns the cycle's last time-bearing sentence type (the "cycle ender"); from then on that
 * sentence type completes the epoch as soon as it arrives, so the fix leaves without waiting for the next
 * cycle. If a time-bearing sentence later arrives with the same time as the epoch just completed, the learned
 * ender was wrong: the epoch is reopened (its fix is reported again, completed, when it closes) and the ender is
 * learned afresh. Time-less sentences (GSA, GSV) join the epoch in progress. Within an epoch the last sentence
 * wins, as in gpsd: RMC/GLL status {@code V}, mode indicator {@code N} and GGA quality 0 set no fix; GSA sets
 * mode 1/2/3; GGA with a fix sets 3D when it has an altitude and 2D when not; a valid RMC/GLL raises no-fix to
 * 2D. A date seen in RMC or ZDA applies to later epochs; a time of day more than 12 hours before the last dated
 * one is taken as the next UTC day (midnight rollover). Before any date is known a fix has
 * {@link GnssFix#UNKNOWN_TIME}.
 *
 * <p><b>Units.</b> Latitude and longitude in degrees (south and west negative), altitude above mean sea level in
 * metres, speed converted from knots (or km/h) to m/s, track in degrees true. A fix with no-fix mode keeps the
 * position the receiver reported; {@link GnssFix#hasPosition()} is false for it.
 *
 * <p><b>Threading and allocation.</b> Not thread-safe: one decoder per stream, fed from one thread. Parsing reads
 * the characters in place through reused state; the only allocations are the returned {@code GnssFix} records,
 * {@link #stats()} snapshots, and error messages for rejected sentences.
 */
public final class NmeaDecoder {

    private static final double KNOTS_TO_MPS = 1852.0 / 3600.0;
    private static final double KMH_TO_MPS = 1000.0 / 3600.0;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long HALF_DAY_MILLIS = DAY_MILLIS / 2;
    private static final int NO_TIME = -1;

    private static final int NONE = 0;
    private static final int GGA = 1;
    private static final int RMC = 2;
    private static final int GLL = 3;
    private static final int VTG = 4;
    private static final int ZDA = 5;
    private static final int GST = 6;
    private static final int GSA = 7;
    private static final int GSV = 8;

    private static final int MODE_UNSET = 0;

    private final NmeaFields f = new NmeaFields();

    // counters
    private long accepted;
    private long badChecksum;
    private long missingChecksum;
    private long malformed;
    private long unsupported;
    private long impossibleValue;
    private String lastError = "";

    // cycle detection
    private int enderType = NONE;
    private int lastTimedType = NONE;
    private boolean completed;

    // date known from RMC/ZDA, carried across epochs
    private long knownEpochDay = Long.MIN_VALUE;
    private long knownDayTodMillis;

    // the epoch in progress
    private long todMillis;
    private long epochDay;
    private double latitudeDeg;
    private double longitudeDeg;
    private double altitudeMslMeters;
    private double speedMetersPerSecond;
    private double trackDeg;
    private int mode;
    private double hdop;
    private int satellitesUsed;
    private int satellitesUsedGsa;

    // values of the sentence being decoded, committed only when the whole sentence is valid
    private long sTod;
    private double sLat;
    private double sLon;
    private long sDay;

    public NmeaDecoder() {
        resetEpoch();
    }

    /**
     * Feeds one sentence, e.g. {@code "$GPGGA,...*hh"} (trailing CR/LF allowed).
     *
     * @return the fix of an epoch that this sentence completed (or that it closed because a new epoch began),
     *         else {@code null}. Never throws on bad input: bad checksum, malformed, impossible values, garbage
     *         bytes are counted in {@link #stats()} and skipped.
     */
    public GnssFix accept(CharSequence sentence) {
        if (sentence == null) {
            return reject(NmeaFields.MALFORMED, "null sentence");
        }
        int split = f.split(sentence);
        if (split != NmeaFields.OK) {
            return reject(split, f.splitProblem + " in '" + printable(sentence) + "'");
        }
        int type = typeOf();
        if (type < 0) {
            return null; // counted by typeOf
        }
        return switch (type) {
            case GGA -> gga();
            case RMC -> rmc();
            case GLL -> gll();
            case VTG -> vtg();
            case ZDA -> zda();
            case GST -> gst();
            case GSA -> gsa();
            default -> gsv();
        };
    }

    /**
     * Returns the fix of the epoch in progress, if it has a position or time, and starts a new epoch; else
     * {@code null}. Call it at the end of a stream, or after feeding a whole cycle when the cycle ender is not
     * yet known.
     */
    public GnssFix flush() {
        if (completed) {
            resetEpoch();
            return null;
        }
        GnssFix fix = buildFix(true);
        if (lastTimedType != NONE && fix != null) {
            enderType = lastTimedType;
        }
        resetEpoch();
        return fix;
    }

    /**
     * The epoch in progress as decoded so far, without closing it or changing any state: what gpsd reports after
     * each sentence of a cycle. {@code null} when that epoch has neither a position nor a time yet. For
     * diagnostics and tests; a consumer of fixes wants {@link #accept} and {@link #flush}.
     */
    public GnssFix peek() {
        return buildFix(false);
    }

    /** Counts of what was done with every sentence so far, and the last error. */
    public NmeaStats stats() {
        return new NmeaStats(accepted, badChecksum, missingChecksum, malformed, unsupported, impossibleValue,
                lastError);
    }

    // ---------------------------------------------------------------- sentence types

    /** The sentence type, or -1 after counting the sentence as unsupported or malformed. */
    private int typeOf() {
        int n = f.length(0);
        if (n == 0) {
            reject(NmeaFields.MALFORMED, "empty address field");
            return -1;
        }
        for (int i = 0; i < n; i++) {
            char c = f.charAt(0, i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                reject(NmeaFields.MALFORMED, "address '" + f.text(0) + "' is not upper-case letters and digits");
                return -1;
            }
        }
        if (n != 5 || f.charAt(0, 0) == 'P' || !isLetter(f.charAt(0, 1))) {
            unsupported++;
            lastError = f.text(0) + ": unsupported sentence type";
            return -1;
        }
        char a = f.charAt(0, 2);
        char b = f.charAt(0, 3);
        char c = f.charAt(0, 4);
        int type = NONE;
        if (a == 'G' && b == 'G' && c == 'A') {
            type = GGA;
        } else if (a == 'R' && b == 'M' && c == 'C') {
            type = RMC;
        } else if (a == 'G' && b == 'L' && c == 'L') {
            type = GLL;
        } else if (a == 'V' && b == 'T' && c == 'G') {
            type = VTG;
        } else if (a == 'Z' && b == 'D' && c == 'A') {
            type = ZDA;
        } else if (a == 'G' && b == 'S' && c == 'T') {
            type = GST;
        } else if (a == 'G' && b == 'S' && c == 'A') {
            type = GSA;
        } else if (a == 'G' && b == 'S' && c == 'V') {
            type = GSV;
        }
        if (type == NONE) {
            unsupported++;
            lastError = f.text(0) + ": unsupported sentence type";
            return -1;
        }
        return type;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private GnssFix gga() {
        if (!time(1) || !position(2, 4)) {
            return null;
        }
        int quality = f.integer(6);
        int sats = f.integer(7);
        double dop = f.number(8);
        double alt = f.number(9);
        if (f.badField >= 0) {
            return malformedField();
        }
        if (quality > 9) {
            return impossible(6, "fix quality not 0..9");
        }
        if (dop < 0) {
            return impossible(8, "HDOP < 0");
        }
        if (alt < -1000 || alt > 1_000_000) {
            return impossible(9, "altitude outside [-1000, 1e6] m");
        }
        GnssFix closed = begin(GGA);
        applyPosition();
        if (quality == 0) {
            mode = FixMode.NO_FIX.gpsdMode();
        } else if (quality > 0) {
            mode = Double.isNaN(alt) ? FixMode.FIX_2D.gpsdMode() : FixMode.FIX_3D.gpsdMode();
        }
        if (!Double.isNaN(alt)) {
            altitudeMslMeters = alt;
        }
        if (!Double.isNaN(dop)) {
            hdop = dop;
        }
        if (sats >= 0) {
            satellitesUsed = sats;
        }
        return end(GGA, closed);
    }

    private GnssFix rmc() {
        if (!time(1) || !position(3, 5)) {
            return null;
        }
        char status = f.flag(2);
        double knots = f.number(7);
        double track = f.number(8);
        if (f.badField >= 0) {
            return malformedField();
        }
        if (status != 'A' && status != 'V') {
            return impossible(2, "status not A or V");
        }
        if (!speedAndTrack(7, knots, 8, track)) {
            return null;
        }
        sDay = Long.MIN_VALUE;
        if (!f.isEmpty(9)) {
            int d = f.digits(9, 0, 2);
            int m = f.digits(9, 2, 2);
            int y = f.digits(9, 4, 2);
            if (f.length(9) != 6 || d < 0 || m < 0 || y < 0) {
                return malformed(9, "date not ddmmyy");
            }
            if (!date(9, d, m, y < 80 ? 2000 + y : 1900 + y)) {
                return null;
            }
        }
        char modeIndicator = f.flag(12);
        GnssFix closed = begin(RMC);
        applyPosition();
        applyDate();
        if (!Double.isNaN(knots)) {
            speedMetersPerSecond = knots * KNOTS_TO_MPS;
        }
        if (!Double.isNaN(track)) {
            trackDeg = track == 360 ? 0 : track;
        }
        applyStatus(status, modeIndicator);
        return end(RMC, closed);
    }

    private GnssFix gll() {
        if (!position(1, 3) || !time(5)) {
            return null;
        }
        char status = f.flag(6);
        if (status != 'A' && status != 'V') {
            return impossible(6, "status not A or V");
        }
        char modeIndicator = f.flag(7);
        GnssFix closed = begin(GLL);
        applyPosition();
        applyStatus(status, modeIndicator);
        return end(GLL, closed);
    }

    private GnssFix vtg() {
        double track;
        double knots;
        double kmh;
        if (f.flag(2) == 'T' || f.flag(2) == 0 && f.flag(4) == 'M') {
            track = f.number(1);
            knots = f.number(5);
            kmh = f.number(7);
        } else { // NMEA 1.x: track true, track magnetic, knots, km/h without unit letters
            track = f.number(1);
            knots = f.number(3);
            kmh = f.number(4);
        }
        if (f.badField >= 0) {
            return malformedField();
        }
        if (!speedAndTrack(5, knots, 1, track) || !speedAndTrack(7, kmh, 1, track)) {
            return null;
        }
        sTod = NO_TIME;
        GnssFix closed = begin(VTG);
        if (!Double.isNaN(knots)) {
            speedMetersPerSecond = knots * KNOTS_TO_MPS;
        } else if (!Double.isNaN(kmh)) {
            speedMetersPerSecond = kmh * KMH_TO_MPS;
        }
        if (!Double.isNaN(track)) {
            trackDeg = track == 360 ? 0 : track;
        }
        return end(VTG, closed);
    }

    private GnssFix zda() {
        if (!time(1)) {
            return null;
        }
        int d = f.integer(2);
        int m = f.integer(3);
        int y = f.integer(4);
        if (f.badField >= 0) {
            return malformedField();
        }
        sDay = Long.MIN_VALUE;
        if (d >= 0 || m >= 0 || y >= 0) {
            if (d < 0 || m < 0 || y < 0) {
                return malformed(d < 0 ? 2 : m < 0 ? 3 : 4, "incomplete date");
            }
            if (y < 1980 || y > 2200) {
                return impossible(4, "year outside 1980..2200");
            }
            if (!date(m < 1 || m > 12 ? 3 : 2, d, m, y)) {
                return null;
            }
        }
        GnssFix closed = begin(ZDA);
        applyDate();
        return end(ZDA, closed);
    }

    private GnssFix gst() {
        if (!time(1)) {
            return null;
        }
        for (int i = 2; i < f.count() && i <= 8; i++) {
            f.number(i);
        }
        if (f.badField >= 0) {
            return malformedField();
        }
        GnssFix closed = begin(GST);
        return end(GST, closed);
    }

    private GnssFix gsa() {
        char selection = f.flag(1);
        int fixMode = f.integer(2);
        int used = 0;
        for (int i = 3; i <= 14 && i < f.count(); i++) {
            if (f.integer(i) >= 0) {
                used++;
            }
        }
        double dop = f.number(16);
        f.number(15);
        f.number(17);
        if (f.badField >= 0) {
            return malformedField();
        }
        if (selection != 'A' && selection != 'M' && selection != 0) {
            return impossible(1, "selection mode not A or M");
        }
        if (fixMode != -1 && (fixMode < 1 || fixMode > 3)) {
            return impossible(2, "fix mode not 1, 2 or 3");
        }
        if (dop < 0) {
            return impossible(16, "HDOP < 0");
        }
        sTod = NO_TIME;
        GnssFix closed = begin(GSA);
        if (fixMode > 0) {
            mode = fixMode;
        }
        if (!Double.isNaN(dop)) {
            hdop = dop;
        }
        satellitesUsedGsa = used;
        return end(GSA, closed);
    }

    private GnssFix gsv() {
        int total = f.integer(1);
        int number = f.integer(2);
        int inView = f.integer(3);
        for (int i = 4; i < f.count(); i++) {
            f.integer(i);
        }
        if (f.badField >= 0) {
            return malformedField();
        }
        if (total < 1 || number < 1 || number > total || inView < 0) {
            return impossible(total < 1 ? 1 : number < 1 || number > total ? 2 : 3,
                    "message numbering or satellite count");
        }
        for (int i = 4; i + 2 < f.count(); i += 4) {
            if (f.integer(i + 1) > 90) {
                return impossible(i + 1, "elevation above 90 deg");
            }
            if (f.integer(i + 2) > 359) {
                return impossible(i + 2, "azimuth above 359 deg");
            }
        }
        accepted++;
        return null; // satellites in view are not part of a GnssFix and do not touch the epoch
    }

    // ---------------------------------------------------------------- field helpers

    /** Parses hhmmss[.sss] into {@link #sTod} (NO_TIME when empty); false after counting a rejection. */
    private boolean time(int field) {
        sTod = NO_TIME;
        if (f.isEmpty(field)) {
            return true;
        }
        int n = f.length(field);
        int h = f.digits(field, 0, 2);
        int m = f.digits(field, 2, 2);
        int s = f.digits(field, 4, 2);
        if (h < 0 || m < 0 || s < 0 || n == 7 || n > 6 && f.charAt(field, 6) != '.') {
            malformed(field, "time not hhmmss[.sss]");
            return false;
        }
        long fractionMillis = 0;
        int scale = 100;
        boolean roundUp = false;
        for (int i = 7; i < n; i++) {
            char c = f.charAt(field, i);
            if (c < '0' || c > '9') {
                malformed(field, "time not hhmmss[.sss]");
                return false;
            }
            if (scale >= 1) {
                fractionMillis += (c - '0') * scale;
                scale /= 10;
            } else if (i == 10) {
                roundUp = c >= '5';
            }
        }
        if (h > 23 || m > 59 || s > 60) {
            impossible(field, "time of day out of range");
            return false;
        }
        sTod = ((h * 60L + m) * 60L + s) * 1000L + fractionMillis + (roundUp ? 1 : 0);
        return true;
    }

    /** Parses a ddmm.mmm/N,dddmm.mmm/E pair into {@link #sLat}, {@link #sLon} (NaN when empty). */
    private boolean position(int latField, int lonField) {
        sLat = coordinate(latField, 'N', 'S', 90);
        if (f.badField >= 0 || Double.isInfinite(sLat)) {
            return rejectCoordinate();
        }
        sLon = coordinate(lonField, 'E', 'W', 180);
        if (f.badField >= 0 || Double.isInfinite(sLon)) {
            return rejectCoordinate();
        }
        if (Double.isNaN(sLat) != Double.isNaN(sLon)) {
            malformed(Double.isNaN(sLat) ? latField : lonField, "latitude without longitude or vice versa");
            return false;
        }
        return true;
    }

    private boolean rejectCoordinate() {
        if (f.badField >= 0) {
            malformedField();
        }
        return false;
    }

    /** Degrees, NaN when empty, infinite after counting an impossible value; sets badField when malformed. */
    private double coordinate(int field, char positive, char negative, int maxDeg) {
        double v = f.number(field);
        char hemisphere = f.flag(field + 1);
        if (Double.isNaN(v)) {
            if (f.badField < 0 && hemisphere != 0 && hemisphere != positive && hemisphere != negative) {
                impossible(field + 1, "hemisphere not " + positive + " or " + negative);
                return Double.POSITIVE_INFINITY;
            }
            return Double.NaN;
        }
        if (v < 0) {
            impossible(field, "negative ddmm.mmm");
            return Double.POSITIVE_INFINITY;
        }
        if (hemisphere != positive && hemisphere != negative) {
            impossible(field + 1, "hemisphere not " + positive + " or " + negative);
            return Double.POSITIVE_INFINITY;
        }
        double degrees = Math.floor(v / 100);
        double minutes = v - degrees * 100;
        if (minutes >= 60) {
            impossible(field, "minutes >= 60");
            return Double.POSITIVE_INFINITY;
        }
        double deg = degrees + minutes / 60;
        if (deg > maxDeg) {
            impossible(field, "more than " + maxDeg + " degrees");
            return Double.POSITIVE_INFINITY;
        }
        return hemisphere == negative ? -deg : deg;
    }

    private boolean speedAndTrack(int speedField, double speed, int trackField, double track) {
        if (speed < 0 || speed > 100_000) {
            impossible(speedField, "speed outside [0, 100000]");
            return false;
        }
        if (track < 0 || track > 360) {
            impossible(trackField, "track outside [0, 360]");
            return false;
        }
        return true;
    }

    /** Validates a calendar date into {@link #sDay} (days since 1970-01-01). */
    private boolean date(int field, int day, int month, int year) {
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            impossible(field, "no such date");
            return false;
        }
        sDay = epochDay(year, month, day);
        return true;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    // ---------------------------------------------------------------- epoch assembly

    /**
     * Puts the sentence being decoded (time in {@link #sTod}) into the right epoch. Returns the fix of an
     * epoch this sentence closed, or null.
     */
    private GnssFix begin(int type) {
        accepted++;
        GnssFix closed = null;
        if (sTod == NO_TIME) {
            if (completed) {
                resetEpoch();
            }
            return null;
        }
        if (completed) {
            if (sTod == todMillis) {
                completed = false; // the learned ender was not the last sentence of this cycle
                enderType = NONE;
            } else {
                resetEpoch();
            }
        } else if (todMillis != NO_TIME && sTod != todMillis) {
            enderType = lastTimedType;
            closed = buildFix(true);
            resetEpoch();
        }
        todMillis = sTod;
        return closed;
    }

    private GnssFix end(int type, GnssFix closed) {
        if (sTod == NO_TIME) {
            return closed;
        }
        lastTimedType = type;
        if (closed == null && type == enderType) {
            GnssFix fix = buildFix(true);
            completed = true;
            return fix;
        }
        return closed;
    }

    private void applyPosition() {
        if (!Double.isNaN(sLat)) {
            latitudeDeg = sLat;
            longitudeDeg = sLon;
        }
    }

    private void applyDate() {
        if (sDay != Long.MIN_VALUE) {
            epochDay = sDay;
        }
    }

    private void applyStatus(char status, char modeIndicator) {
        if (status == 'V' || modeIndicator == 'N') {
            mode = FixMode.NO_FIX.gpsdMode();
        } else if (mode <= FixMode.NO_FIX.gpsdMode() && !Double.isNaN(sLat)) {
            mode = FixMode.FIX_2D.gpsdMode();
        }
    }

    private GnssFix buildFix(boolean commitDate) {
        if (todMillis == NO_TIME && Double.isNaN(latitudeDeg)) {
            return null;
        }
        long utc = GnssFix.UNKNOWN_TIME;
        if (todMillis != NO_TIME) {
            long day = Long.MIN_VALUE;
            if (epochDay != Long.MIN_VALUE) {
                day = epochDay;
            } else if (knownEpochDay != Long.MIN_VALUE) {
                day = knownDayTodMillis - todMillis > HALF_DAY_MILLIS ? knownEpochDay + 1 : knownEpochDay;
            }
            if (day != Long.MIN_VALUE && commitDate) {
                knownEpochDay = day;
                knownDayTodMillis = todMillis;
            }
            if (day != Long.MIN_VALUE) {
                utc = day * DAY_MILLIS + todMillis;
            }
        }
        FixMode fixMode = switch (mode) {
            case 2 -> FixMode.FIX_2D;
            case 3 -> FixMode.FIX_3D;
            default -> FixMode.NO_FIX;
        };
        int sats = satellitesUsed >= 0 ? satellitesUsed : satellitesUsedGsa;
        return new GnssFix(utc, latitudeDeg, longitudeDeg, altitudeMslMeters, speedMetersPerSecond, trackDeg,
                fixMode, hdop, sats);
    }

    private void resetEpoch() {
        completed = false;
        todMillis = NO_TIME;
        epochDay = Long.MIN_VALUE;
        latitudeDeg = Double.NaN;
        longitudeDeg = Double.NaN;
        altitudeMslMeters = Double.NaN;
        speedMetersPerSecond = Double.NaN;
        trackDeg = Double.NaN;
        mode = MODE_UNSET;
        hdop = Double.NaN;
        satellitesUsed = -1;
        satellitesUsedGsa = -1;
    }

    // ---------------------------------------------------------------- rejection bookkeeping

    private GnssFix reject(int kind, String message) {
        switch (kind) {
            case NmeaFields.BAD_CHECKSUM -> badChecksum++;
            case NmeaFields.MISSING_CHECKSUM -> missingChecksum++;
            default -> malformed++;
        }
        lastError = message;
        return null;
    }

    private GnssFix malformedField() {
        int field = f.badField;
        return malformed(field, "not a number");
    }

    private GnssFix malformed(int field, String why) {
        malformed++;
        lastError = describe(field, why);
        return null;
    }

    private GnssFix impossible(int field, String why) {
        impossibleValue++;
        lastError = describe(field, why);
        return null;
    }

    private String describe(int field, String why) {
        return f.text(0) + " field " + field + " '" + f.text(field) + "': " + why;
    }

    private static String printable(CharSequence s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 100));
        for (int i = 0; i < s.length() && i < 100; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                b.append(c);
            } else if (c != '\r' && c != '\n') {
                b.append(String.format("\\x%02x", (int) c & 0xffff));
            }
        }
        return b.toString();
    }
}
