package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The avfusion command line: exit codes and what it prints, through picocli with captured out and err. */
class AvfusionCliTest {
    @TempDir
    static Path dir;

    /** Exit code and what went to out and err. */
    record Run(int code, String out, String err) {
        String both() {
            return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    static Run avfusion(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AvfusionCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void helpExitsZeroAndPrintsUsage() {
        Run r = avfusion("--help");
        assertEquals(0, r.code(), r.both());
        assertTrue(r.out().contains("Usage: avfusion"), r.both());
        assertTrue(r.out().contains("replay") && r.out().contains("run"), r.both());
    }

    @Test
    void replayHelpExitsZeroAndListsItsOptions() {
        Run r = avfusion("replay", "--help");
        assertEquals(0, r.code(), r.both());
        assertTrue(r.out().contains("Usage: avfusion replay"), r.both());
        for (String option : List.of("--scenario", "--speed", "--max", "--config", "--broker", "--report", "--list")) {
            assertTrue(r.out().contains(option), option + " missing from\n" + r.both());
        }
    }

    @Test
    void replayListPrintsTheBuiltInScenarios() {
        Run r = avfusion("replay", "--list");
        assertEquals(0, r.code(), r.both());
        List<String> lines = r.out().lines().toList();
        assertEquals(8, lines.size(), r.both());
        assertEquals(ScenarioCatalog.builtInNames(), lines.stream().map(l -> l.split("\t")[0]).toList());
        assertEquals(List.of("car-ahead-braking", "clear-road", "cyclist-overtaking", "following-braking-lead",
                "ghost-detection", "lidar-dropout-following", "pedestrian-between-parked-cars", "pedestrian-crossing"),
                ScenarioCatalog.builtInNames());
    }

    /** arguments, substrings err must contain. */
    static Stream<Arguments> badInput() throws Exception {
        Path unknownKey = file("unknown-key.yaml", "decision:\n  standofMeters: 8\n");
        return Stream.of(
                Arguments.of(List.of("--frobnicate"), List.of("--frobnicate")),
                Arguments.of(List.of("replay", "--frobnicate"), List.of("--frobnicate")),
                Arguments.of(List.of("replay", "--speed", "fast"), List.of("--speed", "fast")),
                Arguments.of(List.of("replay", "--speed", "-2"), List.of("--speed", "-2")),
                Arguments.of(List.of("replay", "--max", "0"), List.of("--max", "0")),
                Arguments.of(List.of("replay", "--warm-up", "sometimes"), List.of("--warm-up", "sometimes")),
                Arguments.of(List.of("replay", "--max", "many"), List.of("--max", "many")),
                Arguments.of(List.of("replay", "--config", dir.resolve("missing.yaml").toString()),
                        List.of("missing.yaml", "not found")),
                Arguments.of(List.of("replay", "--scenario", "nosuch"),
                        List.of("nosuch", "car-ahead-braking", "clear-road", "pedestrian-crossing")),
                Arguments.of(List.of("replay", "--config", unknownKey.toString()),
                        List.of("unknown-key.yaml", "decision.standofMeters")),
                Arguments.of(List.of("run", "--simulate", "clear-road"), List.of("--config")),
                Arguments.of(List.of(), List.of("missing command")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputExitsTwoWithAMessageNamingIt(List<String> args, List<String> expected) {
        Run r = avfusion(args.toArray(new String[0]));
        assertEquals(AvfusionCli.EXIT_BAD_INPUT, r.code(), r.both());
        for (String part : expected) {
            assertTrue(r.err().contains(part), "'" + part + "' missing from err\n" + r.both());
        }
        assertTrue(r.out().isEmpty(), r.both());
    }

    /** A real replay: embedded HiveMQ on a free port, 400 frames as fast as possible (a few seconds). */
    @Test
    void shortReplayExitsZeroAndPrintsDecisionsAndTheSummary() throws Exception {
        Path profile = file("port0.yaml", "mqtt:\n  embeddedPort: 0\n");
        Path report = dir.resolve("report.json");
        Run r = avfusion("replay", "--speed", "max", "--max", "400", "--config", profile.toString(),
                "--report", report.toString());
        assertEquals(0, r.code(), r.both());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("avfusion replay: "), r.both());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+t=\\s*-?[0-9.]+ s\\s+(PROCEED|SLOW|STOP|REROUTE)\\s.*")),
                "no decision line\n" + r.both());
        String summaryLine = lines.stream().filter(l -> l.startsWith("{\"summary\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON summary\n" + r.both()));
        JsonNode summary = new ObjectMapper().readTree(summaryLine);
        assertEquals("pedestrian-crossing", summary.get("scenario").asText());
        assertEquals("max", summary.get("speed").asText());
        assertEquals(400, summary.get("frames").asLong());
        long decisions = 0;
        for (JsonNode n : summary.get("decisions")) {
            decisions += n.asLong();
        }
        assertTrue(decisions > 0, summaryLine);
        summary.get("stageErrors").forEach(n -> assertEquals(0, n.asLong(), summaryLine));
        assertEquals(0, summary.get("decisionsLost").asLong(), summaryLine);
        assertEquals(false, summary.get("deadline").get("enforced").asBoolean(), "off as fast as possible: " + summaryLine);
        assertEquals(summary, new ObjectMapper().readTree(Files.readString(report)));
        // as fast as possible the warm-up is skipped by default, and the console and the summary say so
        assertTrue(summary.get("warmUp").get("skipped").asText().contains("as fast as possible"), summaryLine);
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("warm-up: skipped")), r.both());
        assertTrue(summary.get("jvmUptimeMillis").asLong() >= summary.get("startUpMillis").asLong(), summaryLine);
        // the JIT's compilation beside the run, and before it (HotSpot measures it), on the console and in the summary
        JsonNode jit = summary.get("jitCompileMillis");
        assertTrue(jit != null && jit.get("run").asLong(-1) >= 0 && jit.get("startUp").asLong(-1) > 0, summaryLine);
        assertTrue(lines.contains("  JIT compilation during the run: " + jit.get("run").asLong()
                + " ms (compiler threads, beside the stages)"), r.both());
        // each decision's way to the broker and its acknowledgement: one per decision, on the console and the summary
        JsonNode ack = summary.get("decisionAckMillis");
        assertTrue(ack != null && ack.get("p50").asDouble() > 0
                && ack.get("max").asDouble() >= ack.get("p50").asDouble(), summaryLine);
        String ackLine = lines.stream().filter(l -> l.startsWith("  + broker ack ")).findFirst()
                .orElseThrow(() -> new AssertionError("no broker ack line\n" + r.both()));
        assertEquals(decisions, Long.parseLong(ackLine.trim().split("\\s+")[3]), ackLine);
    }

    /** {@code --warm-up on} warms up even as fast as possible. */
    @Test
    void warmUpOnWarmsUpAsFastAsPossible() throws Exception {
        Path profile = file("port0-warm.yaml", "mqtt:\n  embeddedPort: 0\n");
        Run r = avfusion("replay", "--speed", "max", "--max", "50", "--warm-up", "on", "--config", profile.toString());
        assertEquals(0, r.code(), r.both());
        String summaryLine = r.out().lines().filter(l -> l.startsWith("{\"summary\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON summary\n" + r.both()));
        JsonNode warm = new ObjectMapper().readTree(summaryLine).get("warmUp");
        assertTrue(warm.get("sweeps").asInt() > 0, summaryLine);
        assertTrue(r.out().lines().anyMatch(l -> l.trim().matches("warm-up: \\d+ sweeps.*")), r.both());
    }
}
