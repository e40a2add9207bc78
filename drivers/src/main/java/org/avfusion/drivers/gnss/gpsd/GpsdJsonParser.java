package org.avfusion.drivers.gnss.gpsd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;

/**
 * Turns gpsd JSON report lines ({@code gpsd_json(5)}, protocol 3.x) into {@link GnssFix} values.
 *
 * <p>A TPV report gives one fix: {@code time} (ISO-8601 UTC; absent: {@link GnssFix#UNKNOWN_TIME}), {@code lat},
 * {@code lon}, {@code altMSL} (or, from gpsd before 3.20, {@code alt}), {@code speed} (m/s), {@code track} (deg true),
 * {@code mode} (0 unknown and 1 no fix map to {@link FixMode#NO_FIX}). gpsd puts HDOP and the satellites used in SKY
 * reports, which it sends after the TPV of the same cycle, so a fix carries the HDOP and {@code uSat} of the latest
 * SKY seen before it (NaN and -1 before the first). A TPV's error estimates ({@code eph}, {@code epx} ...) have no
 * place in {@code GnssFix} and are not kept. Other classes are counted and ignored; ERROR reports are counted and
 * their message kept as the last error.
 *
 * <p>Never throws on bad input: a line that is not a JSON object with a {@code class}, a field of the wrong JSON type
 * or a value out of range is counted in {@link #stats()} and yields null. No I/O; not thread-safe (one per session).
 */
public final class GpsdJsonParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String origin;
    private long lines;
    private long tpv;
    private long sky;
    private long ignored;
    private long malformed;
    private long impossible;
    private long gpsdErrors;
    private String lastError = "";
    private double skyHdop = Double.NaN;
    private int skySatellitesUsed = -1;

    /** @param origin where the lines come from, e.g. {@code 127.0.0.1:2947}, for error messages */
    public GpsdJsonParser(String origin) {
        this.origin = origin == null ? "gpsd" : origin;
    }

    /** Reads one report line; returns the fix of a valid TPV report, else null (counted). */
    public GnssFix accept(String line) {
        lines++;
        if (line == null || line.isBlank()) {
            return malformed("empty line");
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException | RuntimeException e) {
            return malformed("not JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            return malformed("not a JSON object");
        }
        JsonNode cls = node.get("class");
        if (cls == null || !cls.isTextual()) {
            return malformed("no string \"class\"");
        }
        return switch (cls.asText()) {
            case "TPV" -> tpv(node);
            case "SKY" -> sky(node);
            case "ERROR" -> {
                gpsdErrors++;
                lastError = origin + " line " + lines + ": gpsd ERROR: " + node.path("message").asText("");
                yield null;
            }
            default -> {
                ignored++;
                yield null;
            }
        };
    }

    public GpsdStats stats(long fixes, long droppedBySink, long reconnects) {
        return new GpsdStats(lines, tpv, sky, ignored, malformed, impossible, gpsdErrors, fixes, droppedBySink,
                reconnects, lastError);
    }

    /** Counts a line the caller rejected before parsing (too long). */
    public void rejectLine(String reason) {
        lines++;
        malformed(reason);
    }

    /** Records a problem outside the lines (a connection failure) as the last error, counting nothing. */
    public void noteError(String message) {
        lastError = message;
    }

    private GnssFix tpv(JsonNode n) {
        int modeNumber = 0;
        JsonNode m = n.get("mode");
        if (m != null) {
            if (!m.isIntegralNumber()) {
                return malformed("TPV mode is not an integer: " + m);
            }
            modeNumber = m.asInt();
            if (modeNumber < 0 || modeNumber > 3) {
                return impossible("TPV mode " + m + " not 0..3");
            }
        }
        long millis = GnssFix.UNKNOWN_TIME;
        JsonNode t = n.get("time");
        if (t != null) {
            if (!t.isTextual()) {
                return malformed("TPV time is not a string: " + t);
            }
            try {
                millis = Instant.parse(t.asText()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                return impossible("TPV time '" + t.asText() + "' is not ISO-8601 UTC");
            }
        }
        double lat = number(n, "lat");
        double lon = number(n, "lon");
        double alt = n.has("altMSL") ? number(n, "altMSL") : number(n, "alt");
        double speed = number(n, "speed");
        double track = number(n, "track");
        if (Double.isInfinite(lat) || Double.isInfinite(lon) || Double.isInfinite(alt) || Double.isInfinite(speed)
                || Double.isInfinite(track)) {
            return malformed("TPV field of the wrong type in " + abbreviate(n.toString()));
        }
        if (lat < -90 || lat > 90) {
            return impossible("TPV lat " + lat + " outside [-90, 90]");
        }
        if (lon < -180 || lon > 180) {
            return impossible("TPV lon " + lon + " outside [-180, 180]");
        }
        if (speed < 0) {
            return impossible("TPV speed " + speed + " < 0");
        }
        if (track < 0 || track > 360) {
            return impossible("TPV track " + track + " outside [0, 360]");
        }
        FixMode mode = switch (modeNumber) {
            case 2 -> FixMode.FIX_2D;
            case 3 -> FixMode.FIX_3D;
            default -> FixMode.NO_FIX;
        };
        tpv++;
        return new GnssFix(millis, lat, lon, alt, speed, track == 360 ? 0 : track, mode, skyHdop, skySatellitesUsed);
    }

    private GnssFix sky(JsonNode n) {
        double hdop = number(n, "hdop");
        double uSat = number(n, "uSat");
        JsonNode sats = n.get("satellites");
        if (Double.isInfinite(hdop) || Double.isInfinite(uSat) || sats != null && !sats.isArray()) {
            return malformed("SKY field of the wrong type in " + abbreviate(n.toString()));
        }
        if (hdop < 0 || uSat < 0 || uSat > 1000) {
            return impossible("SKY hdop " + hdop + " or uSat " + uSat + " out of range");
        }
        int used = -1;
        if (!Double.isNaN(uSat)) {
            used = (int) uSat;
        } else if (sats != null) {
            used = 0;
            for (JsonNode s : sats) {
                if (s.path("used").asBoolean(false)) {
                    used++;
                }
            }
        }
        sky++;
        if (!Double.isNaN(hdop)) {
            skyHdop = hdop;
        }
        if (used >= 0) {
            skySatellitesUsed = used;
        }
        return null;
    }

    /** The field as a double: NaN when absent or null, infinite when not a number. */
    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            return Double.POSITIVE_INFINITY;
        }
        double d = v.asDouble();
        return Double.isFinite(d) ? d : Double.POSITIVE_INFINITY;
    }

    private GnssFix malformed(String why) {
        malformed++;
        lastError = origin + " line " + lines + ": " + why;
        return null;
    }

    private GnssFix impossible(String why) {
        impossible++;
        lastError = origin + " line " + lines + ": " + why;
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
