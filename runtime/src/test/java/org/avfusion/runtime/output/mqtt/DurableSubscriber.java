package org.avfusion.runtime.output.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * A subscriber that outlives a broker restart: persistent session (no clean start, 5 min expiry), automatic
 * reconnect, QoS 1; so the broker queues decisions for it while it reconnects. Collects {@code {"seq":N...}}
 * decisions in arrival order.
 */
final class DurableSubscriber implements AutoCloseable {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern LATE_BY = Pattern.compile("\"publishedLateByMillis\":(\\d+)");

    /** One decision as received. */
    record Got(long seq, boolean late, long lateByMillis, String payload) {
    }

    private final MqttAsyncClient client;
    private final List<Got> got = new ArrayList<>();

    DurableSubscriber(String uri, String clientId, String topic) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new Collector());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(300L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        options.setKeepAliveInterval(60);
        client.connect(options).waitForCompletion(TestSubscriber.WAIT_MILLIS);
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(topic, 1)});
        token.waitForCompletion(TestSubscriber.WAIT_MILLIS);
    }

    synchronized List<Got> received() {
        return new ArrayList<>(got);
    }

    /** Distinct sequence numbers received. */
    synchronized long distinct() {
        return got.stream().mapToLong(Got::seq).distinct().count();
    }

    boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(TestSubscriber.WAIT_MILLIS);
            }
        } finally {
            client.close(true);
        }
    }

    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            Matcher seq = SEQ.matcher(payload);
            if (!seq.find()) {
                return;
            }
            Matcher by = LATE_BY.matcher(payload);
            boolean late = payload.contains("\"late\":true");
            synchronized (DurableSubscriber.this) {
                got.add(new Got(Long.parseLong(seq.group(1)), late, by.find() ? Long.parseLong(by.group(1)) : -1,
                        payload));
            }
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
