package org.avfusion.runtime.output.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.avfusion.runtime.output.mqtt.TestSubscriber.Received;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MqttOutput against the embedded HiveMQ broker, checked by a real Paho subscriber. */
class MqttOutputEmbeddedTest {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static MqttSettings settings(String uri, String vehicleId) {
        return new MqttSettings(uri, vehicleId, "pub-" + vehicleId, 5_000, 100, 1_000, 64, 10);
    }

    private static MqttOutput connectedOutput(MqttSettings settings) throws InterruptedException {
        MqttOutput output = new MqttOutput(settings);
        output.start();
        assertTrue(output.awaitConnected(TestSubscriber.WAIT_MILLIS), () -> "not connected: " + output.stats());
        return output;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decisionArrivesAtQos1WithItsPayload() throws Exception {
        String vehicle = "decision-car";
        try (TestSubscriber subscriber = TestSubscriber.subscribe(broker.uri(), "sub-" + vehicle,
                MqttTopics.allOf(vehicle));
             MqttOutput output = connectedOutput(settings(broker.uri(), vehicle))) {
            assertTrue(output.publishDecision(json("{\"action\":\"STOP\",\"seq\":7}")));

            Received decision = subscriber.next(MqttTopics.decision(vehicle));
            assertNotNull(decision, "no decision arrived within 20 s");
            assertEquals("{\"action\":\"STOP\",\"seq\":7}", decision.payload());
            assertEquals(1, decision.qos());
            assertFalse(decision.retained());
        }
    }

    @Test
    void occupancyAndObjectsArriveAtQos0AndAreCounted() throws Exception {
        String vehicle = "qos0-car";
        try (TestSubscriber subscriber = TestSubscriber.subscribe(broker.uri(), "sub-" + vehicle,
                MqttTopics.allOf(vehicle));
             MqttOutput output = connectedOutput(settings(broker.uri(), vehicle))) {
            assertTrue(output.publishOccupancy(json("{\"cells\":[]}")));
            assertTrue(output.publishObjects(json("{\"objects\":[]}")));

            Received occupancy = subscriber.next(MqttTopics.occupancy(vehicle));
            Received objects = subscriber.next(MqttTopics.objects(vehicle));
            assertNotNull(occupancy, "no occupancy arrived");
            assertNotNull(objects, "no objects arrived");
            assertEquals(0, occupancy.qos());
            assertEquals("{\"objects\":[]}", objects.payload());
            MqttStats stats = output.stats();
            assertEquals(1, stats.published(OutputTopic.OCCUPANCY));
            assertEquals(1, stats.published(OutputTopic.OBJECTS));
            assertEquals(0, stats.droppedTotal());
        }
    }

    @Test
    void healthIsRetainedForASubscriberConnectingLater() throws Exception {
        String vehicle = "retained-car";
        try (MqttOutput output = connectedOutput(settings(broker.uri(), vehicle))) {
            assertTrue(output.publishHealth(json("{\"state\":\"ok\"}")));
            waitUntil(() -> output.stats().published(OutputTopic.HEALTH) == 1, "health acknowledged");

            try (TestSubscriber late = TestSubscriber.subscribe(broker.uri(), "late-" + vehicle,
                    MqttTopics.health(vehicle))) {
                Received health = late.next(MqttTopics.health(vehicle));
                assertNotNull(health, "late subscriber got no retained health");
                assertEquals("{\"state\":\"ok\"}", health.payload());
                assertTrue(health.retained());
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the link is closed inside its try block on purpose: that is the failure under test
    void lostConnectionWithoutDisconnectDeliversTheRetainedOfflineWill() throws Exception {
        String vehicle = "will-car";
        try (TcpProxy link = new TcpProxy(broker.port());
             TestSubscriber subscriber = TestSubscriber.subscribe(broker.uri(), "sub-" + vehicle,
                     MqttTopics.health(vehicle))) {
            MqttOutput output = connectedOutput(settings(link.uri(), vehicle));
            try {
                link.close();

                Received will = subscriber.next(MqttTopics.health(vehicle));
                assertNotNull(will, "no will after the link died");
                assertEquals("{\"vehicleId\":\"will-car\",\"state\":\"offline\",\"reason\":\"connection lost\"}",
                        will.payload());
                try (TestSubscriber late = TestSubscriber.subscribe(broker.uri(), "late-" + vehicle,
                        MqttTopics.health(vehicle))) {
                    Received retained = late.next(MqttTopics.health(vehicle));
                    assertNotNull(retained, "the will was not retained");
                    assertTrue(retained.retained());
                    assertEquals(will.payload(), retained.payload());
                }
                waitUntil(() -> output.stats().connectionLosses() == 1, "the output counted the lost connection");
                assertTrue(output.publishDecision(json("{}")), "decision refused while disconnected");
                assertEquals(0, output.stats().dropped(OutputTopic.DECISION));
                assertEquals(1, output.stats().outboxPending(), "decision not held for the reconnect");
            } finally {
                output.close();
            }
        }
    }

    @Test
    void cleanCloseRetainsOfflineShutdownAndSendsNoWill() throws Exception {
        String vehicle = "shutdown-car";
        try (TestSubscriber subscriber = TestSubscriber.subscribe(broker.uri(), "sub-" + vehicle,
                MqttTopics.health(vehicle))) {
            MqttOutput output = connectedOutput(settings(broker.uri(), vehicle));
            output.close();

            Received goodbye = subscriber.next(MqttTopics.health(vehicle));
            assertNotNull(goodbye, "no shutdown health after close()");
            assertEquals("{\"vehicleId\":\"shutdown-car\",\"state\":\"offline\",\"reason\":\"shutdown\"}",
                    goodbye.payload());
            assertNull(subscriber.next(MqttTopics.health(vehicle), 500), "a will followed the clean close");
            try (TestSubscriber late = TestSubscriber.subscribe(broker.uri(), "late-" + vehicle,
                    MqttTopics.health(vehicle))) {
                Received retained = late.next(MqttTopics.health(vehicle));
                assertNotNull(retained, "shutdown health was not retained");
                assertEquals(goodbye.payload(), retained.payload());
            }
            assertFalse(output.stats().connected());
            assertFalse(output.publishDecision(json("{}")), "publish accepted after close");
        }
    }

    @Test
    void inflightWindowOfOneHoldsTheExcessInTheOutboxAndDeliversAllInOrder() throws Exception {
        String vehicle = "burst-car";
        MqttSettings oneInFlight = new MqttSettings(broker.uri(), vehicle, "pub-" + vehicle, 5_000, 100, 1_000,
                1, 10, new MqttDelivery(2_000, null, 5_000));
        // HiveMQ's own queue for a slow subscriber (1000) is not what is tested; one at a time, each decision waits for
        // the one before it to be acknowledged (tens of ms each on a loaded machine)
        int attempts = 200;
        try (TestSubscriber subscriber = TestSubscriber.subscribe(broker.uri(), "sub-" + vehicle,
                MqttTopics.decision(vehicle));
             MqttOutput output = connectedOutput(oneInFlight)) {
            for (int i = 0; i < attempts; i++) {
                assertTrue(output.publishDecision(json("{\"seq\":" + i + "}")), "refused #" + i);
            }
            assertTrue(output.awaitDelivered(3 * TestSubscriber.WAIT_MILLIS), () -> "not delivered: " + output.stats());
            MqttStats stats = output.stats();
            assertEquals(attempts, stats.published(OutputTopic.DECISION), stats::toString);
            assertEquals(0, stats.decisionsLost(), stats::toString);
            for (int i = 0; i < attempts; i++) {
                Received r = subscriber.next(MqttTopics.decision(vehicle));
                assertNotNull(r, "decision #" + i + " missing");
                assertEquals("{\"seq\":" + i + "}", r.payload());
            }
        }
    }

    @Test
    void pastTheOutboxBoundTheOldestIsDroppedAndCounted() throws Exception {
        String vehicle = "full-car";
        MqttSettings small = new MqttSettings("tcp://127.0.0.1:1", vehicle, "pub-" + vehicle, 1_000, 100, 1_000,
                8, 10, new MqttDelivery(3, null, 5_000));
        try (MqttOutput output = new MqttOutput(small)) {
            for (int i = 0; i < 5; i++) {
                assertTrue(output.publishDecision(json("{\"seq\":" + i + "}")));
            }
            MqttStats stats = output.stats();
            assertEquals(2, stats.outboxEvicted(), stats::toString);
            assertEquals(2, stats.decisionsLost(), stats::toString);
            assertEquals(3, stats.outboxPending(), stats::toString);
            assertTrue(stats.lastError().contains("outbox full (3 decisions)"), stats.lastError());
        }
    }

    @Test
    void nullPayloadIsDroppedAndCounted() throws Exception {
        String vehicle = "null-car";
        try (MqttOutput output = connectedOutput(settings(broker.uri(), vehicle))) {
            assertFalse(output.publishObjects(null));
            assertEquals(1, output.stats().dropped(OutputTopic.OBJECTS));
            assertTrue(output.stats().lastError().contains(MqttTopics.objects(vehicle)), output.stats()::toString);
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TestSubscriber.WAIT_MILLIS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TestSubscriber.WAIT_MILLIS + " ms waiting for: "
                        + what);
            }
            Thread.sleep(10);
        }
    }
}
