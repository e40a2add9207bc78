package org.avfusion.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.avfusion.runtime.cli.AvfusionCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code avfusion run} with {@code live.sources}: exactly one kind of source, start-up errors exit 2 naming the source
 * and the field, and a run ends with one JSON health line per source. MQTT points at a closed port with a short
 * connect time-out: the runtime runs on without a broker (and counts what it drops).
 */
class RunCommandLiveTest {
    private static final String NO_BROKER = "mqtt: {brokerUrl: 'tcp://127.0.0.1:1', connectTimeoutMillis: 100}\n";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run avfusion(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AvfusionCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private String profile(String yaml) throws Exception {
        Path p = dir.resolve("profile.yaml");
        Files.writeString(p, yaml);
        return p.toString();
    }

    @Test
    void liveSourcesAndSimulateTogetherAreRefused() throws Exception {
        String p = profile(NO_BROKER + "live:\n  sources:\n    - {sensor: gnss, driver: GPSD}\n");
        Run r = avfusion("run", "--config", p, "--simulate", "clear-road");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--simulate clear-road and live.sources in " + p), r.err());
    }

    @Test
    void neitherLiveSourcesNorSimulateIsRefused() throws Exception {
        String p = profile(NO_BROKER);
        Run r = avfusion("run", "--config", p);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("nothing to run: " + p + " has no live.sources and no --simulate"), r.err());
    }

    @Test
    void aSourceThatCannotStartExitsWith2NamingTheSourceAndTheField() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String p = profile(NO_BROKER + "live:\n  sources:\n    - {sensor: lidar_top, driver: VELODYNE_UDP, "
                    + "bindAddress: 127.0.0.1, port: " + taken.getLocalPort() + "}\n");
            Run r = avfusion("run", "--config", p, "--duration", "5");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("avfusion: cannot start live.sources[0] (sensor lidar_top, driver VELODYNE_UDP)"
                    + ": live.sources[0].port: cannot listen on udp 127.0.0.1:" + taken.getLocalPort()), r.err());
        }
    }

    /**
     * {@code --duration} counts from the run's clock, after the broker and the warm-up, with {@code --simulate} as
     * with live sources: a 1 s run drives about 1 s (it drove 0.3-0.5 s when the broker and warm-up counted).
     */
    @Test
    void simulateRunsForItsDurationAfterTheWarmUp() throws Exception {
        Run r = avfusion("run", "--config", profile(NO_BROKER), "--simulate", "clear-road", "--duration", "1");
        assertEquals(0, r.code(), r.err() + r.out());
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("avfusion run: ran (\\d+\\.\\d) s after the warm-up: (\\d+) decisions").matcher(r.out());
        assertTrue(m.find(), r.out());
        double ranSeconds = Double.parseDouble(m.group(1));
        assertTrue(ranSeconds >= 0.95 && ranSeconds < 10, r.out());
        // it drove: about 10 decisions at 10 Hz on an idle machine, fewer when the simulation's rendering falls
        // behind on a loaded one (what is tested here is the duration's clock, not the pace)
        assertTrue(Long.parseLong(m.group(2)) >= 1, r.out());
        // the time to the first decision (issue #17): a line when it comes, and again at the end
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("(?m)^  first decision (\\d+\\.\\d\\d) s "
                + "after the JVM started \\((\\d+\\.\\d\\d) s after the run's clock\\)$").matcher(r.out());
        assertTrue(first.find(), r.out());
        double afterJvm = Double.parseDouble(first.group(1));
        double afterClock = Double.parseDouble(first.group(2));
        assertTrue(afterJvm > 0 && afterClock <= afterJvm && afterClock < ranSeconds, r.out());
        assertTrue(r.out().contains("stage errors; first decision " + first.group(1) + " s after the JVM started"),
                r.out());
    }

    @Test
    void aRunEndsWithOneHealthLinePerSource() throws Exception {
        String p = profile(NO_BROKER + """
                live:
                  sources:
                    - {sensor: lidar_top, driver: VELODYNE_UDP, bindAddress: 127.0.0.1, port: 0, maxPointsPerScan: 1000}
                    - {sensor: gnss,      driver: NMEA_UDP,     bindAddress: 127.0.0.1, port: 0}
                """);
        // long enough for the lidar time-out (300 ms) to pass after the warm-up on a loaded machine
        Run r = avfusion("run", "--config", p, "--duration", "2");
        assertEquals(0, r.code(), r.err() + r.out());
        List<String> lines = Arrays.stream(r.out().split("\\R")).filter(l -> l.startsWith("{\"source\":")).toList();
        assertEquals(2, lines.size(), r.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode lidar = json.readTree(lines.get(0));
        JsonNode gnss = json.readTree(lines.get(1));
        assertEquals("lidar_top VELODYNE_UDP 0", lidar.path("source").asText() + " " + lidar.path("driver").asText()
                + " " + lidar.path("frames").asLong());
        assertEquals("gnss NMEA_UDP 0", gnss.path("source").asText() + " " + gnss.path("driver").asText() + " "
                + gnss.path("frames").asLong());
        // nothing was sent to either port: no data, not "OK"
        assertEquals("NO_DATA", lidar.path("status").asText(), lines.get(0));
        assertEquals("NO_DATA", gnss.path("status").asText(), lines.get(1));
        assertTrue(r.out().contains("STOP LIDAR_MISSING"), "no lidar: fail-safe STOPs from the ticks alone: " + r.out());
        // then the run's end: its STOPs counted, and the latency budget (no broker here: no acknowledgement)
        String end = Arrays.stream(r.out().split("\\R")).filter(l -> l.startsWith("avfusion run: ran ")).findFirst()
                .orElseThrow(() -> new AssertionError("no end line: " + r.out()));
        assertTrue(end.matches(".* \\d+ decisions \\(PROCEED \\d+, SLOW \\d+, STOP [1-9]\\d*, REROUTE \\d+\\), "
                + "0 frames dropped \\(full ring\\), 0 stage errors; first decision \\d+\\.\\d\\d s after the JVM "
                + "started \\(\\d+\\.\\d\\d s after the run's clock\\)"), end);
        assertTrue(r.out().contains("  latency budget (ms)      count"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  \\+ broker ack +0 .*"), r.out());
    }
}
