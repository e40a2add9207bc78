package org.avfusion.runtime.output.mqtt;

import static org.avfusion.runtime.output.mqtt.MqttOutputEmbeddedTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.avfusion.runtime.output.mqtt.DurableSubscriber.Got;
import org.junit.jupiter.api.Test;

/**
 * Decisions through broker outages against a real Mosquitto started by the test: killed (SIGKILL, then restarted on
 * the same port) and frozen (SIGSTOP, then SIGCONT), for the durations of the check: killed for 10 s and
 * frozen for 20 s mid-drive. A freeze is noticed by the missing acknowledgement after {@code ackTimeoutMillis} (1 s
 * here). Decisions come every 20 ms (five times a lidar's rate, so the outbox is exercised harder than on a vehicle):
 * about 1,500 during the outages; the outbox's bound here is 3,000, so every one of them must arrive, in order, marked
 * late. The test takes about 40 s.
 */
class MqttOutputOutageTest {
    private static final long PERIOD_MILLIS = 20;
    private static final long KILL_MILLIS = 10_000;
    private static final long FREEZE_MILLIS = 20_000;
    /** Holds every decision of both outages with room to spare: (10 s + 20 s + reconnects) / 20 ms is about 1,600. */
    private static final int OUTAGE_CAPACITY = 3_000;

    private static MqttSettings settings(String uri, String vehicle, int capacity) {
        return new MqttSettings(uri, vehicle, "pub-" + vehicle, 1_000, 100, 500, 64, 10,
                new MqttDelivery(capacity, null, 1_000));
    }

    /** Publishes {"seq":N} every 20 ms on its own thread; remembers which ones were made while disconnected. */
    private static final class Producer implements AutoCloseable {
        final AtomicLong next = new AtomicLong();
        final Set<Long> madeWhileDisconnected = java.util.Collections.synchronizedSet(new HashSet<>());
        final AtomicBoolean running = new AtomicBoolean(true);
        /** While set, no decisions are made (so the subscriber can catch up before the broker is killed). */
        final AtomicBoolean paused = new AtomicBoolean();
        final Thread thread;

        Producer(MqttOutput output) {
            thread = new Thread(() -> {
                while (running.get()) {
                    if (paused.get()) {
                        try {
                            Thread.sleep(PERIOD_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                        continue;
                    }
                    long seq = next.get();
                    boolean disconnectedBefore = !output.stats().connected();
                    output.publishDecision(("{\"seq\":" + seq + ",\"kind\":\"PROCEED\"}")
                            .getBytes(StandardCharsets.UTF_8));
                    // disconnected before and after the publish: the output saw it disconnected as it took it in
                    // (a reconnect between the two, on a loaded machine, leaves it out of the set)
                    if (disconnectedBefore && !output.stats().connected()) {
                        madeWhileDisconnected.add(seq);
                    }
                    next.incrementAndGet();
                    try {
                        Thread.sleep(PERIOD_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-producer");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    @Test
    void everyDecisionSurvivesAKilledAndAFrozenBrokerInOrderAndMarkedLate() throws Exception {
        String vehicle = "outage-car-" + ProcessHandle.current().pid();
        try (MosquittoProcess mosquitto = MosquittoProcess.startPlain();
             DurableSubscriber subscriber = new DurableSubscriber(mosquitto.uri(), "sub-" + vehicle,
                     MqttTopics.decision(vehicle));
             MqttOutput output = new MqttOutput(settings(mosquitto.uri(), vehicle, OUTAGE_CAPACITY))) {
            output.start();
            assertTrue(output.awaitConnected(TestSubscriber.WAIT_MILLIS), () -> "not connected: " + output.stats());
            mosquitto.awaitSaved(); // the subscriber's session survives the kill
            long made;
            try (Producer producer = new Producer(output)) {
                Thread.sleep(1_000);
                // what the broker acknowledged but had not yet passed on dies with it (SIGKILL): the outbox is about
                // what the runtime makes while the broker is away, so let the subscriber catch up first (on a
                // loaded machine it lags)
                producer.paused.set(true);
                waitUntil(() -> subscriber.distinct() == producer.next.get(), "subscriber caught up before the kill");
                mosquitto.kill();
                producer.paused.set(false);
                Thread.sleep(KILL_MILLIS);
                mosquitto.restart();
                waitUntil(() -> output.stats().connected(), "reconnected after the kill");
                Thread.sleep(1_000);
                mosquitto.freeze();
                Thread.sleep(FREEZE_MILLIS);
                mosquitto.thaw();
                waitUntil(() -> output.stats().connected() && output.stats().ackTimeouts() > 0,
                        "reconnected after the freeze");
                Thread.sleep(1_000);
                producer.close();
                made = producer.next.get();
                assertTrue(output.awaitDelivered(TestSubscriber.WAIT_MILLIS), () -> "not delivered: "
                        + output.stats());
                waitUntil(() -> subscriber.distinct() == made, "subscriber has all " + made + " decisions");

                List<Got> got = subscriber.received();
                long expected = 0;
                List<Long> outOfOrder = new ArrayList<>();
                Set<Long> seen = new HashSet<>();
                Set<Long> lateCopies = new HashSet<>();
                Set<Long> onTimeCopies = new HashSet<>();
                for (Got g : got) {
                    (g.late() ? lateCopies : onTimeCopies).add(g.seq());
                    if (seen.add(g.seq())) {
                        if (g.seq() != expected) {
                            outOfOrder.add(g.seq());
                        }
                        expected = g.seq() + 1;
                    }
                    if (g.late()) {
                        assertTrue(g.lateByMillis() >= 0, g::payload);
                    }
                }
                assertEquals(List.of(), outOfOrder, "first copies out of order");
                Set<Long> unmarked = new HashSet<>(producer.madeWhileDisconnected);
                unmarked.retainAll(onTimeCopies);
                assertEquals(Set.of(), unmarked, "decisions made while disconnected arrived without late:true");
                assertTrue(producer.madeWhileDisconnected.size() >= (KILL_MILLIS + FREEZE_MILLIS) / PERIOD_MILLIS / 2,
                        "few decisions made during the outages: " + producer.madeWhileDisconnected.size());

                MqttStats stats = output.stats();
                assertEquals(0, stats.decisionsLost(), stats::toString);
                assertEquals(made, stats.published(OutputTopic.DECISION), stats::toString);
                assertTrue(stats.lateDelivered() >= producer.madeWhileDisconnected.size(), stats::toString);
                assertTrue(stats.ackTimeouts() >= 1, stats::toString);
                assertTrue(stats.connectionLosses() >= 2, stats::toString);
                System.out.printf("outage test: %d decisions, %d made while disconnected, %d copies received, "
                        + "%d late copies, stats %s%n", made, producer.madeWhileDisconnected.size(), got.size(),
                        lateCopies.size(), stats);
            }
        }
    }

    @Test
    void pastTheBoundTheOldestAreDroppedAndCountedAndTheLatestArriveInOrder() throws Exception {
        String vehicle = "bound-car-" + ProcessHandle.current().pid();
        int capacity = 20;
        int made = 50;
        try (MosquittoProcess mosquitto = MosquittoProcess.startPlain();
             DurableSubscriber subscriber = new DurableSubscriber(mosquitto.uri(), "sub-" + vehicle,
                     MqttTopics.decision(vehicle));
             MqttOutput output = new MqttOutput(settings(mosquitto.uri(), vehicle, capacity))) {
            output.start();
            assertTrue(output.awaitConnected(TestSubscriber.WAIT_MILLIS), () -> "not connected: " + output.stats());
            mosquitto.awaitSaved(); // the subscriber's session survives the kill
            mosquitto.kill();
            waitUntil(() -> !output.stats().connected(), "the output noticed the kill");
            for (int seq = 0; seq < made; seq++) {
                assertTrue(output.publishDecision(("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8)));
            }
            assertEquals(0, output.remainingCapacity());
            assertTrue(!output.publishAwait(OutputTopic.DECISION, "{\"seq\":999}".getBytes(StandardCharsets.UTF_8),
                    100), "publishAwait accepted into a full outbox");
            mosquitto.restart();
            assertTrue(output.awaitDelivered(TestSubscriber.WAIT_MILLIS), () -> "not delivered: " + output.stats());
            waitUntil(() -> subscriber.distinct() == capacity, "subscriber has the latest " + capacity);

            List<Long> seqs = subscriber.received().stream().map(Got::seq).distinct().toList();
            List<Long> latest = new ArrayList<>();
            for (long seq = made - capacity; seq < made; seq++) {
                latest.add(seq);
            }
            assertEquals(latest, seqs);
            assertTrue(subscriber.received().stream().allMatch(Got::late), "not all marked late");
            MqttStats stats = output.stats();
            assertEquals(made - capacity, stats.outboxEvicted(), stats::toString);
            assertEquals(made - capacity + 1, stats.decisionsLost(), stats::toString); // + the refused publishAwait
            assertEquals(capacity, stats.lateDelivered(), stats::toString);
        }
    }
}
