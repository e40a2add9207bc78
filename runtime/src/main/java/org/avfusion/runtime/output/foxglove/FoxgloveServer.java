package org.avfusion.runtime.output.foxglove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.recorded.foxglove.FoxgloveSchemas;
import org.avfusion.runtime.output.record.ChannelSink;
import org.avfusion.runtime.output.record.RecordException;
import org.avfusion.runtime.output.record.RecordChannel;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

/**
 * A Foxglove WebSocket protocol v1 server (https://github.com/foxglove/ws-protocol, docs/spec.md) for the recorder's
 * channels: on connect a client gets {@code serverInfo} and an {@code advertise} of every channel (JSON encoding,
 * JSON Schema); it subscribes by channel id and then receives each message as binary Message Data (opcode 0x01,
 * subscription id uint32 LE, receive time uint64 LE ns = the message's log time, the JSON payload).
 *
 * <p>Bound to 127.0.0.1 unless told otherwise. A client that does not keep up loses large messages (clouds, images,
 * grids: those over {@value #LARGE_BYTES} bytes while its send buffer is not empty), counted in {@link #dropped()};
 * decisions and health always go out.
 *
 * <p>Threading: {@link #write} from the recorder's writer thread; protocol messages on Java-WebSocket's threads;
 * subscriptions are concurrent maps.
 */
public final class FoxgloveServer implements ChannelSink {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FoxgloveServer.class);
    /** The subprotocol this server speaks. */
    public static final String SUBPROTOCOL = "foxglove.websocket.v1";
    /** Messages larger than this are dropped for a client whose send buffer is not empty. */
    public static final int LARGE_BYTES = 64 * 1024;
    static final byte MESSAGE_DATA = 0x01;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Server server;
    private final String name;
    private volatile List<RecordChannel> channels = List.of();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** One client's subscriptions: channel index to subscription id. */
    private static final class Client {
        final Map<Integer, Long> byChannel = new ConcurrentHashMap<>();
        final Map<Long, Integer> bySubscription = new ConcurrentHashMap<>();
    }

    private final class Server extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);
        private volatile Exception startError;

        Server(InetSocketAddress address) {
            super(address, List.of(new Draft_6455(Collections.emptyList(),
                    List.of(new Protocol(SUBPROTOCOL)))));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.setAttachment(new Client());
            ObjectNode info = JSON.createObjectNode();
            info.put("op", "serverInfo");
            info.put("name", name);
            info.putArray("capabilities");
            info.putArray("supportedEncodings");
            info.putObject("metadata");
            info.put("sessionId", Long.toString(System.currentTimeMillis()));
            conn.send(info.toString());
            advertise(conn, channels);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            Client client = conn.getAttachment();
            try {
                JsonNode m = JSON.readTree(message);
                switch (m.path("op").asText()) {
                    case "subscribe" -> {
                        for (JsonNode s : m.path("subscriptions")) {
                            long id = s.path("id").asLong();
                            int channel = s.path("channelId").asInt(-1);
                            if (channel < 0 || channel >= channels.size()) {
                                status(conn, 1, "subscribe: no channel " + s.path("channelId"));
                                continue;
                            }
                            if (client.bySubscription.containsKey(id)) {
                                status(conn, 2, "subscribe: subscription id " + id + " is in use");
                                continue;
                            }
                            Long old = client.byChannel.put(channel, id);
                            if (old != null) {
                                client.bySubscription.remove(old);
                            }
                            client.bySubscription.put(id, channel);
                        }
                    }
                    case "unsubscribe" -> {
                        for (JsonNode id : m.path("subscriptionIds")) {
                            Integer channel = client.bySubscription.remove(id.asLong());
                            if (channel != null) {
                                client.byChannel.remove(channel);
                            }
                        }
                    }
                    default -> status(conn, 1, "unsupported op '" + m.path("op").asText() + "'");
                }
            } catch (Exception e) {
                status(conn, 2, "cannot read message: " + e.getMessage());
            }
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            status(conn, 1, "this server takes no binary client messages (clientPublish is not a capability)");
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                // the server itself: before it started, the start's error (start() throws it, naming the address);
                // after, it stopped serving (the library logs nothing the console shows: ConsoleLogConfigurator)
                if (started.getCount() > 0) {
                    startError = ex;
                    started.countDown();
                } else {
                    LOG.warn("Foxglove WebSocket server on ws://{} stopped: {}", getAddress(), ex.toString());
                }
            } else {
                LOG.debug("foxglove client {}: {}", conn.getRemoteSocketAddress(), ex.toString());
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    private FoxgloveServer(String host, int port, String name) {
        this.name = name;
        this.server = new Server(new InetSocketAddress(host, port));
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free port, see {@link #port()}).
     *
     * @throws RecordException naming the address when it cannot be bound
     */
    public static FoxgloveServer start(String host, int port, String name) {
        if (port < 0 || port > 65535) {
            throw new RecordException("--foxglove port must be in [0, 65535], was " + port);
        }
        FoxgloveServer s = new FoxgloveServer(host, port, name);
        s.server.start();
        try {
            if (!s.server.started.await(10, TimeUnit.SECONDS)) {
                throw new RecordException("--foxglove: the WebSocket server on " + host + ":" + port
                        + " did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordException("--foxglove: interrupted while starting on " + host + ":" + port);
        }
        if (s.server.startError != null) {
            s.close();
            throw new RecordException("--foxglove: cannot listen on " + host + ":" + port + ": "
                    + s.server.startError.getMessage() + " (choose another port)");
        }
        LOG.info("Foxglove WebSocket server on ws://{}:{}", host, s.port());
        return s;
    }

    /** The port listened on. */
    public int port() {
        return server.getPort();
    }

    @Override
    public void start(List<RecordChannel> list, Map<String, Map<String, String>> metadata) {
        channels = List.copyOf(list);
        for (WebSocket conn : server.getConnections()) {
            advertise(conn, channels);
        }
    }

    private static void advertise(WebSocket conn, List<RecordChannel> channels) {
        if (channels.isEmpty()) {
            return;
        }
        ObjectNode m = JSON.createObjectNode();
        m.put("op", "advertise");
        ArrayNode list = m.putArray("channels");
        for (RecordChannel c : channels) {
            ObjectNode ch = list.addObject();
            ch.put("id", c.index());
            ch.put("topic", c.topic());
            ch.put("encoding", FoxgloveSchemas.MESSAGE_ENCODING);
            ch.put("schemaName", c.schemaName());
            ch.put("schema", new String(c.schema(), StandardCharsets.UTF_8));
            ch.put("schemaEncoding", FoxgloveSchemas.ENCODING);
        }
        send(conn, m.toString());
    }

    private static void status(WebSocket conn, int level, String message) {
        ObjectNode m = JSON.createObjectNode();
        m.put("op", "status");
        m.put("level", level);
        m.put("message", message);
        send(conn, m.toString());
    }

    private static void send(WebSocket conn, String text) {
        try {
            conn.send(text);
        } catch (RuntimeException e) {
            LOG.debug("foxglove client gone: {}", e.toString());
        }
    }

    @Override
    public void write(int channel, long sequence, long logTimeNanos, long publishTimeNanos, byte[] json) {
        for (WebSocket conn : server.getConnections()) {
            Client client = conn.getAttachment();
            Long subscription = client == null ? null : client.byChannel.get(channel);
            if (subscription == null || !conn.isOpen()) {
                continue;
            }
            if (json.length > LARGE_BYTES && conn.hasBufferedData()) {
                dropped.incrementAndGet();
                continue;
            }
            // one buffer per client: the library queues it without copying, and the subscription ids differ
            ByteBuffer frame = ByteBuffer.allocate(1 + 4 + 8 + json.length).order(ByteOrder.LITTLE_ENDIAN);
            frame.put(MESSAGE_DATA).putInt((int) (long) subscription).putLong(logTimeNanos).put(json).flip();
            try {
                conn.send(frame);
                sent.incrementAndGet();
            } catch (RuntimeException e) {
                dropped.incrementAndGet();
            }
        }
    }

    /** Messages sent to clients so far. */
    public long sent() {
        return sent.get();
    }

    /** Messages a slow or gone client did not get. */
    public long dropped() {
        return dropped.get();
    }

    /** Subscriptions over all clients now. */
    public int subscriptions() {
        int n = 0;
        for (WebSocket conn : server.getConnections()) {
            Client c = conn.getAttachment();
            n += c == null ? 0 : c.byChannel.size();
        }
        return n;
    }

    /** Clients connected now. */
    public int clients() {
        return server.getConnections().size();
    }

    @Override
    public String stoppedReason() {
        return null;
    }

    @Override
    public void close() {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
