package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.UnaryOperator;
import org.avfusion.scenarios.expect.RecordedDecision;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The pedestrian drive against an external Mosquitto process on 127.0.0.1 (port 1883, or system property
 * {@code avfusion.mosquitto.port}), the way a vehicle talks to its broker. Skipped when nothing listens there, except
 * under CI ({@code CI=true}), whose script starts Mosquitto.
 */
class MosquittoEndToEndTest {
    @Test
    void pedestrianDriveOverMosquitto() throws Exception {
        int port = Integer.getInteger("avfusion.mosquitto.port", 1883);
        if (!listening(port)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("no MQTT broker on 127.0.0.1:" + port + ": the CI script must start Mosquitto there");
            }
            Assumptions.abort("no Mosquitto on 127.0.0.1:" + port
                    + " (apt-get install -y mosquitto; mosquitto -c <conf with 'listener " + port + " 127.0.0.1'>)");
        }
        EndToEnd.Outcome o = EndToEnd.drive("tcp://127.0.0.1:" + port, "pedestrian-crossing", UnaryOperator.identity());
        RecordedDecision stop = o.decisions().stream().filter(RecordedDecision::isStop).findFirst()
                .orElseThrow(() -> new AssertionError("no STOP over Mosquitto"));
        assertEquals("OBSTACLE_IN_PATH", stop.reason());
        assertEquals("PROCEED", o.decisions().get(o.decisions().size() - 1).kind(), "drive ends with PROCEED");
        assertTrue(o.recorder().lastOnlineHealth().path("mqtt").path("connected").asBoolean(),
                "health reports the MQTT link: " + o.recorder().lastOnlineHealth().path("mqtt"));
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
