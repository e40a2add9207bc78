package org.avfusion.runtime.output.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.avfusion.runtime.output.mqtt.MqttOutput;
import org.avfusion.runtime.output.mqtt.MqttSecurity;
import org.avfusion.runtime.output.mqtt.MqttSettings;
import org.avfusion.runtime.output.mqtt.MqttTopics;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded broker's access control, checked with real Paho clients: who may publish what. */
class EmbeddedBrokerAccessTest {
    private static final long WAIT_MILLIS = 10_000;
    private static final String COMMAND_PASSWORD = "command-pw-for-tests";
    private static final String VEHICLE = "acl-car";
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.startSecured(0, COMMAND_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** A raw client; collects what arrives on its subscriptions. */
    private static final class Client implements AutoCloseable {
        final MqttAsyncClient paho;
        final BlockingQueue<String> got = new LinkedBlockingQueue<>();

        Client(String id, String user, String password) throws MqttException {
            paho = new MqttAsyncClient(broker.uri(), id, new MemoryPersistence());
            paho.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    got.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                }
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            if (user != null) {
                options.setUserName(user);
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            paho.connect(options).waitForCompletion(WAIT_MILLIS);
        }

        void subscribe(String filter) throws MqttException {
            paho.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}).waitForCompletion(WAIT_MILLIS);
        }

        /** Publishes at QoS 1; returns whether the broker accepted it (false when refused or disconnected). */
        boolean publish(String topic, String payload) {
            try {
                IMqttToken token = paho.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
                token.waitForCompletion(WAIT_MILLIS);
                int[] codes = token.getReasonCodes();
                return codes == null || codes.length == 0 || codes[0] < 0x80;
            } catch (MqttException e) {
                return false;
            }
        }

        String next(long millis) throws InterruptedException {
            return got.poll(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws MqttException {
            try {
                if (paho.isConnected()) {
                    paho.disconnect().waitForCompletion(WAIT_MILLIS);
                }
            } finally {
                paho.close(true);
            }
        }
    }

    @Test
    void onlyTheRuntimePublishesDecisionsAndAnObserverOnlyReads() throws Exception {
        MqttSettings settings = new MqttSettings(broker.uri(), VEHICLE, "pub-" + VEHICLE, 5_000, 100, 1_000, 16, 10)
                .withSecurity(broker.runtimeCredentials());
        try (Client observer = new Client("observer", null, null);
             Client intruder = new Client("intruder", null, null);
             MqttOutput runtime = new MqttOutput(settings)) {
            observer.subscribe("avfusion/#");
            runtime.start();
            assertTrue(runtime.awaitConnected(WAIT_MILLIS), () -> "runtime not connected: " + runtime.stats());

            assertFalse(intruder.publish(MqttTopics.decision(VEHICLE), "{\"kind\":\"PROCEED\",\"fake\":true}"),
                    "an anonymous client published a decision");
            assertTrue(runtime.publishDecision("{\"kind\":\"STOP\"}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(MqttTopics.decision(VEHICLE) + " {\"kind\":\"STOP\"}", observer.next(WAIT_MILLIS));
            assertNull(observer.next(500), "something else reached the observer");
        }
    }

    @Test
    void onlyTheCommanderPublishesCommands() throws Exception {
        String command = "avfusion/" + VEHICLE + "/command/stop";
        String runtimePassword = Files.readString(broker.runtimeCredentials().passwordFile());
        try (Client runtime = new Client("runtime-like", BrokerAccessPolicy.RUNTIME_USER, runtimePassword);
             Client anonymous = new Client("anon", null, null);
             Client commander = new Client("commander", BrokerAccessPolicy.COMMAND_USER, COMMAND_PASSWORD)) {
            runtime.subscribe("avfusion/+/command/#");
            assertFalse(anonymous.publish(command, "{\"from\":\"anonymous\"}"), "anonymous published a command");
            assertTrue(commander.publish(command, "{\"from\":\"commander\"}"));
            assertEquals(command + " {\"from\":\"commander\"}", runtime.next(WAIT_MILLIS));
            assertNull(runtime.next(500), "the anonymous command got through");
            // last: HiveMQ may disconnect a client that publishes where it may not
            assertFalse(runtime.publish(command, "{\"from\":\"runtime\"}"), "the runtime published a command");
        }
    }

    @Test
    void wrongCredentialsAreRefusedWithAClearMessage() throws Exception {
        MqttException refused = assertThrows(MqttException.class,
                () -> new Client("liar", BrokerAccessPolicy.RUNTIME_USER, "guess").close());
        assertEquals(134, refused.getReasonCode(), refused::toString);

        java.nio.file.Path wrong = Files.createTempFile("avfusion-wrong-", ".txt");
        try {
            Files.writeString(wrong, "guess\n");
            MqttSettings settings = new MqttSettings(broker.uri(), VEHICLE, "wrong-" + VEHICLE, 2_000, 100, 500, 16,
                    10).withSecurity(new MqttSecurity(null, null, null, BrokerAccessPolicy.RUNTIME_USER, wrong, null));
            try (MqttOutput output = new MqttOutput(settings)) {
                output.start();
                // the first attempts may time out on a loaded machine; the output retries until the broker answers
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!String.valueOf(output.stats().lastError()).contains("refused")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertFalse(output.stats().connected());
                String error = output.stats().lastError();
                assertTrue(error != null && error.contains("the broker refused user '" + BrokerAccessPolicy.RUNTIME_USER
                        + "'") && error.contains("mqtt.passwordFile"), error);
            }
        } finally {
            Files.deleteIfExists(wrong);
        }
    }

    @Test
    void theRuntimePasswordFileIsOwnerOnlyAndGoesWithTheBroker() throws Exception {
        EmbeddedBroker own = EmbeddedBroker.startSecured(0, null);
        java.nio.file.Path file = own.runtimeCredentials().passwordFile();
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        own.close();
        assertFalse(Files.exists(file), "credentials left behind in " + file);
        assertFalse(Files.exists(file.getParent()), "broker folder left behind: " + file.getParent());
    }
}
