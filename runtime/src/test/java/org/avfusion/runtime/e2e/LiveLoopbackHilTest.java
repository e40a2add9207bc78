package org.avfusion.runtime.e2e;

import org.avfusion.scenarios.hil.DecisionTap;
import org.avfusion.scenarios.hil.PcapUdpReplayer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.imu.udp.ImuUdpPacket;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Hardware in the loop on loopback: {@code avfusion run} with the {@code config/hil-loopback.yaml} profile (free
 * ports in place of its fixed ones) reads a Velodyne HDL-32E capture replayed as UDP datagrams with its timing, and a
 * real receiver's NMEA log served over TCP by this test, and a stationary IMU sending avfusion IMU datagrams at
 * 100 Hz over UDP; a real MQTT subscriber on an embedded broker records what comes out. While packets flow, decisions
 * come from sweeps (lidar OK) and, with the GNSS and IMU feeding the ego-motion filter, some PROCEED; when the
 * capture ends, the lidar goes silent and fail-safe STOPs (LIDAR_MISSING) follow within its timeout; the end-of-run
 * health lines count the frames.
 */
class LiveLoopbackHilTest {
    private static final Path DATA = Path.of(System.getProperty("avfusion.shared", "../shared"), "data");
    private static final Path PCAP = DATA.resolve("lidar").resolve("hdl32-sample-b.pcap");
    private static final Path NMEA = DATA.resolve("nmea").resolve("bu353s4.log");
    private static final Path PROFILE = Path.of("..", "config", "hil-loopback.yaml");
    private static final String VEHICLE = "hil-loopback";
    /** Passes of the capture (50 ms each): 2.5 s of lidar. */
    private static final int LOOPS = 50;
    private static final double RUN_SECONDS = 6.0;
    private static final long NMEA_LINE_NANOS = 20_000_000L;
    /** The lidar's silence may show one sweep period (50 ms here) plus scheduling later than its timeout. */
    private static final double SILENCE_TOLERANCE_MILLIS = 150;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void liveLidarAndGnssGiveDecisionsThenFailSafeStopsWhenTheLidarFallsSilent() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PCAP) && Files.isRegularFile(NMEA),
                "../shared/data not found (needs " + PCAP.toAbsolutePath() + " and " + NMEA.toAbsolutePath() + ")");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        PcapUdpReplayer lidar = new PcapUdpReplayer(PCAP);
        List<String> nmeaLines = Files.readAllLines(NMEA, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        double lidarTimeoutMillis = new ConfigLoader().load(PROFILE).sensors().stream()
                .filter(s -> s.name().equals("lidar_top")).findFirst().orElseThrow().timeoutMillis();

        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                ServerSocket nmeaServer = new ServerSocket(0, 1, loopback);
                DecisionTap tap = DecisionTap.subscribe(broker.uri(), VEHICLE)) {
            int lidarPort = freeUdpPort(loopback);
            int imuPort = freeUdpPort(loopback);
            Path profile = profileWithPorts(lidarPort, nmeaServer.getLocalPort(), imuPort, broker.uri());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = AvfusionCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            FutureTask<Integer> run = new FutureTask<>(() -> cli.execute("run", "--config", profile.toString(),
                    "--duration", Double.toString(RUN_SECONDS)));
            Thread runtime = new Thread(run, "hil-avfusion-run");
            runtime.start();

            nmeaServer.setSoTimeout(20_000);
            PcapUdpReplayer.Sent sent;
            // the GNSS source connects once every source has started (the lidar's socket is bound before it)
            try (Socket gnss = nmeaServer.accept()) {
                CountDownLatch nmeaDone = new CountDownLatch(1);
                Thread feeder = new Thread(() -> serveNmea(gnss, nmeaLines, nmeaDone), "hil-nmea-server");
                feeder.setDaemon(true);
                feeder.start();
                java.util.concurrent.atomic.AtomicBoolean imuOn = new java.util.concurrent.atomic.AtomicBoolean(true);
                Thread imu = new Thread(() -> sendImu(new InetSocketAddress(loopback, imuPort), imuOn), "hil-imu");
                imu.setDaemon(true);
                imu.start();
                try {
                    sent = lidar.send(new InetSocketAddress(loopback, lidarPort), LOOPS);
                } finally {
                    imuOn.set(false);
                }
                assertTrue(nmeaDone.await(10, TimeUnit.SECONDS), "NMEA log served");
                int exit = run.get(30, TimeUnit.SECONDS);
                assertEquals(0, exit, "exit code; stderr: " + err + "\nstdout: " + out);
            }
            assertEquals((long) LOOPS * lidar.packetsPerPass(), sent.datagrams());
            assertEquals(List.of(), tap.malformed(), "malformed MQTT messages");
            // the watchdog's fail-safe STOPs (published when the pipeline threads stall, e.g. on a loaded machine) are
            // not decisions from sets: they are checked for what they are and left out of the checks below
            List<JsonNode> decisions = tap.decisions().stream()
                    .filter(d -> !"watchdog".equals(d.path("source").asText())).toList();
            tap.decisions().stream().filter(d -> "watchdog".equals(d.path("source").asText())).forEach(d ->
                    assertEquals("STOP WATCHDOG_NO_DECISION", d.path("kind").asText() + " " + d.path("reason").asText(),
                            d.toString()));

            // while packets flow (after the first sweep has filled): every decision comes from a sweep
            long flowFrom = sent.firstSendNanos() + 2 * lidar.passNanos();
            List<JsonNode> whileFlowing = decisions.stream().filter(d -> stamp(d) >= flowFrom
                    && stamp(d) <= sent.lastSendNanos()).toList();
            long expectedSweeps = (sent.lastSendNanos() - flowFrom) / lidar.passNanos();
            assertTrue(whileFlowing.size() >= expectedSweeps / 2, "decisions while packets flow: "
                    + whileFlowing.size() + ", sweeps sent in that time: " + expectedSweeps);
            for (JsonNode d : whileFlowing) {
                assertEquals("OK", lidarStatus(d), "lidar input of a decision while packets flow: " + d);
            }
            // ego motion present and healthy (GNSS speed/course and positions, IMU yaw rate): decisions PROCEED
            Map<String, Long> tally = new java.util.TreeMap<>();
            whileFlowing.forEach(d -> tally.merge(d.path("kind").asText() + " " + d.path("reason").asText() + " "
                    + d.path("egoQuality").asText(), 1L, Long::sum));
            System.out.println("HIL decisions while packets flow (kind reason egoQuality): " + tally);
            long proceeds = whileFlowing.stream().filter(d -> "PROCEED".equals(d.path("kind").asText())).count();
            assertTrue(proceeds >= whileFlowing.size() / 2, "PROCEED while the lidar, GNSS and IMU are healthy: "
                    + tally);
            assertTrue(whileFlowing.stream().noneMatch(d -> d.path("reason").asText().startsWith("EGO_")),
                    "no ego-motion STOP while GNSS and IMU flow: " + tally);

            // after the capture ends: fail-safe STOPs within the lidar's timeout, the lidar SILENT
            List<JsonNode> after = decisions.stream().filter(d -> stamp(d) > sent.lastSendNanos()).toList();
            JsonNode firstMissing = after.stream().filter(d -> "LIDAR_MISSING".equals(d.path("reason").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no LIDAR_MISSING after the capture ended; "
                            + "decisions after it: " + after.size()));
            assertEquals("STOP", firstMissing.path("kind").asText());
            double delayMillis = (stamp(firstMissing) - sent.lastSendNanos()) / 1e6;
            assertTrue(delayMillis <= lidarTimeoutMillis + SILENCE_TOLERANCE_MILLIS, "first LIDAR_MISSING "
                    + delayMillis + " ms after the last packet; the lidar timeout is " + lidarTimeoutMillis + " ms");
            long silenceDue = sent.lastSendNanos() + Math.round((lidarTimeoutMillis + SILENCE_TOLERANCE_MILLIS) * 1e6);
            List<JsonNode> silent = after.stream().filter(d -> stamp(d) > silenceDue).toList();
            assertTrue(silent.size() >= 10, "fail-safe decisions keep coming while the lidar is silent: "
                    + silent.size());
            for (JsonNode d : silent) {
                assertEquals("STOP LIDAR_MISSING SILENT", d.path("kind").asText() + " " + d.path("reason").asText()
                        + " " + lidarStatus(d), "decision once the lidar is silent: " + d);
            }

            // health: one JSON line per source at the end, and the runtime's health report over MQTT
            Map<String, JsonNode> lines = healthLines(out.toString());
            JsonNode lidarHealth = lines.get("lidar_top");
            JsonNode gnssHealth = lines.get("gnss");
            assertTrue(lidarHealth != null && gnssHealth != null, "health lines for lidar_top and gnss: " + out);
            assertEquals("VELODYNE_UDP", lidarHealth.path("driver").asText());
            assertEquals((long) LOOPS * lidar.packetsPerPass(), lidarHealth.path("packets").asLong(),
                    "every datagram decoded: " + lidarHealth);
            assertEquals(0, lidarHealth.path("rejected").asLong(), "lidar rejects: " + lidarHealth);
            long sweeps = lidarHealth.path("frames").asLong();
            assertTrue(sweeps >= LOOPS - 1 && sweeps <= LOOPS, "one sweep per pass of the capture (cut at 150 deg): "
                    + sweeps + " for " + LOOPS + " passes");
            assertEquals("HDL32", lidarHealth.path("model").asText(), "model from the product byte");
            assertEquals("NMEA_TCP", gnssHealth.path("driver").asText());
            assertTrue(gnssHealth.path("frames").asLong() > 0, "GNSS fixes: " + gnssHealth);
            assertEquals(nmeaLines.size(), gnssHealth.path("sentences").asLong(), "every NMEA line read: " + gnssHealth);

            JsonNode report = lastOnline(tap.health());
            assertTrue(report.path("sensors").path("lidar_top").path("published").asLong() >= LOOPS - 1,
                    "ring's lidar count: " + report);
            assertTrue(report.path("sensors").path("gnss").path("published").asLong() > 0, "ring's GNSS count");
            assertEquals(sweeps, report.path("sources").path("lidar_top").path("frames").asLong(),
                    "sources in the health report: " + report);
            // (the final report may see the partial sweep the lidar source flushes when it closes: look before it)
            assertTrue(tap.health().stream().anyMatch(h -> h.path("sensors").path("lidar_top").path("silent")
                    .asBoolean()), "a health report during the silence says the lidar is silent");
        }
    }

    private Path profileWithPorts(int lidarPort, int nmeaPort, int imuPort, String brokerUri) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(PROFILE.toFile());
        ArrayNode sources = (ArrayNode) root.path("live").path("sources");
        for (JsonNode s : sources) {
            String sensor = s.path("sensor").asText();
            ((ObjectNode) s).put("port", "lidar_top".equals(sensor) ? lidarPort : "imu".equals(sensor) ? imuPort
                    : nmeaPort);
        }
        root.putObject("mqtt").put("brokerUrl", brokerUri);
        Path file = tmp.resolve("hil-loopback-free-ports.yaml");
        yaml.writeValue(file.toFile(), root);
        return file;
    }

    private static int freeUdpPort(InetAddress loopback) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            return s.getLocalPort();
        }
    }

    /** A stationary, upright IMU: avfusion IMU datagrams (docs/HIL.md) every 10 ms while {@code on}. */
    private static void sendImu(InetSocketAddress to, java.util.concurrent.atomic.AtomicBoolean on) {
        ImuSample still = new ImuSample(0.0005, -0.0003, 0.0002, 0.02, -0.01, 9.81);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(ImuUdpPacket.BYTES);
        long sequence = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            long next = System.nanoTime();
            while (on.get()) {
                b.clear();
                ImuUdpPacket.encode(sequence++, System.nanoTime(), still, b);
                socket.send(new java.net.DatagramPacket(b.array(), ImuUdpPacket.BYTES, to));
                next += 10_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("IMU sender: " + e, e);
        }
    }

    /** Writes the log one line every 20 ms, then keeps the connection open until the runtime closes it. */
    private static void serveNmea(Socket socket, List<String> lines, CountDownLatch done) {
        try {
            OutputStream out = socket.getOutputStream();
            long next = System.nanoTime();
            for (String line : lines) {
                long wait;
                while ((wait = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                next += NMEA_LINE_NANOS;
            }
        } catch (IOException e) {
            throw new IllegalStateException("NMEA server: " + e, e);
        } finally {
            done.countDown();
        }
    }

    private static long stamp(JsonNode decision) {
        return decision.path("referenceStampNanos").asLong();
    }

    private static String lidarStatus(JsonNode decision) {
        return decision.path("inputs").path("lidar_top").path("status").asText();
    }

    private static Map<String, JsonNode> healthLines(String out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> bySource = new java.util.HashMap<>();
        for (String line : out.split("\\R")) {
            if (line.startsWith("{\"source\":")) {
                JsonNode n = json.readTree(line);
                bySource.put(n.path("source").asText(), n);
            }
        }
        return bySource;
    }

    private static JsonNode lastOnline(List<JsonNode> health) {
        List<JsonNode> online = new ArrayList<>(health.stream()
                .filter(h -> "online".equals(h.path("state").asText())).toList());
        assertFalse(online.isEmpty(), "no online health report received");
        return online.get(online.size() - 1);
    }
}
