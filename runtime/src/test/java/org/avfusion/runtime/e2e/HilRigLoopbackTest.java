package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.avfusion.scenarios.hil.HilReport;
import org.avfusion.scenarios.hil.HilRig;
import org.avfusion.scenarios.hil.HilRigSpec;
import org.avfusion.scenarios.hil.HilScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Hardware in the loop on loopback, both sides real: {@code avfusion run --config config/hil-loopback.yaml} (free
 * ports in place of its fixed ones) in one thread, the HIL rig ({@code scenarios.hil.HilRig}, what
 * {@code avfusion hil} runs) in another, streaming the pedestrian scenario as Velodyne HDL-32E UDP packets and NMEA
 * over TCP, then the frozen-lidar and silent-lidar fault scenarios; the runtime's real decoders are in the path and
 * the rig checks each scenario's expectations on the broker from outside.
 */
class HilRigLoopbackTest {
    private static final Path PROFILE = Path.of("..", "config", "hil-loopback.yaml");
    private static final Path HIL = Path.of("..", "scenarios", "hil");
    private static final List<String> SCENARIOS = List.of("pedestrian-crossing", "lidar-freeze", "lidar-silent",
            "gnss-freeze");
    /**
     * The rig listens this long after each scenario's last packet (the loopback rig's default is 2 s): every
     * expectation of these scenarios ends at most 0.5 s after the last packet, so a longer wait sees no more of them.
     */
    private static final double SETTLE_SECONDS = 1.0;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void rigDrivesTheRuntimeThroughItsRealInterfacesAndTheExpectationsPass() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        double seconds = 0;
        List<HilScenario> scenarios = new ArrayList<>();
        for (String name : SCENARIOS) {
            HilScenario s = HilScenario.load(HIL.resolve(name + ".yaml"));
            scenarios.add(s);
            seconds += (s.spec().durationSeconds() + 3) * (name.equals("lidar-freeze")
                    ? Integer.getInteger("hil.runs", 1) : 1);
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            int lidarPort = freeUdpPort(loopback);
            int nmeaPort = freeTcpPort(loopback);
            Path profile = profileWithPorts(lidarPort, nmeaPort, broker.uri());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = AvfusionCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            double runSeconds = seconds + 10;
            FutureTask<Integer> run = new FutureTask<>(() -> cli.execute("run", "--config", profile.toString(),
                    "--duration", Double.toString(runSeconds)));
            Thread runtime = new Thread(run, "hil-avfusion-run");
            runtime.setDaemon(true);
            runtime.start();

            HilRigSpec rig = settling(HilRigSpec.LOOPBACK.withPorts(lidarPort, nmeaPort, broker.port()));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream rigLog = new PrintStream(log, true, StandardCharsets.UTF_8);
            List<HilReport> reports = new ArrayList<>();
            try (HilRig hil = new HilRig(rig, "127.0.0.1", rigLog)) {
                hil.open();
                for (HilScenario s : scenarios) {
                    // -Dhil.runs=N repeats the frozen-lidar scenario for reaction-time percentiles (docs/PERFORMANCE.md)
                    HilReport r = hil.run(s, s.spec().name().equals("lidar-freeze") ? Integer.getInteger("hil.runs", 1)
                            : 1);
                    r.print(rigLog);
                    r.writeJUnit(tmp.resolve(s.spec().name() + ".xml"));
                    reports.add(r);
                }
            }
            String rigText = log.toString(StandardCharsets.UTF_8);
            System.out.println(rigText);
            for (HilReport r : reports) {
                assertTrue(r.passed(), "scenario " + r.scenario() + " failed its expectations:\n" + rigText
                        + "\nruntime stdout:\n" + tail(out.toString()) + "\nstderr:\n" + err);
            }
            String junit = Files.readString(tmp.resolve("lidar-freeze.xml"));
            assertTrue(junit.contains("<testsuite name=\"avfusion-hil.lidar-freeze\"") && junit.contains(
                    "failures=\"0\""), junit);
            HilReport.Reaction frozen = reports.get(1).runs().get(0).reactions().stream()
                    .filter(x -> x.event().startsWith("lidar_top freezes")).findFirst().orElseThrow();
            assertTrue(frozen.millis() > 0 && frozen.millis() < 1000, "frozen lidar to fail-safe STOP: "
                    + frozen);
            run.cancel(true);
        }
    }

    /**
     * With an IMU on the wire too (config/hil-loopback-imu.yaml, avfusion IMU datagrams over UDP) the live path has
     * a yaw rate: the pedestrian scenario PROCEEDs while the road is clear and STOPs for the pedestrian
     * (scenarios/hil/pedestrian-crossing-imu.yaml); the reaction time from the first lidar packet showing the
     * pedestrian in the corridor to the STOP on the broker is measured ({@code -Dhil.runs=N} for percentiles).
     */
    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void withAnImuOnTheWireThePedestrianScenarioProceedsThenStops() throws Exception {
        Path imuProfile = Path.of("..", "config", "hil-loopback-imu.yaml");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HilScenario scenario = HilScenario.load(HIL.resolve("pedestrian-crossing-imu.yaml"));
        int runs = Integer.getInteger("hil.runs", 1);
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            int lidarPort = freeUdpPort(loopback);
            int nmeaPort = freeTcpPort(loopback);
            int imuPort = freeUdpPort(loopback);
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            ObjectNode root = (ObjectNode) yaml.readTree(imuProfile.toFile());
            for (JsonNode s : root.path("live").path("sources")) {
                String sensor = s.path("sensor").asText();
                ((ObjectNode) s).put("port", sensor.equals("lidar_top") ? lidarPort : sensor.equals("imu") ? imuPort
                        : nmeaPort);
            }
            root.putObject("mqtt").put("brokerUrl", broker.uri());
            Path profile = tmp.resolve("hil-loopback-imu-free-ports.yaml");
            yaml.writeValue(profile.toFile(), root);
            StringWriter out = new StringWriter();
            CommandLine cli = AvfusionCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(new StringWriter(), true));
            // long enough for the scenario played twice (below); cancelled when the test is done
            FutureTask<Integer> run = new FutureTask<>(() -> cli.execute("run", "--config", profile.toString(),
                    "--duration", Integer.toString(15 + 2 * 13 * runs)));
            Thread runtime = new Thread(run, "hil-avfusion-run-imu");
            runtime.setDaemon(true);
            runtime.start();
            HilRigSpec rig = settling(HilRigSpec.LOOPBACK.withPorts(lidarPort, nmeaPort, broker.port())
                    .withImuPort(imuPort));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream rigLog = new PrintStream(log, true, StandardCharsets.UTF_8);
            HilReport report;
            try (HilRig hil = new HilRig(rig, "127.0.0.1", rigLog)) {
                report = hil.run(scenario, runs);
                if (failedBesideTimeFailSafes(report)) {
                    report.print(rigLog);
                    rigLog.println("played again: an expectation failed beside the runtime's STOPs for time"
                            + " (DEADLINE_MISSED, WATCHDOG_NO_DECISION): a loaded machine");
                    report = hil.run(scenario, runs);
                }
            }
            report.print(rigLog);
            System.out.println(log.toString(StandardCharsets.UTF_8));
            assertTrue(report.passed(), log.toString(StandardCharsets.UTF_8));
            for (HilReport.Run r : report.runs()) {
                HilReport.Reaction pedestrian = r.reactions().get(0);
                assertTrue(pedestrian.event().startsWith("obstacle pedestrian-1") && pedestrian.millis() > 0
                        && pedestrian.millis() < 1000, "run " + r.index() + ": " + pedestrian);
            }
            run.cancel(true);
        }
    }

    /**
     * True where an expectation failed with the runtime's fail-safes for time among the decisions its window saw (the
     * rig's "seen {...}" names STOP {@code DEADLINE_MISSED} or {@code WATCHDOG_NO_DECISION}): a runtime starved by a
     * loaded machine (seen once with two suites on two cores: 14 of the 20 PROCEED decisions expected, beside 12 such
     * STOPs), which STOPs as it must; the scenario is then played once more (README, "On a loaded machine").
     */
    static boolean failedBesideTimeFailSafes(HilReport report) {
        return !report.passed() && report.runs().stream().flatMap(r -> r.outcomes().stream())
                .anyMatch(o -> !o.passed() && HilLoopback.TIME_FAIL_SAFES.stream().anyMatch(o.detail()::contains));
    }

    /** {@code rig} listening {@link #SETTLE_SECONDS} after each scenario. */
    private static HilRigSpec settling(HilRigSpec rig) {
        return new HilRigSpec(rig.vehicleId(), rig.brokerPort(), rig.lidarSensor(), rig.lidarModel(), rig.lidarPort(),
                rig.lidarPositionPort(), rig.gnssSensor(), rig.nmeaTcpPort(), rig.nmeaUdpPort(), rig.cameraSensor(),
                rig.cameraHttpPort(), rig.imuSensor(), rig.imuUdpPort(), rig.connectTimeoutSeconds(), SETTLE_SECONDS);
    }

    private static String tail(String s) {
        return s.length() < 4000 ? s : s.substring(s.length() - 4000);
    }

    private Path profileWithPorts(int lidarPort, int nmeaPort, String brokerUri) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(PROFILE.toFile());
        ArrayNode sources = (ArrayNode) root.path("live").path("sources");
        for (JsonNode s : sources) {
            ((ObjectNode) s).put("port", "lidar_top".equals(s.path("sensor").asText()) ? lidarPort : nmeaPort);
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

    private static int freeTcpPort(InetAddress loopback) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
            return s.getLocalPort();
        }
    }

}
