package org.avfusion.runtime.output.mqtt;

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

import org.avfusion.drivers.source.ReconnectBackoff;
import org.avfusion.runtime.health.LatencyRecorder;
import org.avfusion.runtime.health.LatencySummary;
import org.avfusion.runtime.output.mqtt.DecisionOutbox.Entry;
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
 * <p><b>Never blocks the caller.</b> {@link #publish(OutputTopic, byte[])} hands the message over and returns; it
 * waits on nothing (a decision costs one small append to the outbox file when the outbox is file-backed). At most
 * {@link MqttSettings#maxInflight()} occupancy, objects and health messages may be in flight (handed over and not yet
 * written for QoS 0 or acknowledged for QoS 1); beyond that, and while disconnected, those are dropped and counted:
 * they are superseded by the next one anyway.
 *
 * <p><b>Decisions are not dropped while they fit the outbox.</b> Every decision goes into a bounded
 * {@link DecisionOutbox} (in memory, or file-backed per {@link MqttDelivery#outboxDir()}) and leaves it only when the
 * broker acknowledges it (PUBACK). One sender thread publishes the outbox in order, at most {@code maxInflight}
 * unacknowledged at a time. When the connection is lost, the unacknowledged decisions go back to the head of the
 * outbox and are published again, in order, after the reconnect, with their payload unchanged except for
 * {@code "late":true,"publishedLateByMillis":N} added (N: wall-clock milliseconds since {@code publish} was called);
 * decisions made while disconnected are marked the same way. Delivery is at least once: a decision delivered whose
 * PUBACK was lost arrives twice (the copies have the same {@code decidedAtNanos}). When the outbox is full the oldest
 * decision is dropped and counted ({@link MqttStats#outboxEvicted()}, included in {@code dropped(DECISION)}).
 *
 * <p><b>A frozen broker</b> (process stopped, host hung, connection black-holed) keeps TCP up; it is detected when
 * the oldest decision in flight is not acknowledged within {@link MqttDelivery#ackTimeoutMillis()}: the connection is
 * dropped, counted in {@link MqttStats#ackTimeouts()}, and re-established with backoff as for a lost connection.
 *
 * <p><b>Back-pressure.</b> {@link #publishAwait(OutputTopic, byte[], long)} blocks while the outbox is full (decisions)
 * or the in-flight window is full or the connection is down (other topics), up to the caller's time-out.
 * {@link #waitForInflightWindow(long)} makes every publish wait for room while connected: a replay at full speed sets
 * it and so loses nothing to a slow broker (an absent one it does not wait for). {@link #awaitDelivered(long)} waits
 * for the outbox to empty.
 *
 * <p><b>Connection.</b> {@link #start()} returns at once; a background thread connects (each attempt bounded by
 * {@link MqttSettings#connectTimeoutMillis()}). An unreachable broker is not fatal: the first failure is logged
 * once with the URI, every failure is counted in {@link #stats()}, and attempts are retried after
 * {@code reconnectMinDelayMillis}, doubling to {@code reconnectMaxDelayMillis}. A connection lost later is retried
 * the same way; the delay resets after each successful connection. Paho's own automatic reconnect is not used:
 * its delays are whole seconds and it does not retry a first connection that failed. On every (re)connect the last
 * health payload given to {@link #publish} is published again, so a retained "offline" will left by a lost
 * connection does not outlive the connection coming back; then the outbox is published.
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
    /** > 0: a publish that finds no room waits up to this long for it (replay back-pressure); 0 on the vehicle. */
    private volatile long windowWaitNanos;
    private final AtomicLong windowWaits = new AtomicLong();
    private volatile boolean closed;
    private volatile String lastError;

    private final DecisionOutbox outbox;
    private final DecisionListener decisionListener = new DecisionListener();
    private final java.util.concurrent.ExecutorService sender;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Bumped on every lost connection; a decision's callbacks from an older one do not touch the window. */
    private volatile long generation;
    private final AtomicLong outboxEvicted = new AtomicLong();
    private final AtomicLong lateDelivered = new AtomicLong();
    /** Handing a decision to the client to its PUBACK ({@link #decisionAckLatency}); recorded on Paho's thread. */
    private final LatencyRecorder decisionAck = new LatencyRecorder();
    private final AtomicLong ackTimeouts = new AtomicLong();
    private final AtomicLong lostAtClose = new AtomicLong();
    private volatile long lastEvictionLogNanos = Long.MIN_VALUE;

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
        this(settings, settings.clientId());
    }

    /**
     * Creates the output with a file-backed outbox (if {@link MqttDelivery#outboxDir()} is set) named
     * {@code outboxName}: the same name on the next start recovers what this one left.
     *
     * @throws IllegalArgumentException if Paho refuses the broker URI or client id, or the outbox cannot be opened
     */
    public MqttOutput(MqttSettings settings, String outboxName) {
        this.settings = Objects.requireNonNull(settings, "settings");
        for (OutputTopic topic : TOPICS) {
            topicNames[topic.ordinal()] = MqttTopics.of(settings.vehicleId(), topic);
            listeners[topic.ordinal()] = new PublishListener(topic);
        }
        try {
            PahoLogging.install();
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
        sender = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "avfusion-mqtt-send-" + settings.clientId());
            thread.setDaemon(true);
            return thread;
        });
        try {
            outbox = settings.delivery().openOutbox(outboxName);
        } catch (RuntimeException e) {
            connector.shutdownNow();
            sender.shutdownNow();
            closeClientQuietly();
            throw new IllegalArgumentException("mqtt decision outbox: " + e.getMessage(), e);
        }
        if (outbox.recovered() > 0 || outbox.evictedOnRecovery() > 0) {
            LOG.warn("MQTT {}: {} undelivered decisions recovered from {} (delivered late after connecting); {} older"
                    + " ones beyond the capacity of {} dropped", settings.clientId(), outbox.recovered(),
                    outbox.file(), outbox.evictedOnRecovery(), outbox.capacity());
            dropped.addAndGet(OutputTopic.DECISION.ordinal(), outbox.evictedOnRecovery());
            outboxEvicted.addAndGet(outbox.evictedOnRecovery());
        }
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
        long periodMillis = Math.max(20, settings.delivery().ackTimeoutMillis() / 4);
        connector.scheduleWithFixedDelay(this::checkAcknowledgements, periodMillis, periodMillis,
                TimeUnit.MILLISECONDS);
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
        if (windowWaitNanos > 0 && connected.get() && !hasRoom(topic)) {
            awaitRoom(topic, windowWaitNanos);
        }
        if (topic == OutputTopic.DECISION) {
            return enqueueDecision(json);
        }
        if (closing || !connected.get()) {
            dropped.incrementAndGet(index);
            return false;
        }
        if (inflight.incrementAndGet() > settings.maxInflight()) {
            inflight.decrementAndGet();
            dropped.incrementAndGet(index);
            return false;
        }
        try {
            client.publish(topicNames[index], json, topic.qos(), topic.retained(), null, listeners[index]);
            return true;
        } catch (MqttException | RuntimeException e) {
            inflight.decrementAndGet();
            dropped.incrementAndGet(index);
            lastError = "publish to " + settings.brokerUri() + " " + topicNames[index] + " failed: " + describe(e);
            return false;
        }
    }

    /**
     * Like {@link #publish(OutputTopic, byte[])}, but waits, up to {@code timeoutMillis}, for room instead of
     * dropping: a decision waits while the outbox is full (so nothing is evicted), another topic while disconnected
     * or while the in-flight window is full. For a replay, which can always wait; a live stage must not call it.
     *
     * @return true when accepted; false when the time ran out (then the message is dropped and counted) or the
     *         output is closed
     * @throws InterruptedException when interrupted while waiting (the message is then not accepted or counted)
     */
    public boolean publishAwait(OutputTopic topic, byte[] json, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (outbox) {
            while (!closing && !hasRoom(topic)) {
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(outbox, Math.min(leftNanos, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
        if (topic == OutputTopic.DECISION && outbox.remainingCapacity() <= 0 && !closing) {
            dropped.incrementAndGet(topic.ordinal());
            lastError = "decision outbox full (" + outbox.capacity() + ") for " + timeoutMillis + " ms: "
                    + "decision dropped";
            return false;
        }
        return publish(topic, json);
    }

    /**
     * Back-pressure instead of drops: from now on a publish that finds no room while connected (a full decision
     * outbox, which would evict the oldest; for other topics a full in-flight window) waits up to {@code maxWaitNanos}
     * for the broker's acknowledgements to make room before it goes the vehicle's way (evict or drop, counted). 0, the
     * default, never waits: on the vehicle the publish stage must not stall. Meant for a replay at full speed.
     *
     * <p>Only a slow broker is waited for, not an absent one: while disconnected (a broker unreachable from the start,
     * or a connection lost mid-run) nothing waits, and output goes the vehicle's way, as the start-up warning says
     * ("dropping and counting output until it connects"): decisions into the outbox, which holds
     * {@link MqttDelivery#outboxCapacity()} of them and then evicts the oldest, counted; other topics dropped,
     * counted. A wait that is under way ends when the connection is lost. Waiting for a broker that is not there
     * stalled a replay at full speed 30 s per message, until its sources ran out of buffers.
     */
    public void waitForInflightWindow(long maxWaitNanos) {
        if (maxWaitNanos < 0) {
            throw new IllegalArgumentException("maxWaitNanos must be >= 0, was " + maxWaitNanos);
        }
        windowWaitNanos = maxWaitNanos;
    }

    /** Publishes that found no room and waited for it. */
    public long inflightWaitCount() {
        return windowWaits.get();
    }

    private void awaitRoom(OutputTopic topic, long maxWaitNanos) {
        windowWaits.incrementAndGet();
        long deadline = System.nanoTime() + maxWaitNanos;
        try {
            synchronized (outbox) {
                while (!closing && connected.get() && !hasRoom(topic)) {
                    long leftNanos = deadline - System.nanoTime();
                    if (leftNanos <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(outbox, Math.min(leftNanos, TimeUnit.MILLISECONDS.toNanos(5)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Room for one more decision before the outbox evicts, for a caller that paces itself. */
    public int remainingCapacity() {
        return outbox.remainingCapacity();
    }

    /**
     * Waits until every decision handed over was acknowledged and nothing else is in flight.
     *
     * @return whether that happened within {@code timeoutMillis}
     */
    public boolean awaitDelivered(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (outbox) {
            while (outbox.size() > 0 || inflight.get() > 0) {
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(outbox, Math.min(leftNanos, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        }
    }

    private boolean hasRoom(OutputTopic topic) {
        return topic == OutputTopic.DECISION ? outbox.remainingCapacity() > 0
                : connected.get() && inflight.get() < settings.maxInflight();
    }

    private boolean enqueueDecision(byte[] json) {
        int index = OutputTopic.DECISION.ordinal();
        if (closing) {
            dropped.incrementAndGet(index);
            return false;
        }
        Entry evicted;
        try {
            evicted = outbox.add(json, System.currentTimeMillis(), !connected.get());
        } catch (RuntimeException e) {
            dropped.incrementAndGet(index);
            lastError = "decision outbox " + outbox.file() + " failed: " + describe(e);
            return false;
        }
        if (evicted != null) {
            dropped.incrementAndGet(index);
            long count = outboxEvicted.incrementAndGet();
            lastError = "decision outbox full (" + outbox.capacity() + " decisions): dropped the oldest, made "
                    + (System.currentTimeMillis() - evicted.enqueuedEpochMillis()) + " ms ago";
            long now = System.nanoTime();
            if (lastEvictionLogNanos == Long.MIN_VALUE || now - lastEvictionLogNanos > 5_000_000_000L) {
                lastEvictionLogNanos = now;
                LOG.warn("MQTT {}: {} ({} dropped so far)", settings.clientId(), lastError, count);
            }
        }
        drain();
        return true;
    }

    /** Asks the sender thread to publish what the window allows. */
    private void drain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                sender.execute(this::sendFromOutbox);
            } catch (RuntimeException rejectedWhileClosing) {
                drainScheduled.set(false);
            }
        }
    }

    /** Runs on the sender thread only, so decisions are handed to Paho in outbox order. */
    private void sendFromOutbox() {
        drainScheduled.set(false);
        String topicName = topicNames[OutputTopic.DECISION.ordinal()];
        while (connected.get() && !closing && outbox.inFlight() < settings.maxInflight()) {
            Entry entry = outbox.takeNext(System.nanoTime(), generation);
            if (entry == null) {
                return;
            }
            byte[] payload = entry.late()
                    ? DecisionOutbox.markLate(entry.payload(), System.currentTimeMillis() - entry.enqueuedEpochMillis())
                    : entry.payload();
            try {
                client.publish(topicName, payload, OutputTopic.DECISION.qos(), OutputTopic.DECISION.retained(), entry,
                        decisionListener);
            } catch (MqttException | RuntimeException e) {
                // the client cannot take it now (window of the broker's receive maximum, or connection going):
                // it stays at the head; the next acknowledgement or (re)connection drains again
                outbox.putBack(entry);
                if (!(e instanceof MqttException m && m.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT)) {
                    lastError = "publish to " + settings.brokerUri() + " " + topicName + " deferred: " + describe(e);
                }
                return;
            }
        }
    }

    /** Runs on the connector thread: a decision in flight longer than the deadline means a frozen broker. */
    private void checkAcknowledgements() {
        long sentNanos = outbox.oldestInFlightSentNanos();
        long deadlineNanos = TimeUnit.MILLISECONDS.toNanos(settings.delivery().ackTimeoutMillis());
        if (closing || !connected.get() || sentNanos == Long.MIN_VALUE || System.nanoTime() - sentNanos <= deadlineNanos) {
            return;
        }
        ackTimeouts.incrementAndGet();
        String reason = "no acknowledgement for a decision within " + settings.delivery().ackTimeoutMillis()
                + " ms (broker frozen or link black-holed)";
        forceDisconnect();
        onConnectionLost(reason);
    }

    /**
     * Time from handing each decision to the client to the broker's acknowledgement (QoS 1 PUBACK) on the connection
     * it was sent on, over the whole run: the way to the broker and back, which a decision's own
     * {@code latencyMillis} (it ends when the client has the decision) does not see. Any thread.
     */
    public LatencySummary decisionAckLatency() {
        return decisionAck.summary();
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
                connectionLosses.get(), Math.max(0, inflight.get()) + outbox.inFlight(), publishedByTopic,
                droppedByTopic, lastError, closed && outbox.file() == null ? 0 : outbox.size(), outbox.capacity(), outboxEvicted.get(),
                lateDelivered.get(), ackTimeouts.get(), lostAtClose.get(), outbox.recovered());
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
        long timeoutMillis = settings.connectTimeoutMillis();
        if (connected.get()) {
            try {
                awaitDelivered(timeoutMillis); // give the outbox its chance to empty
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closing = true;
        sender.shutdown();
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
            closeClientQuietly();
            int left = outbox.size();
            if (left > 0) {
                if (outbox.file() == null) {
                    lostAtClose.addAndGet(left);
                    dropped.addAndGet(OutputTopic.DECISION.ordinal(), left);
                    LOG.warn("MQTT {}: {} decisions never acknowledged by {} are lost (in-memory outbox)",
                            settings.clientId(), left, settings.brokerUri());
                } else {
                    LOG.warn("MQTT {}: {} decisions not acknowledged by {} stay in {} for the next start",
                            settings.clientId(), left, settings.brokerUri(), outbox.file());
                }
            }
            closed = true;
            outbox.close();
            synchronized (outbox) {
                outbox.notifyAll();
            }
        }
    }

    private void closeClientQuietly() {
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT {}: closing the client: {}", settings.clientId(), describe(e));
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
        drain();
    }

    private void onConnectFailed(Exception e) {
        // the error first: a reader that sees the failure counted sees why
        lastError = "connect to " + settings.brokerUri() + " failed: " + describe(e) + refusalHint(e);
        connectFailures.incrementAndGet();
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
        generation++;
        outbox.requeueAll();
        lastError = "connection to " + settings.brokerUri() + " lost: " + reason;
        LOG.warn("MQTT {}: {}; holding up to {} decisions ({} now), dropping other outputs, reconnecting every {} to"
                + " {} ms", settings.clientId(), lastError, outbox.capacity(), outbox.size(),
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
        MqttConnectionOptions options = ConnectionOptions.of(settings);
        MqttMessage will = new MqttMessage(willPayload(settings.vehicleId()), OutputTopic.HEALTH.qos(), true,
                new MqttProperties());
        options.setWill(MqttTopics.health(settings.vehicleId()), will);
        return options;
    }

    private static byte[] offlinePayload(String vehicleId, String reason) {
        org.avfusion.runtime.output.json.JsonPayload payload = new org.avfusion.runtime.output.json.JsonPayload();
        try {
            com.fasterxml.jackson.core.JsonGenerator g = payload.begin();
            g.writeStringField("vehicleId", vehicleId);
            g.writeStringField("state", "offline");
            g.writeStringField("reason", reason);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return payload.endBytes();
    }

    /** MQTT v5 CONNACK 0x86 / 0x87 and the v3 equivalents: say which setting to check. */
    private String refusalHint(Exception e) {
        if (!(e instanceof MqttException mqtt)) {
            return "";
        }
        int code = mqtt.getReasonCode();
        String user = settings.security().username();
        if (code == 134 || code == 4 || code == 135 || code == 5) {
            // Mosquitto answers a wrong password with 135 (not authorised), HiveMQ with 134
            return user == null ? " (the broker requires credentials: set mqtt.username and mqtt.passwordFile or "
                    + "mqtt.passwordEnv)" : " (the broker refused user '" + user + "': check mqtt.username, the password "
                    + "in mqtt.passwordFile / mqtt.passwordEnv, and the client certificate)";
        }
        return "";
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
            wakeWaiters();
            drain();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            inflight.decrementAndGet();
            dropped.incrementAndGet(index);
            lastError = "publish to " + settings.brokerUri() + " " + topicNames[index] + " failed: "
                    + (exception == null ? "unknown" : describe(exception));
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        synchronized (outbox) {
            outbox.notifyAll();
        }
    }

    /** Completion of a decision; the outbox entry is the token's user context. */
    private final class DecisionListener implements MqttActionListener {
        private final int index = OutputTopic.DECISION.ordinal();

        @Override
        public void onSuccess(IMqttToken token) {
            Entry entry = (Entry) token.getUserContext();
            // an acknowledgement from an older connection still means delivered: do not send it again
            if (outbox.remove(entry)) {
                published.incrementAndGet(index);
                if (entry.late()) {
                    lateDelivered.incrementAndGet();
                }
                if (entry.generation() == generation) {
                    decisionAck.recordNanos(System.nanoTime() - entry.sentNanos());
                }
            }
            wakeWaiters();
            drain();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            Entry entry = (Entry) token.getUserContext();
            String why = exception == null ? "unknown" : describe(exception);
            if (!closing && entry.generation() == generation && client.isConnected()) {
                // refused by a broker that is up (e.g. not authorised): sending it again would fail again
                if (outbox.remove(entry)) {
                    dropped.incrementAndGet(index);
                }
                lastError = "publish to " + settings.brokerUri() + " " + topicNames[index] + " refused: " + why;
                wakeWaiters();
                drain();
            }
            // otherwise the connection went: the entry is sent again after the reconnect (requeueAll)
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
