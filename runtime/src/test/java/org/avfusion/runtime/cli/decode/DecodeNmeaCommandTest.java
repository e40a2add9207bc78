package org.avfusion.runtime.cli.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.gnss.nmea.NmeaDecoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code decode nmea} against gpsd: every positioned TPV in {@code <log>.chk} must be matched, in order, by a line the
 * command prints for {@code <log>}, with the field tolerances of drivers' {@code NmeaGpsdRegressionTest}. A TPV that
 * gpsd emitted mid-cycle, before it knew the receiver's cycle ender, is instead matched against the decoder's
 * in-progress epoch after the same sentence, as that test does; {@code midCycle} says how many per log.
 */
class DecodeNmeaCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exit, List<JsonNode> lines, String err) {
    }

    static Run run(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DecodeNmeaCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString().split("\n")) {
            if (!l.isBlank()) {
                lines.add(JSON.readTree(l));
            }
        }
        return new Run(exit, lines, err.toString());
    }

    static Path nmeaDir() {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "nmea");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/nmea not found: " + dir.toAbsolutePath());
        return dir;
    }

    @ParameterizedTest(name = "decode nmea {0}.log: every positioned TPV of its .chk matched in order, {1} mid-cycle")
    @CsvSource({
        "bu353s4,          0",
        "mt3339,           0",
        "nmea-rtk,         0",
        "quectel-L70,      1",
        "nmea-fuzzy-cases, 0",
        "garmin-geko201,   2",
    })
    void printsWhatGpsdDecodedFromEveryLog(String name, int midCycle) throws IOException {
        Path dir = nmeaDir();
        Run run = run(dir.resolve(name + ".log").toString());
        assertEquals(0, run.exit(), run.err());
        List<JsonNode> printed = run.lines().stream().filter(l -> l.has("lat")).toList();
        List<String> failures = new ArrayList<>();
        int midCycleMatches = 0;
        int at = 0;
        int chkLine = 0;
        NmeaDecoder inProgress = new NmeaDecoder();
        for (String line : Files.readAllLines(dir.resolve(name + ".log.chk"), StandardCharsets.ISO_8859_1)) {
            chkLine++;
            if (!line.startsWith("{")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    inProgress.accept(line);
                }
                continue;
            }
            JsonNode tpv = JSON.readTree(line);
            if (!"TPV".equals(tpv.path("class").asText()) || !tpv.has("lat") || !tpv.has("lon")) {
                continue;
            }
            int found = -1;
            for (int i = at; i < printed.size() && found < 0; i++) {
                if (mismatch(tpv, printed.get(i)) == null) {
                    found = i;
                }
            }
            if (found >= 0) {
                at = found;
            } else if (matchesEpochInProgress(tpv, inProgress.peek())) {
                midCycleMatches++;
            } else {
                failures.add(".chk line " + chkLine + ": " + tpv + "\n   next printed: "
                        + (at < printed.size() ? printed.get(at) + ": " + mismatch(tpv, printed.get(at)) + " differs"
                        : "none"));
            }
        }
        assertEquals(List.of(), failures, name + ": unmatched TPVs\n" + String.join("\n", failures));
        assertEquals(midCycle, midCycleMatches, name + ": TPVs matched only mid-cycle");
    }

    @Test
    void garminBadChecksumIsReportedWithFileAndLineAndDoesNotStopTheDecode() throws IOException {
        Path log = nmeaDir().resolve("garmin-geko201.log");
        Run run = run(log.toString());
        assertEquals(0, run.exit());
        assertTrue(run.err().contains("1 bad checksum"), run.err());
        assertTrue(run.err().contains("last error: " + log + ":"), run.err());
        assertTrue(run.lines().size() > 10);
    }

    @Test
    void printsGpsdTpvFieldsWithUnits() throws IOException {
        Path log = Files.writeString(tmp.resolve("one.log"), String.join("\n",
                "$GPGGA,030719.000,3747.0873,S,17518.8938,E,1,08,1.1,59.9,M,23.7,M,,0000*7D",
                "$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D"));
        Run run = run(log.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.lines().size(), run.lines().toString());
        JsonNode tpv = run.lines().get(0);
        assertEquals("TPV", tpv.get("class").asText());
        assertEquals(3, tpv.get("mode").asInt());
        assertEquals("2014-12-31T03:07:19.000Z", tpv.get("time").asText());
        assertEquals(-37.784788333, tpv.get("lat").asDouble(), 1e-9);
        assertEquals(175.314896667, tpv.get("lon").asDouble(), 1e-9);
        assertEquals(59.9, tpv.get("alt").asDouble(), 1e-9);
        assertEquals(0.69 * 1852 / 3600, tpv.get("speed").asDouble(), 1e-9, "knots to m/s");
        assertEquals(181.39, tpv.get("track").asDouble(), 1e-9);
    }

    @Test
    void aMissingFileExitsWithTwoNamingIt() throws IOException {
        Path missing = tmp.resolve("missing.log");
        Run run = run(missing.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(missing.toString()), run.err());
        assertEquals(List.of(), run.lines());
    }

    private static boolean matchesEpochInProgress(JsonNode tpv, GnssFix fix) throws IOException {
        return fix != null && fix.hasPosition() && mismatch(tpv, JSON.readTree(DecodeNmeaCommand.tpv(fix))) == null;
    }

    /** Null when the printed line agrees with every field the TPV has, else what differs (NmeaGpsdRegressionTest). */
    static String mismatch(JsonNode tpv, JsonNode printed) {
        if (Math.abs(tpv.get("lat").asDouble() - printed.get("lat").asDouble()) > 1e-6
                || Math.abs(tpv.get("lon").asDouble() - printed.get("lon").asDouble()) > 1e-6) {
            return "lat/lon";
        }
        if (tpv.has("time") && (!printed.has("time")
                || !Instant.parse(tpv.get("time").asText()).equals(Instant.parse(printed.get("time").asText())))) {
            return "time";
        }
        JsonNode alt = tpv.has("altMSL") ? tpv.get("altMSL") : tpv.get("alt");
        if (alt != null && !(Math.abs(alt.asDouble() - printed.path("alt").asDouble(Double.NaN)) <= 0.01)) {
            return "alt";
        }
        if (tpv.has("speed") && !(Math.abs(tpv.get("speed").asDouble() - printed.path("speed").asDouble(Double.NaN))
                <= 0.01)) {
            return "speed";
        }
        if (tpv.has("track") && !(Math.abs(tpv.get("track").asDouble() - printed.path("track").asDouble(Double.NaN))
                <= 0.01)) {
            return "track";
        }
        if (tpv.has("mode") && tpv.get("mode").asInt() != printed.get("mode").asInt()) {
            return "mode";
        }
        return null;
    }
}
