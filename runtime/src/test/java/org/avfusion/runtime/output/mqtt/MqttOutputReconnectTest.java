package org.avfusion.runtime.output.mqtt;

import static org.avfusion.runtime.output.mqtt.MqttOutputEmbeddedTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.avfusion.runtime.output.mqtt.TestSubscriber.Received;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away and comes back on the same port: the output holds the decision made meanwhile, reconnects by
 * itself and delivers it marked late.
 */
class MqttOutputReconnectTest {

    @Test
    void reconnectsToABrokerRestartedOnTheSamePortAndDeliversLaterDecisions() throws Exception {
        String vehicle = "restart-car";
        MqttSettings settings = new MqttSettings("tcp://127.0.0.1:1", vehicle, "pub-" + vehicle, 2_000, 100, 1_000,
                64, 10);
        EmbeddedBroker first = EmbeddedBroker.start(0);
        int port = first.port();
        MqttOutput output = new MqttOutput(settings.withBrokerUri(first.uri()));
        EmbeddedBroker second = null;
        try {
            output.start();
            assertTrue(output.awaitConnected(TestSubscriber.WAIT_MILLIS), () -> "never connected: " + output.stats());
            output.publishHealth("{\"state\":\"ok\"}".getBytes(StandardCharsets.UTF_8));

            first.close();
            waitUntil(() -> !output.stats().connected(), "the output noticed the broker left");
            assertTrue(output.publishDecision(bytes("{\"seq\":1}")), "refused a decision with no broker");
            assertFalse(output.publishObjects(bytes("{}")), "accepted objects with no broker");
            MqttStats away = output.stats();
            assertEquals(0, away.dropped(OutputTopic.DECISION), away::toString);
            assertEquals(1, away.dropped(OutputTopic.OBJECTS), away::toString);
            assertEquals(1, away.outboxPending(), away::toString);
            assertEquals(1, away.connectionLosses(), away::toString);
            assertTrue(away.lastError().contains(first.uri()), away.lastError());

            second = EmbeddedBroker.start(port);
            assertTrue(output.awaitConnected(TestSubscriber.WAIT_MILLIS), () -> "no reconnect: " + output.stats());
            assertTrue(output.awaitDelivered(TestSubscriber.WAIT_MILLIS), () -> "held decision not delivered: "
                    + output.stats());
            assertEquals(1, output.stats().lateDelivered(), output.stats()::toString);
            try (TestSubscriber subscriber = TestSubscriber.subscribe(second.uri(), "sub-" + vehicle,
                    MqttTopics.allOf(vehicle))) {
                Received health = subscriber.next(MqttTopics.health(vehicle));
                assertNotNull(health, "last health was not republished retained after the reconnect");
                assertEquals("{\"state\":\"ok\"}", health.payload());

                assertTrue(output.publishDecision(bytes("{\"seq\":2}")), () -> "refused: " + output.stats());
                Received decision = subscriber.next(MqttTopics.decision(vehicle));
                assertNotNull(decision, "no decision after the reconnect");
                assertEquals("{\"seq\":2}", decision.payload());
            }
            MqttStats back = output.stats();
            assertEquals(2, back.connects(), back::toString);
            assertEquals(0, back.decisionsLost(), back::toString);
            assertEquals(2, back.published(OutputTopic.DECISION), back::toString);
        } finally {
            output.close();
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
