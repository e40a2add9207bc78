package org.avfusion.runtime.output.mqtt;

import static org.avfusion.runtime.output.mqtt.MqttOutputEmbeddedTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** No broker, or a port that never answers MQTT: nothing throws, start and close return, drops are counted. */
class MqttOutputUnreachableTest {

    /**
     * Bound for "returns, does not wait on the broker": start() does no I/O and close() waits at most one connect
     * timeout (500 ms here), while the retries would go on for ever; 10 s is far above both and above any scheduling
     * delay of a loaded machine (1 s was the old bound: a measured duration, which a GC pause or a busy core can break).
     */
    private static final long PROMPT_MILLIS = 10_000;

    @Test
    void unreachableBrokerIsRetriedAndCountedWhileStartAndCloseReturnPromptly() throws Exception {
        int port = freePortWithNothingListening();
        String uri = "tcp://127.0.0.1:" + port;
        MqttOutput output = new MqttOutput(new MqttSettings(uri, "lonely-car", "pub-lonely", 500, 50, 200, 8, 10));

        long startNanos = System.nanoTime();
        output.start();
        long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
        assertTrue(startMillis < PROMPT_MILLIS, "start() took " + startMillis + " ms");

        waitUntil(() -> output.stats().connectFailures() >= 3, "three failed attempts (the retry loop runs)");
        MqttStats stats = output.stats();
        assertFalse(stats.connected());
        assertEquals(0, stats.connects());
        assertEquals(uri, stats.brokerUri());
        assertNotNull(stats.lastError());
        assertTrue(stats.lastError().contains(uri), stats.lastError());

        assertTrue(output.publishDecision(bytes("{}")), "a decision is held for the connection");
        assertFalse(output.publishOccupancy(bytes("{}")));
        assertFalse(output.publishOccupancy(bytes("{}")));
        assertFalse(output.publishHealth(bytes("{}")));
        MqttStats afterPublishing = output.stats();
        assertEquals(0, afterPublishing.dropped(OutputTopic.DECISION));
        assertEquals(1, afterPublishing.outboxPending());
        assertEquals(2, afterPublishing.dropped(OutputTopic.OCCUPANCY));
        assertEquals(0, afterPublishing.dropped(OutputTopic.OBJECTS));
        assertEquals(1, afterPublishing.dropped(OutputTopic.HEALTH));
        assertEquals(0, afterPublishing.published(OutputTopic.DECISION));

        long closeNanos = System.nanoTime();
        output.close();
        long closeMillis = (System.nanoTime() - closeNanos) / 1_000_000;
        assertTrue(closeMillis < PROMPT_MILLIS, "close() took " + closeMillis + " ms");
        assertEquals(1, output.stats().lostAtClose(), "the held decision is lost with an in-memory outbox");
        assertEquals(1, output.stats().decisionsLost());
        // an attempt that outlived close()'s wait for it may still be counted once; a retry loop that goes on (50 to
        // 200 ms apart) counts several times a second
        Thread.sleep(1_000);
        long failuresAfterClose = output.stats().connectFailures();
        Thread.sleep(1_000);
        assertEquals(failuresAfterClose, output.stats().connectFailures(), "still retrying after close()");
    }

    @Test
    void brokerThatAcceptsTcpButNeverAnswersTimesOutAndIsRetried() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            }, "silent-broker");
            acceptor.setDaemon(true);
            acceptor.start();
            String uri = "tcp://127.0.0.1:" + silent.getLocalPort();
            MqttOutput output = new MqttOutput(new MqttSettings(uri, "mute-car", "pub-mute", 300, 50, 100, 8, 10));

            long startNanos = System.nanoTime();
            output.start();
            assertTrue((System.nanoTime() - startNanos) / 1_000_000 < PROMPT_MILLIS, "start() blocked");

            waitUntil(() -> output.stats().connectFailures() >= 2, "two timed-out attempts");
            assertFalse(output.publishObjects(bytes("{}")));
            assertEquals(1, output.stats().dropped(OutputTopic.OBJECTS));
            assertTrue(output.stats().lastError().contains(uri), output.stats().lastError());

            long closeNanos = System.nanoTime();
            output.close();
            long closeMillis = (System.nanoTime() - closeNanos) / 1_000_000;
            assertTrue(closeMillis < 3 * 300 + PROMPT_MILLIS, "close() took " + closeMillis + " ms");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static int freePortWithNothingListening() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
