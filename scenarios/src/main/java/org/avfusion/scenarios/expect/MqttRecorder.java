package org.avfusion.scenarios.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * A real MQTT subscriber on {@code avfusion/<vehicle>/#} that records decisions (parsed), health reports and message
 * counts per topic. Subscribe before the drive starts; decisions arrive at QoS 1 in publication order.
 */
public final class MqttRecorder implements AutoCloseable {
    private final MqttClient client;
    private final String prefix;
    private final ObjectMapper json = new ObjectMapper();
    private final List<RecordedDecision> decisions = new CopyOnWriteArrayList<>();
    private final List<JsonNode> health = new CopyOnWriteArrayList<>();
    private final AtomicLong objects = new AtomicLong();
    private final List<RecordedTrack> tracks = new CopyOnWriteArrayList<>();
    private final AtomicLong occupancy = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    private MqttRecorder(MqttClient client, String vehicleId) {
        this.client = client;
        this.prefix = "avfusion/" + vehicleId + "/";
    }

    /** Connects to {@code brokerUri} and subscribes to everything the vehicle publishes. */
    public static MqttRecorder subscribe(String brokerUri, String vehicleId) throws MqttException {
        MqttClient client = new MqttClient(brokerUri, "avfusion-recorder-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        client.connect(options);
        MqttRecorder recorder = new MqttRecorder(client, vehicleId);
        IMqttMessageListener listener = (topic, message) -> recorder.onMessage(topic, message.getPayload());
        // the MqttSubscription[] form: Paho 1.2.5's subscribe(String, int, listener) overflows the stack
        client.subscribe(new MqttSubscription[] {new MqttSubscription(recorder.prefix + "#", 1)},
                new IMqttMessageListener[] {listener});
        return recorder;
    }

    private void onMessage(String topic, byte[] payload) {
        try {
            JsonNode node = json.readTree(payload);
            switch (topic.substring(prefix.length())) {
                case "decision" -> decisions.add(parse(node));
                case "health" -> health.add(node);
                case "objects" -> {
                    objects.incrementAndGet();
                    long stamp = node.path("referenceStampNanos").asLong();
                    node.path("tracks").forEach(t -> tracks.add(new RecordedTrack(stamp, t.path("id").asLong(),
                            t.path("class").asText(), t.path("xMeters").asDouble(), t.path("yMeters").asDouble(),
                            t.path("vxMetersPerSecond").asDouble(), t.path("vyMetersPerSecond").asDouble())));
                }
                case "occupancy" -> occupancy.incrementAndGet();
                default -> malformed.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            malformed.incrementAndGet();
        }
    }

    private static RecordedDecision parse(JsonNode n) {
        List<String> missing = new ArrayList<>();
        n.path("missing").forEach(m -> missing.add(m.asText()));
        JsonNode d = n.get("obstacleDistanceMeters");
        List<String> modalities = new ArrayList<>();
        n.path("modalities").forEach(m -> modalities.add(m.asText()));
        JsonNode target = n.get("targetSpeedMetersPerSecond");
        return new RecordedDecision(n.get("kind").asText(), n.get("reason").asText(),
                n.get("referenceStampNanos").asLong(), d == null || d.isNull() ? Double.NaN : d.asDouble(),
                n.path("partial").asBoolean(), List.copyOf(missing), n.path("latencyMillis").asDouble(Double.NaN),
                target == null || target.isNull() ? Double.NaN : target.asDouble(), n.path("trackId").asLong(),
                n.path("detail").asText(n.get("reason").asText()), List.copyOf(modalities));
    }

    /** Waits until a health report matching {@code condition} arrives (e.g. the final one). */
    public boolean awaitHealth(Predicate<JsonNode> condition, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline) {
            for (JsonNode h : health) {
                if (condition.test(h)) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Waits until {@code count} decisions arrived. */
    public boolean awaitDecisions(long count, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (decisions.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return decisions.size() >= count;
    }

    public List<RecordedDecision> decisions() {
        return List.copyOf(decisions);
    }

    public List<JsonNode> health() {
        return List.copyOf(health);
    }

    /** The newest health report of a running runtime (skips the offline notes of a shutdown or a lost link). */
    public JsonNode lastOnlineHealth() {
        for (int i = health.size() - 1; i >= 0; i--) {
            if ("online".equals(health.get(i).path("state").asText())) {
                return health.get(i);
            }
        }
        throw new IllegalStateException("no online health report received");
    }

    /** Every track received on {@code objects}, in arrival order. */
    public List<RecordedTrack> tracks() {
        return List.copyOf(tracks);
    }

    public long objectsCount() {
        return objects.get();
    }

    public long occupancyCount() {
        return occupancy.get();
    }

    /** Messages that did not parse or came on an unexpected topic. */
    public long malformedCount() {
        return malformed.get();
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
