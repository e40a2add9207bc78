package org.avfusion.runtime.output.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.avfusion.runtime.output.mqtt.TestSubscriber.Received;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same round trip against a real Mosquitto on 127.0.0.1 (port 1883, or system property
 * {@code avfusion.mosquitto.port}). Skipped when nothing listens there, except on CI ({@code CI=true}), whose
 * script starts Mosquitto: there a missing broker fails the test.
 */
class MqttOutputMosquittoTest {

    private static String uri;

    @BeforeEach
    void requireMosquitto() {
        int port = Integer.getInteger("avfusion.mosquitto.port", 1883);
        uri = "tcp://127.0.0.1:" + port;
        if (!listening(port)) {
            String message = "no MQTT broker listens on 127.0.0.1:" + port + " (start one: mosquitto with "
                    + "'listener " + port + " 127.0.0.1' and 'allow_anonymous true', or set -Davfusion.mosquitto.port)";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but " + message);
            }
            Assumptions.assumeTrue(false, message);
        }
    }

    @Test
    void decisionAndRetainedHealthRoundTrip() throws Exception {
        String vehicle = "mosquitto-car-" + ProcessHandle.current().pid();
        MqttSettings settings = new MqttSettings(uri, vehicle, "pub-" + vehicle, 5_000, 100, 1_000, 64, 10);
        try (TestSubscriber subscriber = TestSubscriber.subscribe(uri, "sub-" + vehicle, MqttTopics.allOf(vehicle));
             MqttOutput output = new MqttOutput(settings)) {
            output.start();
            assertTrue(output.awaitConnected(TestSubscriber.WAIT_MILLIS), () -> "not connected: " + output.stats());
            assertTrue(output.publishDecision(bytes("{\"action\":\"SLOW\"}")));
            assertTrue(output.publishHealth(bytes("{\"state\":\"ok\"}")));

            Received decision = subscriber.next(MqttTopics.decision(vehicle));
            assertNotNull(decision, "no decision from Mosquitto");
            assertEquals("{\"action\":\"SLOW\"}", decision.payload());
            assertEquals(1, decision.qos());
            MqttOutputEmbeddedTest.waitUntil(() -> output.stats().published(OutputTopic.HEALTH) == 1,
                    "health acknowledged");
            MqttOutputEmbeddedTest.waitUntil(() -> output.stats().published(OutputTopic.DECISION) == 1,
                    "decision acknowledged");
            // the decision's way to Mosquitto and its PUBACK back, timed once
            assertEquals(1, output.decisionAckLatency().count());
            assertTrue(output.decisionAckLatency().maxMillis() > 0);
            try (TestSubscriber late = TestSubscriber.subscribe(uri, "late-" + vehicle, MqttTopics.health(vehicle))) {
                Received health = late.next(MqttTopics.health(vehicle));
                assertNotNull(health, "Mosquitto did not retain health");
                assertEquals("{\"state\":\"ok\"}", health.payload());
                assertTrue(health.retained());
            }
        }
        try (TestSubscriber after = TestSubscriber.subscribe(uri, "after-" + vehicle, MqttTopics.health(vehicle))) {
            Received goodbye = after.next(MqttTopics.health(vehicle));
            assertNotNull(goodbye, "no retained health after close");
            assertEquals(new String(MqttOutput.shutdownPayload(vehicle), StandardCharsets.UTF_8), goodbye.payload());
            clearRetained(vehicle);
        }
    }

    /** Mosquitto outlives the test: remove the retained message so repeated runs start clean. */
    private static void clearRetained(String vehicle) throws Exception {
        org.eclipse.paho.mqttv5.client.MqttAsyncClient cleaner = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(
                uri, "clean-" + vehicle, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        try {
            cleaner.connect().waitForCompletion(TestSubscriber.WAIT_MILLIS);
            cleaner.publish(MqttTopics.health(vehicle), new byte[0], 1, true).waitForCompletion(
                    TestSubscriber.WAIT_MILLIS);
            cleaner.disconnect().waitForCompletion(TestSubscriber.WAIT_MILLIS);
        } finally {
            cleaner.close(true);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
