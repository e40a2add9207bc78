package org.avfusion.drivers.gnss.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.GnssFix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential test against gpsd: every TPV report with a position in {@code <log>.chk} (what gpsd decoded from the
 * same capture) is matched, in order, by a fix decoded from {@code <log>}.
 */
class NmeaGpsdRegressionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path nmeaDir() {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "nmea");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/nmea not found: " + dir.toAbsolutePath());
        return dir;
    }

    /**
     * gpsd reports after every sentence until it has learned where a receiver's cycle ends, so a log's first
     * cycle (and every cycle of a receiver whose cycle ender carries no position) yields TPVs of a half-assembled
     * epoch. Where such a report disagrees with the finished epoch (quectel-L70 starts with RMC, so its first
     * TPV is 2D until GGA brings the altitude; garmin-geko201's demo mode says GGA quality 8 but RMC and GLL
     * status V, so its two positioned TPVs come between a no-fix RMC and a no-fix GLL of the same epoch) the
     * TPV must instead equal the decoder's in-progress state after the same sentence, {@link NmeaDecoder#peek()},
     * and that state must belong to the next epoch fix in order. {@code midCycle} is how many TPVs of the file are
     * matched that way; every other TPV must be matched by a finished epoch fix.
     */
    @ParameterizedTest(name = "{0}: every positioned TPV matched in order, {1} of them mid-cycle")
    @CsvSource({
        "bu353s4,          0",
        "mt3339,           0",
        "nmea-rtk,         0",
        "quectel-L70,      1",
        "nmea-fuzzy-cases, 0",
        "garmin-geko201,   2",
    })
    void everyGpsdPositionReportIsMatchedInOrder(String name, int midCycle) throws IOException {
        Path dir = nmeaDir();
        NmeaLogReader.Result log = NmeaLogReader.read(dir.resolve(name + ".log"));
        List<Report> reports = replayChk(dir.resolve(name + ".log.chk"));
        assertTrue(!reports.isEmpty(), name + ".log.chk has TPVs with a position");
        List<GnssFix> fixes = log.fixes();
        List<String> failures = new ArrayList<>();
        List<String> midCycleMatches = new ArrayList<>();
        int at = 0;
        for (Report report : reports) {
            JsonNode tpv = report.tpv();
            int found = -1;
            for (int i = at; i < fixes.size() && found < 0; i++) {
                if (mismatch(tpv, fixes.get(i)) == null) {
                    found = i;
                }
            }
            if (found < 0 && report.inProgress() != null && mismatch(tpv, report.inProgress()) == null) {
                for (int i = at; i < fixes.size() && found < 0; i++) {
                    if (sameEpoch(report.inProgress(), fixes.get(i))) {
                        found = i;
                        midCycleMatches.add(".chk line " + report.chkLine() + ": " + tpv);
                    }
                }
            }
            if (found < 0) {
                failures.add(".chk line " + report.chkLine() + ": " + tpv + "\n   next fix: "
                        + (at < fixes.size() ? fixes.get(at) + " (.log line " + log.lines().get(at) + "): "
                        + mismatch(tpv, fixes.get(at)) + " differs" : "none"));
            } else {
                at = found;
            }
        }
        assertEquals(List.of(), failures, name + ": " + failures.size() + " of " + reports.size()
                + " TPVs unmatched\n" + String.join("\n", failures));
        assertEquals(midCycle, midCycleMatches.size(), name + " TPVs matched only mid-cycle:\n"
                + String.join("\n", midCycleMatches));
    }

    /** A positioned TPV of the .chk and the decoder's in-progress epoch after the sentence that preceded it. */
    record Report(JsonNode tpv, GnssFix inProgress, int chkLine) {
    }

    /** Feeds the sentences that gpsd echoes into the .chk to a decoder, noting its state at every TPV. */
    private static List<Report> replayChk(Path chk) throws IOException {
        List<Report> reports = new ArrayList<>();
        NmeaDecoder decoder = new NmeaDecoder();
        int lineNumber = 0;
        for (String line : Files.readAllLines(chk, StandardCharsets.ISO_8859_1)) {
            lineNumber++;
            if (line.startsWith("{")) {
                JsonNode node = JSON.readTree(line);
                if ("TPV".equals(node.path("class").asText()) && node.has("lat") && node.has("lon")) {
                    reports.add(new Report(node, decoder.peek(), lineNumber));
                }
            } else if (!line.isBlank() && !line.startsWith("#")) {
                decoder.accept(line);
            }
        }
        return reports;
    }

    private static boolean sameEpoch(GnssFix a, GnssFix b) {
        return a.utcEpochMillis() == b.utcEpochMillis() && a.latitudeDeg() == b.latitudeDeg()
                && a.longitudeDeg() == b.longitudeDeg();
    }

    /** Null when the fix agrees with every field the TPV has, else what differs. */
    static String mismatch(JsonNode tpv, GnssFix fix) {
        if (Math.abs(tpv.get("lat").asDouble() - fix.latitudeDeg()) > 1e-6
                || Math.abs(tpv.get("lon").asDouble() - fix.longitudeDeg()) > 1e-6) {
            return "lat/lon";
        }
        if (tpv.has("time") && Instant.parse(tpv.get("time").asText()).toEpochMilli() != fix.utcEpochMillis()) {
            return "time";
        }
        JsonNode alt = tpv.has("altMSL") ? tpv.get("altMSL") : tpv.get("alt");
        if (alt != null && !(Math.abs(alt.asDouble() - fix.altitudeMslMeters()) <= 0.01)) {
            return "altMSL";
        }
        if (tpv.has("speed") && !(Math.abs(tpv.get("speed").asDouble() - fix.speedMetersPerSecond()) <= 0.01)) {
            return "speed";
        }
        if (tpv.has("track") && !(Math.abs(tpv.get("track").asDouble() - fix.trackDeg()) <= 0.01)) {
            return "track";
        }
        if (tpv.has("mode") && tpv.get("mode").asInt() != fix.mode().gpsdMode()) {
            return "mode";
        }
        return null;
    }
}
