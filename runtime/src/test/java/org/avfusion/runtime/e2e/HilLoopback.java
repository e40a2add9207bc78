package org.avfusion.runtime.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.avfusion.runtime.plan.DecisionReason;
import org.avfusion.scenarios.hil.DecisionTap;
import org.avfusion.scenarios.hil.HilReport;
import org.avfusion.scenarios.hil.HilRig;
import org.avfusion.scenarios.hil.HilRigSpec;
import org.avfusion.scenarios.hil.HilScenario;
import org.avfusion.scenarios.hil.MjpegHttpServer;
import picocli.CommandLine;

/**
 * One loopback HIL session for the e2e tests: an embedded broker, {@code avfusion run --config PROFILE} (a profile
 * from {@code config/} with free loopback ports in place of its fixed ones, and the camera's FFmpeg source pointed at
 * the rig's MJPEG server when the profile has one) on a daemon thread, the rig ({@link HilRig}, what
 * {@code avfusion hil} runs) and a second subscriber ({@link DecisionTap}) that keeps every message so that tests can
 * read counters the scenarios' expectations do not name. Scenarios run one after another on the same runtime;
 * {@link #play} notes the arrival-time window of each so that health can be read per scenario.
 *
 * <p>Not thread-safe: one test thread drives it. {@link #close()} interrupts the runtime and closes everything.
 */
final class HilLoopback implements AutoCloseable {
    /** A scenario played: its report and the window (System.nanoTime) its messages arrived in. */
    record Played(HilScenario scenario, HilReport report, long startNanos, long endNanos) {
        /** Health reports of this scenario (arrived between its start and the end of its settle time). */
        List<JsonNode> health(DecisionTap tap) {
            return tap.receivedHealth().stream().filter(r -> r.arrivalNanos() >= startNanos
                    && r.arrivalNanos() <= endNanos).map(DecisionTap.Received::message).toList();
        }

        /** Decisions of this scenario. */
        List<JsonNode> decisions(DecisionTap tap) {
            return tap.receivedDecisions().stream().filter(r -> r.arrivalNanos() >= startNanos
                    && r.arrivalNanos() <= endNanos).map(DecisionTap.Received::message).toList();
        }

        /**
         * The runtime's own fail-safes for time, not for a sensor, during this scenario: STOP {@code DEADLINE_MISSED}
         * (a decision older than the latency budget) or {@code WATCHDOG_NO_DECISION} (none for a watchdog period).
         * They are what a starved machine gets (two test suites on two cores), the right reaction to it, and none of
         * the loopback scenarios' documented reactions.
         */
        long timeFailSafes(DecisionTap tap) {
            return decisions(tap).stream().map(d -> d.path("reason").asText()).filter(TIME_FAIL_SAFES::contains)
                    .count();
        }
    }

    /** The watchdog's fail-safe reason ({@code DecisionWatchdog#stopPayload}): a STOP that carries no set. */
    static final String WATCHDOG_NO_DECISION = "WATCHDOG_NO_DECISION";
    /** The runtime's STOP reasons for time, not for a sensor: a decision past its latency budget, or none at all. */
    static final List<String> TIME_FAIL_SAFES = List.of(DecisionReason.DEADLINE_MISSED.name(), WATCHDOG_NO_DECISION);

    private final EmbeddedBroker broker;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FutureTask<Integer> run;
    private final HilRig rig;
    private final DecisionTap tap;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream rigLog = new PrintStream(log, true, StandardCharsets.UTF_8);
    private final List<Played> played = new ArrayList<>();

    /**
     * Starts the broker and the runtime (for {@code runSeconds}) and opens the rig (which waits for the runtime to
     * connect to its NMEA server).
     *
     * @param profile        a profile with live.sources (VELODYNE_UDP, NMEA_TCP, optionally IMU_UDP and FFMPEG)
     * @param settleSeconds  the rig's listening time after each scenario's last packet
     * @param extraRunArgs   more {@code avfusion run} arguments (e.g. {@code --model FILE})
     */
    HilLoopback(Path profile, Path tmp, double runSeconds, double settleSeconds, String... extraRunArgs)
            throws Exception {
        this(profile, tmp, runSeconds, settleSeconds, (java.net.URI) null, extraRunArgs);
    }

    /**
     * As above; {@code cameraUrl} (not null) points the profile's FFmpeg camera source at another MJPEG server than
     * the rig's (the rig then streams no camera).
     */
    HilLoopback(Path profile, Path tmp, double runSeconds, double settleSeconds, java.net.URI cameraUrl,
            String... extraRunArgs) throws Exception {
        broker = EmbeddedBroker.start(0);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int lidarPort = freeUdpPort(loopback);
        int nmeaPort = freeTcpPort(loopback);
        int imuPort = 0;
        int cameraPort = 0;
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(profile.toFile());
        for (JsonNode s : root.path("live").path("sources")) {
            ObjectNode source = (ObjectNode) s;
            switch (s.path("driver").asText()) {
                case "VELODYNE_UDP" -> source.put("port", lidarPort);
                case "NMEA_TCP" -> source.put("port", nmeaPort);
                case "IMU_UDP" -> {
                    imuPort = freeUdpPort(loopback);
                    source.put("port", imuPort);
                }
                case "FFMPEG" -> {
                    if (cameraUrl == null) {
                        cameraPort = freeTcpPort(loopback);
                    }
                    source.put("input", cameraUrl != null ? cameraUrl.toString()
                            : "http://127.0.0.1:" + cameraPort + MjpegHttpServer.PATH);
                }
                default -> throw new IllegalArgumentException(profile + ": no free-port rule for driver "
                        + s.path("driver").asText());
            }
        }
        root.putObject("mqtt").put("brokerUrl", broker.uri());
        Path withPorts = tmp.resolve(profile.getFileName().toString().replace(".yaml", "-free-ports.yaml"));
        yaml.writeValue(withPorts.toFile(), root);

        CommandLine cli = AvfusionCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("run", "--config", withPorts.toString(), "--duration",
                Double.toString(runSeconds)));
        args.addAll(List.of(extraRunArgs));
        // the rig's MJPEG server must listen before the runtime's camera source first connects: the rig opens it
        // first (open() below); the camera source reconnects after errors anyway
        HilRigSpec spec = new HilRigSpec(null, broker.port(), null, null, lidarPort, null, null, nmeaPort, null, null,
                cameraPort, null, imuPort, null, settleSeconds);
        rig = new HilRig(spec, "127.0.0.1", rigLog);
        run = new FutureTask<>(() -> cli.execute(args.toArray(String[]::new)));
        Thread runtime = new Thread(run, "hil-loopback-avfusion-run");
        runtime.setDaemon(true);
        runtime.start();
        rig.open();
        tap = DecisionTap.subscribe(broker.uri(), spec.vehicleId());
    }

    /** Plays one scenario once and keeps its report. */
    Played play(HilScenario scenario) throws IOException {
        long start = System.nanoTime();
        HilReport report = rig.run(scenario, 1);
        long end = System.nanoTime();
        report.print(rigLog);
        Played p = new Played(scenario, report, start, end);
        played.add(p);
        return p;
    }

    DecisionTap tap() {
        return tap;
    }

    /** The embedded broker's URI (for more subscribers). */
    String brokerUri() {
        return broker.uri();
    }

    List<Played> played() {
        return List.copyOf(played);
    }

    /** The rig's log (every report), and the tail of the runtime's output: for assertion messages. */
    String transcript() {
        String o = out.toString();
        return log.toString(StandardCharsets.UTF_8) + "\nruntime stdout (tail):\n"
                + (o.length() < 4000 ? o : o.substring(o.length() - 4000)) + "\nruntime stderr:\n" + err;
    }

    /** The rig's log alone. */
    String rigLog() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        try {
            rig.close();
            tap.close();
        } finally {
            run.cancel(true);
            broker.close();
        }
    }

    /** A number at a dotted path of a JSON message, NaN when absent. */
    static double number(JsonNode message, String path) {
        JsonNode n = message;
        for (String key : path.split("\\.")) {
            n = n.path(key);
        }
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /** A value at a dotted path as text ("" when absent). */
    static String text(JsonNode message, String path) {
        JsonNode n = message;
        for (String key : path.split("\\.")) {
            n = n.path(key);
        }
        return n.isMissingNode() ? "" : n.asText();
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
