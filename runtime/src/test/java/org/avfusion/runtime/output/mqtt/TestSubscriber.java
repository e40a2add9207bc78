package org.avfusion.runtime.output.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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

/**
 * A real Paho v5 subscriber for the tests. Subscribes with the {@code MqttSubscription[]} form: Paho 1.2.5's
 * {@code subscribe(String, int, listener)} overflows the stack.
 */
final class TestSubscriber implements AutoCloseable {

    static final long WAIT_MILLIS = 20_000;

    /** One received message. */
    record Received(String topic, String payload, int qos, boolean retained) {
    }

    private final MqttAsyncClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private TestSubscriber(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects to {@code brokerUri} and subscribes to {@code topicFilter} at QoS 1. */
    static TestSubscriber subscribe(String brokerUri, String clientId, String topicFilter) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
        TestSubscriber subscriber = new TestSubscriber(client);
        client.setCallback(subscriber.new Collector());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        client.connect(options).waitForCompletion(WAIT_MILLIS);
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(topicFilter, 1)});
        token.waitForCompletion(WAIT_MILLIS);
        return subscriber;
    }

    /** The next message on {@code topic}, skipping others, or null after {@code timeoutMillis}. */
    Received next(String topic, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Received message = received.poll(left, TimeUnit.NANOSECONDS);
            if (message == null) {
                return null;
            }
            if (message.topic().equals(topic)) {
                return message;
            }
        }
    }

    /** The next message on {@code topic} within {@link #WAIT_MILLIS}, or null. */
    Received next(String topic) throws InterruptedException {
        return next(topic, WAIT_MILLIS);
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(WAIT_MILLIS);
            }
        } finally {
            client.close(true);
        }
    }

    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.getQos(), message.isRetained()));
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
    }
}
