package org.avfusion.runtime.replay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.MqttConfig;
import org.avfusion.runtime.config.RuntimeConfig;
import org.junit.jupiter.api.Assumptions;
import picocli.CommandLine;

/** Shared data, profiles and the CLI for the recorded-replay tests. */
final class Recordings {
    private Recordings() {
    }

    /** {@code ../shared/data/<relative>}, or the test is skipped with a message naming it. */
    static Path sharedData(String relative) {
        Path p = Path.of(System.getProperty("avfusion.shared", "../../shared"), "data").resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "shared data " + p + " not found: skipping");
        return p;
    }

    static Path sharedModel(String name) {
        Path p = Path.of(System.getProperty("avfusion.shared", "../../shared"), "models", name);
        Assumptions.assumeTrue(Files.exists(p), "model " + p + " not found: skipping");
        return p;
    }

    /** The default profile publishing to {@code brokerUri} as vehicle {@code vehicleId}. */
    static RuntimeConfig profile(String brokerUri, String vehicleId) {
        RuntimeConfig d = new ConfigLoader().loadDefault();
        MqttConfig m = d.mqtt();
        return d.withMqtt(new MqttConfig(brokerUri, 0, m.connectTimeoutMillis(), m.reconnectMinDelayMillis(),
                m.reconnectMaxDelayMillis(), m.maxInflight(), m.keepAliveSeconds(), m.occupancyEverySets(),
                m.healthPeriodMillis())).withVehicleAndSensors(d.vehicle().withId(vehicleId), d.sensors());
    }

    /** What one CLI run printed and returned. */
    record Cli(int exitCode, String out, String err) {
    }

    static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AvfusionCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    static PrintStream sink(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
