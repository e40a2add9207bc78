package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.UnaryOperator;
import org.avfusion.scenarios.expect.RecordedDecision;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The pedestrian drive against an external Mosquitto process on 127.0.0.1 (port 1883, or system property
 * {@code avfusion.mosquitto.port}), the way a vehicle talks to its broker. Skipped when nothing listens there, except
 * under CI ({@code CI=true}), whose script starts Mosquitto.
 *
 * <p>The broker outlives the test and may serve another suite at the same time (two checkouts tested at once on one
 * machine): the drive publishes under a vehicle id of this JVM's own ({@code e2e-<pid>}), so that its subscriber does
 * not take another run's decisions for its own. With the built-in {@code sim01} it once ended on another run's STOP.
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
        String vehicle = "e2e-" + ProcessHandle.current().pid();
        try {
            drive(port, vehicle);
        } finally {
            clearRetainedHealth("tcp://127.0.0.1:" + port, vehicle); // passed or not
        }
    }

    private static void drive(int port, String vehicle) throws Exception {
        EndToEnd.Outcome o = EndToEnd.drive("tcp://127.0.0.1:" + port, "pedestrian-crossing", UnaryOperator.identity(),
                null, p -> p.withVehicleAndSensors(p.vehicle().withId(vehicle), p.sensors()));
        RecordedDecision stop = o.decisions().stream().filter(RecordedDecision::isStop).findFirst()
                .orElseThrow(() -> new AssertionError("no STOP over Mosquitto"));
        assertEquals("OBSTACLE_IN_PATH", stop.reason());
        RecordedDecision last = o.decisions().get(o.decisions().size() - 1);
        assertEquals("PROCEED", last.kind(), () -> "drive ends with PROCEED; the last of " + o.decisions().size()
                + " decisions: " + last + "; the ten before it: " + o.decisions().subList(
                        Math.max(0, o.decisions().size() - 11), o.decisions().size() - 1).stream()
                        .map(d -> d.referenceSeconds() + " s " + d.kind() + " " + d.reason()).toList());
        assertTrue(o.recorder().lastOnlineHealth().path("mqtt").path("connected").asBoolean(),
                "health reports the MQTT link: " + o.recorder().lastOnlineHealth().path("mqtt"));
        // and the decisions' way to Mosquitto and back: acknowledged ones, timed
        com.fasterxml.jackson.databind.JsonNode ack = o.recorder().lastOnlineHealth().path("mqtt")
                .path("decisionAckMillis");
        assertTrue(ack.path("count").asLong() > 0 && ack.path("p99").asDouble() > 0
                && ack.path("max").asDouble() >= ack.path("p99").asDouble(), "health mqtt.decisionAckMillis: " + ack);
    }

    /** The broker outlives the test: the run's retained health (its own topic) is removed. */
    private static void clearRetainedHealth(String uri, String vehicle) throws Exception {
        MqttClient cleaner = new MqttClient(uri, "clean-" + vehicle, new MemoryPersistence());
        try {
            cleaner.connect();
            cleaner.publish("avfusion/" + vehicle + "/health", new byte[0], 1, true);
            cleaner.disconnect();
        } finally {
            cleaner.close();
        }
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
