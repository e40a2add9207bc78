package org.avfusion.runtime.cli.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.runtime.output.mqtt.broker.ClassBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input to {@code avfusion hil}: a clear message naming what is wrong, exit code 2. */
class HilCommandTest {
    /** The broker of the tests that get past the rig's broker check: one for the class, not one per test. */
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {
    }

    private static Result hil(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AvfusionCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "hil";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Result(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void faultOnASensorTheRigDoesNotStreamIsBadInput() {
        Result r = hil("--scenario", "../scenarios/hil/camera-freeze.yaml", "--target", "127.0.0.1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("faults[0] (freeze) names sensor 'camera_front'"), r.err());
    }

    @Test
    void targetWithoutABrokerDoesNotAnswer() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path rig = tmp.resolve("rig.yaml");
        Files.writeString(rig, "brokerPort: " + closed + "\nconnectTimeoutSeconds: 1\n");
        Result r = hil("--scenario", "pedestrian-crossing", "--target", "127.0.0.1", "--rig", rig.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("target does not answer: no MQTT broker at tcp://127.0.0.1:" + closed), r.err());
    }

    @Test
    void runtimeThatNeverConnectsDoesNotAnswer() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            int port = free.getLocalPort();
            free.close();
            Path rig = tmp.resolve("rig.yaml");
            Files.writeString(rig, "brokerPort: " + BROKER.port() + "\nnmeaTcpPort: " + port
                    + "\nconnectTimeoutSeconds: 0.5\n");
            Result r = hil("--scenario", "pedestrian-crossing", "--target", "127.0.0.1", "--rig", rig.toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("no runtime connected to the rig's NMEA server (TCP port " + port + ")"),
                    r.err());
        }
    }

    @Test
    void nmeaPortInUseIsBadInput() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path rig = tmp.resolve("rig.yaml");
            Files.writeString(rig, "brokerPort: " + BROKER.port() + "\nnmeaTcpPort: " + taken.getLocalPort() + "\n");
            Result r = hil("--scenario", "pedestrian-crossing", "--target", "127.0.0.1", "--rig", rig.toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("port in use") && r.err().contains(Integer.toString(taken.getLocalPort())),
                    r.err());
        }
    }

    @Test
    void unknownRigKeyNamesTheFileAndKey() throws IOException {
        Path rig = tmp.resolve("rig.yaml");
        Files.writeString(rig, "lidarPrt: 2368\n");
        Result r = hil("--scenario", "pedestrian-crossing", "--target", "127.0.0.1", "--rig", rig.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("rig.yaml") && r.err().contains("lidarPrt"), r.err());
    }
}
