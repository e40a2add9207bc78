package org.avfusion.runtime.output.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.config.MqttConfig;
import org.avfusion.runtime.output.mqtt.CommandSubscriber;
import org.avfusion.runtime.output.mqtt.MqttOutput;
import org.avfusion.runtime.output.mqtt.MqttSettings;
import org.avfusion.runtime.output.mqtt.OutputTopic;
import org.avfusion.runtime.pipeline.MqttOutputChannel;
import org.avfusion.runtime.route.DestinationCommands;
import org.avfusion.runtime.stage.RouteLoop;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/**
 * Destination commands through a real broker: on the embedded broker, whose ACL lets only the commander publish
 * commands, the commander's destination is accepted and an anonymous one never arrives; through an open broker a
 * command is counted unauthenticated and ignored. The route topic is retained for a late subscriber.
 */
class DestinationCommandAclTest {
    private static final long WAIT_MILLIS = 10_000;
    private static final String COMMAND_PASSWORD = "command-pw-for-route-tests";
    private static final String VEHICLE = "route-car";

    /** A raw Paho client that publishes at QoS 1 and collects what its subscriptions receive. */
    private static final class Client implements AutoCloseable {
        final MqttAsyncClient paho;
        final BlockingQueue<String> got = new LinkedBlockingQueue<>();

        Client(String uri, String id, String user, String password) throws MqttException {
            paho = new MqttAsyncClient(uri, id, new MemoryPersistence());
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
    void theCommanderSetsTheDestinationAndAnAnonymousClientCannot() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.startSecured(0, COMMAND_PASSWORD);
        DestinationCommands vetting = new DestinationCommands(RouteLoop.AUTHENTICATOR);
        BlockingQueue<DestinationCommands.Outcome> outcomes = new LinkedBlockingQueue<>();
        MqttSettings settings = new MqttSettings(broker.uri(), VEHICLE, "rt-" + VEHICLE, 5_000, 100, 1_000, 16, 10)
                .withSecurity(broker.runtimeCredentials());
        String topic = DestinationCommands.topic(VEHICLE);
        try (CommandSubscriber sub = CommandSubscriber.start(settings, topic, RouteLoop.BROKER_ACL_SENDER,
                (sender, payload) -> outcomes.add(vetting.offer(sender, payload)));
             Client anonymous = new Client(broker.uri(), "anon", null, null);
             Client commander = new Client(broker.uri(), "cmd", BrokerAccessPolicy.COMMAND_USER, COMMAND_PASSWORD)) {
            assertTrue(sub.awaitSubscribed(WAIT_MILLIS), "subscribed with the runtime's credentials");
            assertFalse(anonymous.publish(topic, "{\"lat\": 43.7277, \"lon\": 7.4192}"), "the broker refuses anonymous");
            assertTrue(commander.publish(topic, "{\"lat\": 43.7277, \"lon\": 7.4192}"));
            DestinationCommands.Outcome first = outcomes.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertTrue(commander.publish(topic, "{\"lat\": 43.7277}"));
            DestinationCommands.Outcome second = outcomes.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            System.out.println("commands via the embedded broker: " + first + "; " + second);
            assertEquals(DestinationCommands.Kind.ACCEPTED, first.kind());
            assertEquals(43.7277, first.destination().latitudeDeg(), 1e-9);
            assertEquals(DestinationCommands.Kind.MALFORMED, second.kind());
            assertTrue(second.reason().contains("lon"), second.reason());
            assertNull(outcomes.poll(500, TimeUnit.MILLISECONDS), "the anonymous command got through");
            assertEquals(2, sub.received());
        } finally {
            broker.close();
        }
    }

    @Test
    void theRouteIsRetainedForALateSubscriber() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.startSecured(0, null);
        MqttSettings settings = new MqttSettings(broker.uri(), VEHICLE, "rt2-" + VEHICLE, 5_000, 100, 1_000, 16, 10)
                .withSecurity(broker.runtimeCredentials());
        String route = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[7.42,43.73],"
                + "[7.43,43.74]]},\"properties\":{\"distanceMeters\":1000.0}}";
        try (MqttOutput runtime = new MqttOutput(settings)) {
            runtime.start();
            assertTrue(runtime.awaitConnected(WAIT_MILLIS));
            assertTrue(runtime.publish(OutputTopic.ROUTE, route.getBytes(StandardCharsets.UTF_8)));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
            while (runtime.stats().published(OutputTopic.ROUTE) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            try (Client late = new Client(broker.uri(), "late", null, null)) {
                late.paho.subscribe("avfusion/" + VEHICLE + "/route", 1).waitForCompletion(WAIT_MILLIS);
                String got = late.got.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                assertEquals("avfusion/" + VEHICLE + "/route " + route, got);
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void throughAnOpenBrokerACommandIsCountedUnauthenticatedAndIgnored() throws Exception {
        EmbeddedBroker open = EmbeddedBroker.start(0);
        DestinationCommands vetting = new DestinationCommands(RouteLoop.AUTHENTICATOR);
        BlockingQueue<DestinationCommands.Outcome> outcomes = new LinkedBlockingQueue<>();
        String topic = DestinationCommands.topic(VEHICLE);
        try (MqttOutputChannel channel = MqttOutputChannel.open(new MqttConfig(open.uri(), 0, 5_000, 100, 1_000, 16,
                10, 5, 1_000), VEHICLE);
             Client anyone = new Client(open.uri(), "anyone", null, null)) {
            CommandSubscriber sub = channel.subscribeCommands(topic,
                    (sender, payload) -> outcomes.add(vetting.offer(sender, payload)));
            assertTrue(sub.awaitSubscribed(WAIT_MILLIS));
            assertTrue(anyone.publish(topic, "{\"lat\": 43.7277, \"lon\": 7.4192}"), "an open broker takes it");
            DestinationCommands.Outcome o = outcomes.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            System.out.println("command via an open broker: " + o);
            assertEquals(DestinationCommands.Kind.UNAUTHENTICATED, o.kind());
            assertEquals(1, vetting.stats().unauthenticated());
            assertEquals(0, vetting.stats().accepted());
        } finally {
            open.close();
        }
    }
}
