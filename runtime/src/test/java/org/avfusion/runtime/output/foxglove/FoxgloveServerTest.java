package org.avfusion.runtime.output.foxglove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.output.record.RecordedDrives;
import org.avfusion.runtime.output.record.RecordException;
import org.avfusion.runtime.output.record.Recorder;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.Protocol;
import org.junit.jupiter.api.Test;

/**
 * A Foxglove WebSocket client (Java-WebSocket, subprotocol foxglove.websocket.v1) connects to the live view of a
 * simulated drive, reads serverInfo and the advertised channels, subscribes to decisions and grids and receives
 * them as binary Message Data frames.
 */
class FoxgloveServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A minimal Foxglove client: keeps the text ops and the binary messages per subscription id. */
    static final class TestClient extends WebSocketClient {
        final List<JsonNode> ops = new CopyOnWriteArrayList<>();
        final Map<Long, List<JsonNode>> messages = new ConcurrentHashMap<>();
        final CountDownLatch advertised = new CountDownLatch(1);
        volatile String protocol;

        TestClient(URI uri) {
            super(uri, new Draft_6455(Collections.emptyList(), List.of(new Protocol(FoxgloveServer.SUBPROTOCOL))));
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            protocol = handshake.getFieldValue("Sec-WebSocket-Protocol");
        }

        @Override
        public void onMessage(String message) {
            try {
                JsonNode m = JSON.readTree(message);
                ops.add(m);
                if (m.path("op").asText().equals("advertise")) {
                    advertised.countDown();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            ByteBuffer b = bytes.order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x01, b.get(), "Message Data opcode");
            long subscription = Integer.toUnsignedLong(b.getInt());
            b.getLong();
            byte[] json = new byte[b.remaining()];
            b.get(json);
            try {
                messages.computeIfAbsent(subscription, k -> new CopyOnWriteArrayList<>())
                        .add(JSON.readTree(new String(json, StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
        }

        int channelId(String topic) {
            for (JsonNode op : ops) {
                for (JsonNode c : op.path("channels")) {
                    if (c.path("topic").asText().equals(topic)) {
                        return c.path("id").asInt();
                    }
                }
            }
            throw new AssertionError("topic " + topic + " not advertised: " + ops);
        }
    }

    @Test
    void aClientSubscribesAndReceivesDecisionsAndGrids() throws Exception {
        try (SimulatedDrive drive = new SimulatedDrive(ScenarioCatalog.loadBuiltIn("pedestrian-crossing"))) {
            RuntimeConfig config = ReplayJob.adaptToRig(RuntimeConfig.defaults(), drive);
            FoxgloveServer server = FoxgloveServer.start("127.0.0.1", 0, "avfusion test");
            TestClient client = new TestClient(URI.create("ws://127.0.0.1:" + server.port()));
            try {
                assertTrue(client.connectBlocking(10, TimeUnit.SECONDS), "connected");
                assertEquals(FoxgloveServer.SUBPROTOCOL, client.protocol, "subprotocol chosen by the server");
                Recorder recorder = RecordedDrives.recorder(config, List.of(server));
                assertTrue(client.advertised.await(10, TimeUnit.SECONDS), "advertise received");
                assertEquals("serverInfo", client.ops.get(0).path("op").asText(), "serverInfo first");
                int decisionChannel = client.channelId("/avfusion/decision");
                int gridChannel = client.channelId("/avfusion/occupancy");
                JsonNode gridAd = null;
                for (JsonNode c : client.ops.get(1).path("channels")) {
                    if (c.path("id").asInt() == gridChannel) {
                        gridAd = c;
                    }
                }
                assertEquals("foxglove.Grid", gridAd.path("schemaName").asText());
                assertEquals("json", gridAd.path("encoding").asText());
                assertEquals("jsonschema", gridAd.path("schemaEncoding").asText());
                assertEquals("foxglove.Grid", JSON.readTree(gridAd.path("schema").asText()).path("title").asText());
                client.send("{\"op\":\"subscribe\",\"subscriptions\":[{\"id\":7,\"channelId\":" + decisionChannel
                        + "},{\"id\":9,\"channelId\":" + gridChannel + "}]}");
                for (int i = 0; i < 1000 && server.subscriptions() < 2; i++) {
                    Thread.sleep(10);
                }
                assertEquals(2, server.subscriptions(), "both subscriptions registered");

                List<String> kinds = new ArrayList<>();
                RecordedDrives.run(drive, config, 400, recorder);
                for (int i = 0; i < 1000 && client.messages.getOrDefault(7L, List.of()).size() < 5; i++) {
                    Thread.sleep(10);
                }
                List<JsonNode> decisions = client.messages.getOrDefault(7L, List.of());
                List<JsonNode> grids = client.messages.getOrDefault(9L, List.of());
                decisions.forEach(d -> kinds.add(d.path("kind").asText()));
                assertTrue(decisions.size() >= 5, "decisions received: " + decisions.size());
                assertTrue(kinds.stream().allMatch(k -> java.util.Arrays.stream(org.avfusion.runtime.plan.DecisionKind.values()).anyMatch(v -> v.name().equals(k))), kinds.toString());
                assertTrue(grids.size() >= 1, "grids received: " + grids.size());
                JsonNode grid = grids.get(0);
                int cols = grid.path("column_count").asInt();
                int cells = grid.path("data").binaryValue().length;
                assertTrue(cols > 0 && cells >= cols && cells % cols == 0, cols + " columns, " + cells + " cells");
                assertEquals(Map.of(7L, 0, 9L, 0).keySet(), client.messages.keySet(), "only what was subscribed");
            } finally {
                client.closeBlocking();
                server.close();
            }
        }
    }

    @Test
    void aPortInUseFailsAtStartNamingTheAddress() {
        FoxgloveServer first = FoxgloveServer.start("127.0.0.1", 0, "first");
        try {
            RecordException e = assertThrows(RecordException.class,
                    () -> FoxgloveServer.start("127.0.0.1", first.port(), "second"));
            assertTrue(e.getMessage().contains("127.0.0.1:" + first.port()), e.getMessage());
        } finally {
            first.close();
        }
    }
}
