package org.avfusion.runtime.cli.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code avfusion route} on {@code ../shared/data/osm/monaco.osm.gz}: one JSON line, or exit 2 naming the input. */
class RouteCommandTest {

    @TempDir
    static Path cache;

    record Run(int exitCode, String out, String err) {
    }

    static Run route(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RouteCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] withCache = new String[args.length + 2];
        System.arraycopy(args, 0, withCache, 0, args.length);
        withCache[args.length] = "--cache";
        withCache[args.length + 1] = cache.toString();
        int code = cl.execute(withCache);
        return new Run(code, out.toString(), err.toString());
    }

    static String monaco() {
        Path file = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "osm", "monaco.osm.gz");
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/data/osm/monaco.osm.gz not found: "
                + file.toAbsolutePath());
        return file.toString();
    }

    @Test
    void printsOneJsonLineWithDistanceTimePointsAndPath() throws Exception {
        Run run = route("--map", monaco(), "--from", "43.727687,7.418737", "--to", "43.74958,7.436566");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + run.out());
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        assertEquals(3588, json.get("distance_m").asDouble(), 3588 * 0.03, "README reference route, m");
        assertTrue(json.get("time_s").asDouble() > 0, lines[0]);
        JsonNode path = json.get("path");
        assertEquals(json.get("points").asInt(), path.size(), "points counts the path");
        assertTrue(path.size() >= 2);
        for (JsonNode p : path) {
            assertEquals(2, p.size(), "[lat,lon]");
            assertTrue(p.get(0).asDouble() > 43.72 && p.get(0).asDouble() < 43.76, "latitude in Monaco: " + p);
            assertTrue(p.get(1).asDouble() > 7.40 && p.get(1).asDouble() < 7.44, "longitude in Monaco: " + p);
        }
        assertEquals(43.727687, path.get(0).get(0).asDouble(), 0.0005, "starts near --from");
    }

    @ParameterizedTest(name = "--{0} {1}: exit 2 saying {2}")
    @CsvSource(delimiter = '|', value = {
        "from | 43.7           | expected LAT,LON",
        "from | 43.7,7.4,1     | expected LAT,LON",
        "to   | north,7.4      | latitude 'north' is not a number",
        "to   | 43.7,east      | longitude 'east' is not a number",
        "from | NaN,7.4        | not a finite number",
        "from | 91,7.4         | latitude 91 is out of [-90, 90]",
        "to   | 43.7,-180.5    | longitude -180.5 is out of [-180, 180]",
    })
    void badCoordinateExitsTwoNamingOptionAndValue(String option, String value, String says) {
        String from = option.equals("from") ? value : "43.727687,7.418737";
        String to = option.equals("to") ? value : "43.74958,7.436566";
        Run run = route("--map", "unused.osm", "--from", from, "--to", to);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--" + option), "names the option: " + run.err());
        assertTrue(run.err().contains(value), "names the value: " + run.err());
        assertTrue(run.err().contains(says), "says '" + says + "': " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void negativeCoordinatesAreValuesNotOptions() {
        Run run = route("--map", "no-such-map.osm.pbf", "--from", "-33.86,151.21", "--to", "-33.87,-151.2");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--map: map file not found"), run.err());
    }

    @Test
    void missingMapExitsTwoNamingTheFile() {
        Run run = route("--map", "no-such-map.osm.pbf", "--from", "43.7,7.4", "--to", "43.7,7.41");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--map: map file not found") && run.err().contains("no-such-map.osm.pbf"),
                run.err());
    }

    @Test
    void destinationOnTheSeaExitsTwoNamingOptionCoordinateAndDistance() {
        Run run = route("--map", monaco(), "--from", "43.727687,7.418737", "--to", "43.72,7.44");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--to: position 43.7200000,7.4400000 is off the map"), run.err());
        assertTrue(run.err().matches("(?s).*nearest road is \\d+\\.\\d m away.*"), run.err());
        assertEquals("", run.out());
    }
}
