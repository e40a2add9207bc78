package org.avfusion.runtime.cli.ego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avfusion.runtime.cli.AvfusionCli;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code avfusion ego} end to end on ../shared/data/comma2k19/segment-40, and its bad-input exits. */
class EgoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = AvfusionCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsTrackLatencyAndGeoJsonForACommaSegment(@TempDir Path tmp) throws Exception {
        Path segment = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "comma2k19", "segment-40");
        Assumptions.assumeTrue(Files.isDirectory(segment), "../shared/data/comma2k19/segment-40 not found");
        Path geojson = tmp.resolve("track.geojson");
        Run r = run("ego", "--recording", segment.toString(), "--geojson", geojson.toString(), "--drop-gnss", "25:35");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertTrue(summary.get("summary").asBoolean());
        double latency = summary.at("/gnss_latency/live_gnss_ublox/latency_s").asDouble();
        assertTrue(latency > 0.02 && latency < 0.4, "ublox latency " + latency);
        assertTrue(lines.size() > 550, "lines " + lines.size());
        long deadReckoned = lines.stream().limit(lines.size() - 1L).map(EgoCommandTest::parse)
                .filter(n -> n.get("quality").asText().equals("DEAD_RECKONED")).count();
        assertTrue(deadReckoned > 80 && deadReckoned < 110, "dead-reckoned lines " + deadReckoned);
        JsonNode middle = parse(lines.get(300));
        assertEquals(37.72, middle.get("lat").asDouble(), 0.01);
        assertEquals(-122.47, middle.get("lon").asDouble(), 0.01);
        assertTrue(middle.get("sources").toString().contains("imu"), middle.toString());
        JsonNode geo = JSON.readTree(geojson.toFile());
        assertEquals("LineString", geo.at("/features/0/geometry/type").asText());
        assertTrue(geo.at("/features/0/geometry/coordinates").size() > 550);
    }

    @Test
    void printsTrackForTheHuskyBag() throws Exception {
        Path bag = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "rosbag",
                "husky-gps-imu-odom.bag");
        Assumptions.assumeTrue(Files.isRegularFile(bag), "../shared/data/rosbag/husky-gps-imu-odom.bag not found");
        Run r = run("ego", "--recording", bag.toString(), "--sources", "imu,can,gnss", "--rate-hz", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertTrue(lines.size() > 700, "lines " + lines.size());
        assertEquals(989, summary.at("/sources/gnss_position/fused").asInt()
                + summary.at("/sources/gnss_position/gated").asInt());
        JsonNode last = parse(lines.get(lines.size() - 2));
        assertEquals(42.376, last.get("lat").asDouble(), 0.01);
        assertEquals("FUSED", last.get("quality").asText());
    }

    @Test
    void missingRecordingIsBadInput(@TempDir Path tmp) {
        Run r = run("ego", "--recording", tmp.resolve("nothing-here.bag").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nothing-here.bag"), r.err());
    }

    @Test
    void unknownSourceIsBadInput(@TempDir Path tmp) {
        Run r = run("ego", "--recording", tmp.toString(), "--sources", "imu,sonar");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sonar"), r.err());
    }

    @Test
    void malformedDropWindowIsBadInput(@TempDir Path tmp) {
        Run r = run("ego", "--recording", tmp.toString(), "--drop-gnss", "35:25");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--drop-gnss"), r.err());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
