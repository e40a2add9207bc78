package org.avfusion.scenarios.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * An MQTT subscriber that keeps every decision and health report of one vehicle as parsed JSON, whole: the HIL test
 * reads fields ({@code inputs.lidar_top.status}, {@code sources.gnss.frames}) that the scenario recorder does not keep.
 * Messages arrive on Paho's thread, each noted with its arrival time ({@link System#nanoTime()}, for reaction
 * times measured from outside); the lists are safe to read from any thread.
 */
public final class DecisionTap implements AutoCloseable {
    private final MqttClient client;
    private final String prefix;
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> decisions = new CopyOnWriteArrayList<>();
    private final List<JsonNode> health = new CopyOnWriteArrayList<>();
    private final List<String> malformed = new CopyOnWriteArrayList<>();
    private final List<Long> decisionArrivals = new CopyOnWriteArrayList<>();
    private final List<Long> healthArrivals = new CopyOnWriteArrayList<>();

    private DecisionTap(MqttClient client, String vehicleId) {
        this.client = client;
        this.prefix = "avfusion/" + vehicleId + "/";
    }

    public static DecisionTap subscribe(String brokerUri, String vehicleId) throws MqttException {
        MqttClient client = new MqttClient(brokerUri, "avfusion-hil-tap-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        client.connect(options);
        DecisionTap tap = new DecisionTap(client, vehicleId);
        IMqttMessageListener listener = (topic, message) -> tap.onMessage(topic, message.getPayload());
        // the MqttSubscription[] form: Paho 1.2.5's subscribe(String, int, listener) overflows the stack
        client.subscribe(new MqttSubscription[] {new MqttSubscription(tap.prefix + "decision", 1),
                new MqttSubscription(tap.prefix + "health", 1)}, new IMqttMessageListener[] {listener, listener});
        return tap;
    }

    private synchronized void onMessage(String topic, byte[] payload) {
        long arrival = System.nanoTime();
        try {
            JsonNode node = json.readTree(payload);
            if (topic.endsWith("/decision")) {
                decisions.add(node);
                decisionArrivals.add(arrival);
            } else {
                health.add(node);
                healthArrivals.add(arrival);
            }
        } catch (IOException e) {
            malformed.add(topic + ": " + e.getMessage());
        }
    }

    public List<JsonNode> decisions() {
        return List.copyOf(decisions);
    }

    public List<JsonNode> health() {
        return List.copyOf(health);
    }

    /** A message with its arrival time at this subscriber ({@link System#nanoTime()}). */
    public record Received(long arrivalNanos, JsonNode message) {
    }

    /** Every decision so far with its arrival time, in arrival order. */
    public synchronized List<Received> receivedDecisions() {
        return zip(decisionArrivals, decisions);
    }

    /** Every health report so far with its arrival time, in arrival order. */
    public synchronized List<Received> receivedHealth() {
        return zip(healthArrivals, health);
    }

    private static List<Received> zip(List<Long> times, List<JsonNode> messages) {
        java.util.ArrayList<Received> out = new java.util.ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(new Received(times.get(i), messages.get(i)));
        }
        return out;
    }

    public List<String> malformed() {
        return List.copyOf(malformed);
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
        } finally {
            client.close();
        }
    }
}
