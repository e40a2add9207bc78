package org.avfusion.runtime.output.mqtt;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.UncheckedIOException;
import org.avfusion.runtime.output.json.JsonPayload;
import org.avfusion.drivers.source.ReconnectBackoff;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the runtime's outputs to an MQTT v5 broker under {@code avfusion/<vehicleId>/} (see {@link MqttTopics}
 * and {@link OutputTopic} for topics, QoS and retain flags), with a retained Last Will on {@code health} saying
 * {@code {"vehicleId":"<id>","state":"offline","reason":"connection lost"}}.
 *
 * <p><b>Never blocks the caller.</b> {@link #publish(OutputTopic, byte[])} hands the message to Paho's
 * {@link MqttAsyncClient} and returns; it does no I/O and waits on nothing. At most
 * {@link MqttSettings#maxInflight()} messages may be in flight (handed over and not yet written for QoS 0 or
 * acknowledged for QoS 1); beyond that, publishes are refused and counted as dropped.
 *
 * <p><b>Disconnected means dropped.</b> While there is no connection, messages are dropped and counted per topic,
 * never buffered: a decision from three seconds ago is useless, even harmful, to a vehicle after the reconnect,
 * and occupancy or objects are superseded by the next frame anyway. The session is clean (no broker-side queue
 * across connections) for the same reason.
 *
 * <p><b>Connection.</b> {@link #start()} returns at once; a background thread connects (each attempt bounded by
 * {@link MqttSettings#connectTimeoutMillis()}). An unreachable broker is not fatal: the first failure is logged
 * once with the URI, every failure is counted in {@link #stats()}, and attempts are retried after
 * {@code reconnectMinDelayMillis}, doubling to {@code reconnectMaxDelayMillis}. A connection lost later is retried
 * the same way; the delay resets after each successful connection. Paho's own automatic reconnect is not used:
 * its delays are whole seconds and it does not retry a first connection that failed. On every (re)connect the last
 * health payload given to {@link #publish} is published again, so a retained "offline" will left by a lost
 * connection does not outlive the connection coming back.
 *
 * <p><b>Ownership.</b> A payload array accepted by {@code publish} belongs to the client until it is sent: the
 * caller must not modify it afterwards (hand over a fresh array, or one from a pool that is only recycled after
 * {@link MqttStats#inflight()} says so). Paho allocates a few small objects per message; this class adds none.
 *
 * <p><b>Threading.</b> {@code publish} and {@code stats} may be called from any thread. {@code start} and
 * {@code close} are meant for the thread that owns the output's life cycle.
 */
public final class MqttOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttOutput.class);
    private static final OutputTopic[] TOPICS = OutputTopic.values();
    /** MQTT v5 DISCONNECT reason 0: normal disconnection, the broker discards the will. */
    private static final int NORMAL_DISCONNECTION = 0;

    private final MqttSettings settings;
    private final String[] topicNames = new String[TOPICS.length];
    private final PublishListener[] listeners = new PublishListener[TOPICS.length];
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final ScheduledThreadPoolExecutor connector;

    private final AtomicLongArray published = new AtomicLongArray(TOPICS.length);
    private final AtomicLongArray dropped = new AtomicLongArray(TOPICS.length);
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong connectionLosses = new AtomicLong();
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicReference<byte[]> lastHealth = new AtomicReference<>();
    private final Object connectedMonitor = new Object();
    private volatile boolean closing;
    /** > 0: a publish finding the in-flight window full waits up to this long for room (replay back-pressure). */
    private volatile long windowWaitNanos;
    private final java.util.concurrent.atomic.AtomicLong windowWaits = new java.util.concurrent.atomic.AtomicLong();
    private volatile String lastError;

    private final ReconnectBackoff backoff;
    /** Confined to the connector thread: attempts failed since the last connection (or since start). */
    private int failedAttempts;
    /** Confined to the connector thread: the current run of failures has been logged. */
    private boolean failureLogged;

    /**
     * Creates the output; connects nothing until {@link #start()}.
     *
     * @throws IllegalArgumentException if Paho refuses the broker URI or client id
     */
    public MqttOutput(MqttSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        for (OutputTopic topic : TOPICS) {
            topicNames[topic.ordinal()] = MqttTopics.of(settings.vehicleId(), topic);
            listeners[topic.ordinal()] = new PublishListener(topic);
        }
        try {
            client = new MqttAsyncClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("mqtt client refused brokerUri '" + settings.brokerUri()
                    + "' / clientId '" + settings.clientId() + "': " + e.getMessage(), e);
        }
        client.setCallback(new ConnectionCallback());
        options = connectionOptions(settings);
        connector = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "avfusion-mqtt-connect-" + settings.clientId());
            thread.setDaemon(true);
            return thread;
        });
        connector.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        connector.setRemoveOnCancelPolicy(true);
        backoff = new ReconnectBackoff(settings.reconnectMinDelayMillis(), settings.reconnectMaxDelayMillis());
    }

    /** The will payload published by the broker when this client vanishes without a clean DISCONNECT. */
    public static byte[] willPayload(String vehicleId) {
        return offlinePayload(vehicleId, "connection lost");
    }

    /** The health payload {@link #close()} publishes: offline, reason shutdown. */
    public static byte[] shutdownPayload(String vehicleId) {
        return offlinePayload(vehicleId, "shutdown");
    }

    /** Starts connecting in the background and returns at once. Calling it twice is an error. */
    public void start() {
        if (closing) {
            throw new IllegalStateException("MqttOutput for " + settings.brokerUri() + " is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("MqttOutput for " + settings.brokerUri() + " already started");
        }
        connector.execute(this::attemptConnect);
    }

    /**
     * Waits until connected, for tests and for a command that wants its first decision delivered.
     *
     * @return whether connected before {@code timeoutMillis} passed
     */
    public boolean awaitConnected(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (connectedMonitor) {
            while (!connected.get()) {
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(connectedMonitor, leftNanos);
            }
            return true;
        }
    }

    /** Publishes a decision (QoS 1). See {@link #publish(OutputTopic, byte[])}. */
    public boolean publishDecision(byte[] json) {
        return publish(OutputTopic.DECISION, json);
    }

    /** Publishes an occupancy snapshot (QoS 0). See {@link #publish(OutputTopic, byte[])}. */
    public boolean publishOccupancy(byte[] json) {
        return publish(OutputTopic.OCCUPANCY, json);
    }

    /** Publishes the tracked objects (QoS 0). See {@link #publish(OutputTopic, byte[])}. */
    public boolean publishObjects(byte[] json) {
        return publish(OutputTopic.OBJECTS, json);
    }

    /** Publishes the vehicle's health (QoS 1, retained). See {@link #publish(OutputTopic, byte[])}. */
    public boolean publishHealth(byte[] json) {
        return publish(OutputTopic.HEALTH, json);
    }

    /**
     * Hands {@code json} to the client for {@code topic} without waiting for the network. Never throws for a
     * transport problem: a message that cannot be sent now is dropped and counted in {@link #stats()}.
     *
     * @param topic which output (not null: that is a programming error)
     * @param json  the UTF-8 JSON payload; ownership passes to the client when accepted (see class doc); a null
     *              payload is dropped and counted
     * @return true if accepted for sending; false if dropped (not connected, closing, in-flight bound reached,
     *         client error)
     */
    public boolean publish(OutputTopic topic, byte[] json) {
        int index = topic.ordinal();
        if (json == null) {
            dropped.incrementAndGet(index);
            lastError = "null payload for " + topicNames[index];
            return false;
        }
        if (topic == OutputTopic.HEALTH) {
            lastHealth.set(json);
        }
        if (closing || !connected.get()) {
            dropped.incrementAndGet(index);
            return false;
        }
        if (inflight.incrementAndGet() > settings.maxInflight()) {
            inflight.decrementAndGet();
            if (!awaitWindow()) {
                dropped.incrementAndGet(index);
                return false;
            }
        }
        try {
            publishToClient(index, json, topic);
            return true;
        } catch (MqttException | RuntimeException e) {
            inflight.decrementAndGet();
            dropped.incrementAndGet(index);
            lastError = "publish to " + settings.brokerUri() + " " + topicNames[index] + " failed: " + describe(e);
            return false;
        }
    }

    /**
     * Back-pressure instead of drops: from now on a publish that finds {@link MqttSettings#maxInflight()} messages in
     * flight waits up to {@code maxWaitNanos} for one to complete before it gives up and counts the drop (0, the
     * default: never waits, as on the vehicle, where the stage must not stall). Meant for a replay at full speed.
     */
    public void waitForInflightWindow(long maxWaitNanos) {
        if (maxWaitNanos < 0) {
            throw new IllegalArgumentException("maxWaitNanos must be >= 0, was " + maxWaitNanos);
        }
        windowWaitNanos = maxWaitNanos;
    }

    /** Publishes that found the in-flight window full and waited for room. */
    public long inflightWaitCount() {
        return windowWaits.get();
    }

    /**
     * Hands the message to Paho. With back-pressure on, Paho's own window (the broker's Receive Maximum may be
     * smaller than ours) is waited for too, instead of refusing the message.
     */
    private void publishToClient(int index, byte[] json, OutputTopic topic) throws MqttException {
        long wait = windowWaitNanos;
        long deadline = System.nanoTime() + wait;
        while (true) {
            try {
                client.publish(topicNames[index], json, topic.qos(), topic.retained(), null, listeners[index]);
                return;
            } catch (MqttException e) {
                if (wait <= 0 || e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException
                        .REASON_CODE_MAX_INFLIGHT || closing || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                windowWaits.incrementAndGet();
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        }
    }

    /** Claims a place in the in-flight window, waiting up to {@link #windowWaitNanos}; false when none came. */
    private boolean awaitWindow() {
        long wait = windowWaitNanos;
        if (wait <= 0) {
            return false;
        }
        windowWaits.incrementAndGet();
        long deadline = System.nanoTime() + wait;
        while (!closing && connected.get() && System.nanoTime() - deadline < 0) {
            if (inflight.incrementAndGet() <= settings.maxInflight()) {
                return true;
            }
            inflight.decrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
        return false;
    }

    /** A consistent-enough snapshot of the counters (each counter is read atomically, not all together). */
    public MqttStats stats() {
        Map<OutputTopic, Long> publishedByTopic = new EnumMap<>(OutputTopic.class);
        Map<OutputTopic, Long> droppedByTopic = new EnumMap<>(OutputTopic.class);
        for (OutputTopic topic : TOPICS) {
            publishedByTopic.put(topic, published.get(topic.ordinal()));
            droppedByTopic.put(topic, dropped.get(topic.ordinal()));
        }
        return new MqttStats(settings.brokerUri(), connected.get(), connects.get(), connectFailures.get(),
                connectionLosses.get(), Math.max(0, inflight.get()), publishedByTopic, droppedByTopic, lastError);
    }

    /** The settings this output was made with. */
    public MqttSettings settings() {
        return settings;
    }

    /**
     * Stops reconnecting; if connected, publishes {@link #shutdownPayload(String)} retained on health (QoS 1), then
     * sends a normal DISCONNECT (so the broker discards the will) and releases the client. Each of the three steps
     * (waiting for a connection attempt in progress, the shutdown message, the DISCONNECT) is bounded by
     * {@link MqttSettings#connectTimeoutMillis()}. Never throws; idempotent.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        long timeoutMillis = settings.connectTimeoutMillis();
        connector.shutdown();
        try {
            if (!connector.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                connector.shutdownNow();
            }
        } catch (InterruptedException e) {
            connector.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            if (connected.get() && client.isConnected()) {
                // let messages already handed over complete first: a replay's last decisions must not be cut off
                long drainDeadline = System.nanoTime() + timeoutMillis * 1_000_000L;
                while (inflight.get() > 0 && client.isConnected() && System.nanoTime() - drainDeadline < 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                }
                IMqttToken goodbye = client.publish(topicNames[OutputTopic.HEALTH.ordinal()],
                        shutdownPayload(settings.vehicleId()), OutputTopic.HEALTH.qos(), true);
                goodbye.waitForCompletion(timeoutMillis);
                published.incrementAndGet(OutputTopic.HEALTH.ordinal());
                client.disconnect(0, null, null, NORMAL_DISCONNECTION, new MqttProperties())
                        .waitForCompletion(timeoutMillis);
            }
        } catch (MqttException | RuntimeException e) {
            lastError = "clean shutdown on " + settings.brokerUri() + " failed: " + describe(e);
            LOG.warn("MQTT {}: {}", settings.clientId(), lastError);
            forceDisconnect();
        } finally {
            connected.set(false);
            try {
                client.close(true);
            } catch (MqttException | RuntimeException e) {
                LOG.debug("MQTT {}: closing the client: {}", settings.clientId(), describe(e));
            }
        }
    }

    private void attemptConnect() {
        if (closing) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(settings.connectTimeoutMillis());
            onConnected();
        } catch (MqttException | RuntimeException e) {
            onConnectFailed(e);
        }
    }

    private void onConnected() {
        long count = connects.incrementAndGet();
        failedAttempts = 0;
        if (failureLogged) {
            LOG.info("MQTT {}: connected to {} ({} failed attempts since start)", settings.clientId(),
                    settings.brokerUri(), connectFailures.get());
        } else {
            LOG.info("MQTT {}: connected to {} (connection #{})", settings.clientId(), settings.brokerUri(), count);
        }
        failureLogged = false;
        // read before publishes are let through, so a health published right after connecting is not sent twice
        byte[] health = lastHealth.get();
        synchronized (connectedMonitor) {
            connected.set(true);
            connectedMonitor.notifyAll();
        }
        if (health != null) {
            publish(OutputTopic.HEALTH, health);
        }
    }

    private void onConnectFailed(Exception e) {
        connectFailures.incrementAndGet();
        lastError = "connect to " + settings.brokerUri() + " failed: " + describe(e);
        if (!failureLogged) {
            LOG.warn("MQTT {}: cannot connect to {} ({}); outputs are dropped and counted, retrying every {} to {}"
                    + " ms", settings.clientId(), settings.brokerUri(), describe(e),
                    settings.reconnectMinDelayMillis(), settings.reconnectMaxDelayMillis());
            failureLogged = true;
        } else {
            LOG.debug("MQTT {}: {}", settings.clientId(), lastError);
        }
        // A timed-out attempt may still be pending inside Paho; abort it so the next connect() is allowed.
        if (e instanceof MqttException mqtt && mqtt.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_TIMEOUT) {
            forceDisconnect();
        }
        scheduleAttempt();
    }

    /** Runs on the connector thread, after any attempt in progress, so it sees a settled {@code connected}. */
    private void onConnectionLost(String reason) {
        if (closing || !connected.getAndSet(false)) {
            return;
        }
        connectionLosses.incrementAndGet();
        lastError = "connection to " + settings.brokerUri() + " lost: " + reason;
        LOG.warn("MQTT {}: {}; dropping outputs and reconnecting every {} to {} ms", settings.clientId(), lastError,
                settings.reconnectMinDelayMillis(), settings.reconnectMaxDelayMillis());
        failureLogged = true;
        failedAttempts = 0;
        scheduleAttempt();
    }

    private void scheduleAttempt() {
        if (closing) {
            return;
        }
        if (failedAttempts < Integer.MAX_VALUE) {
            failedAttempts++;
        }
        connector.schedule(this::attemptConnect, backoff.delayMillis(failedAttempts), TimeUnit.MILLISECONDS);
    }

    private void forceDisconnect() {
        try {
            client.disconnectForcibly(0, 0, false);
        } catch (MqttException | RuntimeException ignored) {
            // nothing left to abort
        }
    }

    private static MqttConnectionOptions connectionOptions(MqttSettings settings) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout((int) Math.max(1, (settings.connectTimeoutMillis() + 999) / 1000));
        MqttMessage will = new MqttMessage(willPayload(settings.vehicleId()), OutputTopic.HEALTH.qos(), true,
                new MqttProperties());
        options.setWill(MqttTopics.health(settings.vehicleId()), will);
        return options;
    }

    private static byte[] offlinePayload(String vehicleId, String reason) {
        JsonPayload payload = new JsonPayload();
        try {
            JsonGenerator g = payload.begin();
            g.writeStringField("vehicleId", vehicleId);
            g.writeStringField("state", "offline");
            g.writeStringField("reason", reason);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return payload.endBytes();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof MqttException mqtt) {
            Throwable cause = mqtt.getCause();
            String base = (message == null ? "MQTT error" : message) + " (" + mqtt.getReasonCode() + ")";
            return cause == null ? base : base + ": " + cause;
        }
        return message == null ? e.toString() : e.getClass().getSimpleName() + ": " + message;
    }

    /** One per topic, made once: completion of an accepted message. */
    private final class PublishListener implements MqttActionListener {
        private final int index;

        PublishListener(OutputTopic topic) {
            this.index = topic.ordinal();
        }

        @Override
        public void onSuccess(IMqttToken token) {
            inflight.decrementAndGet();
            published.incrementAndGet(index);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            inflight.decrementAndGet();
            dropped.incrementAndGet(index);
            lastError = "publish to " + settings.brokerUri() + " " + topicNames[index] + " failed: "
                    + (exception == null ? "unknown" : describe(exception));
        }
    }

    /** Paho's callbacks run on its own thread: hand everything over to the connector thread. */
    private final class ConnectionCallback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String reason = response == null ? "unknown" : response.toString();
            if (response != null && response.getException() != null) {
                reason = describe(response.getException());
            }
            String why = reason;
            try {
                connector.execute(() -> onConnectionLost(why));
            } catch (RuntimeException rejectedWhileClosing) {
                connected.set(false);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            lastError = "mqtt error from " + settings.brokerUri() + ": " + describe(exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // publish-only client: nothing is subscribed
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // counted by PublishListener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // handled where connect() completes, on the connector thread
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
