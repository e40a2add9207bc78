package org.avfusion.runtime.pipeline;

import java.util.Objects;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.MqttConfig;
import org.avfusion.runtime.health.LatencySummary;
import org.avfusion.runtime.output.OutputChannel;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.avfusion.runtime.output.json.JsonPayload;
import org.avfusion.runtime.output.mqtt.MqttDelivery;
import org.avfusion.runtime.output.mqtt.MqttOutput;
import org.avfusion.runtime.output.mqtt.MqttSecurity;
import org.avfusion.runtime.output.mqtt.MqttSettings;
import org.avfusion.runtime.output.mqtt.MqttStats;
import org.avfusion.runtime.output.mqtt.OutputTopic;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;

/**
 * The production {@link OutputChannel}: MQTT through {@link MqttOutput}, to the configured broker or to an embedded
 * one started here on 127.0.0.1 (stopped on close, after the output said goodbye).
 */
public final class MqttOutputChannel implements OutputChannel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MqttOutputChannel.class);
    private final EmbeddedBroker broker;
    private final MqttOutput output;
    private volatile org.avfusion.runtime.output.mqtt.CommandSubscriber commands;

    private MqttOutputChannel(EmbeddedBroker broker, MqttOutput output) {
        this.broker = broker;
        this.output = output;
    }

    /**
     * Starts the embedded broker if configured, then the client. An unreachable external broker is not fatal: the
     * client keeps retrying with backoff and counts what it drops.
     *
     * @throws ConfigException when the embedded broker cannot start (port in use, or a build without it)
     */
    public static MqttOutputChannel open(MqttConfig config, String vehicleId) {
        Objects.requireNonNull(config, "config");
        EmbeddedBroker broker = null;
        String uri = config.brokerUrl();
        if (config.embedded()) {
            if (!EmbeddedBroker.isAvailable()) {
                throw new ConfigException("mqtt.brokerUrl is 'embedded', but this build has no embedded broker (built "
                        + "with -Pvehicle): set mqtt.brokerUrl (or --broker) to the vehicle's broker, e.g. "
                        + "tcp://127.0.0.1:1883");
            }
            try {
                broker = startEmbedded(config.embeddedPort());
            } catch (RuntimeException e) {
                throw new ConfigException("mqtt.brokerUrl is 'embedded' but the embedded broker could not start on "
                        + "127.0.0.1:" + config.embeddedPort() + ": " + e.getMessage() + " (set mqtt.embeddedPort to a "
                        + "free port or 0, or mqtt.brokerUrl / --broker to a running broker such as tcp://127.0.0.1:1883)", e);
            }
            uri = broker.uri();
        }
        MqttSettings settings = new MqttSettings(uri, vehicleId, "avfusion-" + vehicleId + "-" + ProcessHandle.current().pid(),
                config.connectTimeoutMillis(), config.reconnectMinDelayMillis(), config.reconnectMaxDelayMillis(),
                config.maxInflight(), config.keepAliveSeconds(),
                new MqttDelivery(config.outboxCapacity(), config.outboxPath(), config.ackTimeoutMillis()),
                config.embedded() ? broker.runtimeCredentials() : security(config));
        MqttOutput output;
        try {
            // the file-backed outbox is named for the vehicle, not the process, so a restart finds what was left
            output = new MqttOutput(settings, "avfusion-" + vehicleId);
        } catch (IllegalArgumentException e) {
            if (broker != null) {
                broker.close();
            }
            throw new ConfigException("mqtt settings: " + e.getMessage() + " (mqtt.outboxDir: another folder, or \"\" "
                    + "for an in-memory outbox; mqtt.caFile/certFile/keyFile: PEM files; mqtt.passwordFile/"
                    + "passwordEnv: a readable file or a set variable)", e);
        }
        output.start();
        try {
            // give the first connection its time-out before frames flow, so a reachable broker misses nothing;
            // an unreachable one is not waited for longer: the client retries in the background and counts drops
            if (!output.awaitConnected(config.connectTimeoutMillis())) {
                LOG.warn("MQTT broker {} not reachable within {} ms; running on, retrying with backoff, dropping and "
                        + "counting output until it connects", uri, config.connectTimeoutMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new MqttOutputChannel(broker, output);
    }

    private static MqttSecurity security(MqttConfig c) {
        return new MqttSecurity(MqttConfig.pathOrNull(c.caFile()), MqttConfig.pathOrNull(c.certFile()),
                MqttConfig.pathOrNull(c.keyFile()), c.username().isEmpty() ? null : c.username(),
                MqttConfig.pathOrNull(c.passwordFile()), c.passwordEnv().isEmpty() ? null : c.passwordEnv());
    }

    private static EmbeddedBroker startEmbedded(int port) {
        try {
            return EmbeddedBroker.startSecured(port);
        } catch (RuntimeException busy) {
            if (port == 0 || !EmbeddedBroker.isAvailable()) {
                throw busy;
            }
            // e.g. a Mosquitto already on 1883: the job still runs, on a free port, and prints the URI it uses
            LOG.warn("embedded broker: 127.0.0.1:{} is taken ({}); using a free port instead", port, busy.getMessage());
            return EmbeddedBroker.startSecured(0);
        }
    }

    /** The broker URI in use (the embedded broker's when embedded). */
    public String brokerUri() {
        return output.settings().brokerUri();
    }

    /** {@link MqttOutput#decisionAckLatency()}: each decision handed to the client to the broker's PUBACK. */
    public LatencySummary decisionAckLatency() {
        return output.decisionAckLatency();
    }

    public MqttStats stats() {
        return output.stats();
    }

    /** See {@link MqttOutput#waitForInflightWindow(long)}: back-pressure instead of drops, for a replay at full speed. */
    public void waitForInflightWindow(long maxWaitNanos) {
        output.waitForInflightWindow(maxWaitNanos);
    }

    /**
     * For a replay: publishes a decision, waiting (up to {@code timeoutMillis}) while the outbox is full instead of
     * dropping the oldest. See {@link MqttOutput#publishAwait}.
     */
    public boolean decisionAwait(byte[] json, long timeoutMillis) throws InterruptedException {
        return output.publishAwait(OutputTopic.DECISION, json, timeoutMillis);
    }

    /** For a replay's end: waits until every decision was acknowledged; false when the time ran out. */
    public boolean awaitDelivered(long timeoutMillis) throws InterruptedException {
        return output.awaitDelivered(timeoutMillis);
    }

    /** Waits for the connection; false when not connected within the time. */
    public boolean awaitConnected(long timeoutMillis) throws InterruptedException {
        return output.awaitConnected(timeoutMillis);
    }

    @Override
    public boolean decision(byte[] json) {
        return output.publishDecision(json);
    }

    @Override
    public boolean occupancy(byte[] json) {
        return output.publishOccupancy(json);
    }

    @Override
    public boolean objects(byte[] json) {
        return output.publishObjects(json);
    }

    @Override
    public boolean health(byte[] json) {
        return output.publishHealth(json);
    }

    @Override
    public boolean route(byte[] geoJson) {
        return output.publish(OutputTopic.ROUTE, geoJson);
    }

    /** Adds the MQTT counters (from the immutable {@link MqttStats} snapshot) to a health report. */
    public void appendHealth(JsonPayload health) throws IOException {
        MqttStats s = output.stats();
        JsonGenerator w = health.generator();
        w.writeObjectFieldStart("mqtt");
        w.writeStringField("brokerUri", s.brokerUri());
        w.writeBooleanField("connected", s.connected());
        w.writeNumberField("connects", s.connects());
        w.writeNumberField("connectFailures", s.connectFailures());
        w.writeNumberField("connectionLosses", s.connectionLosses());
        w.writeObjectFieldStart("published");
        for (OutputTopic t : OutputTopic.values()) {
            w.writeNumberField(t.name().toLowerCase(), s.published(t));
        }
        w.writeEndObject();
        w.writeObjectFieldStart("dropped");
        for (OutputTopic t : OutputTopic.values()) {
            w.writeNumberField(t.name().toLowerCase(), s.dropped(t));
        }
        w.writeEndObject();
        w.writeObjectFieldStart("outbox");
        w.writeNumberField("pending", s.outboxPending());
        w.writeNumberField("capacity", s.outboxCapacity());
        w.writeNumberField("evicted", s.outboxEvicted());
        w.writeNumberField("lateDelivered", s.lateDelivered());
        w.writeNumberField("ackTimeouts", s.ackTimeouts());
        w.writeEndObject();
        LatencySummary ack = output.decisionAckLatency();
        if (ack.count() > 0) {
            // each decision from the client to the broker's PUBACK, since start (absent until one is acknowledged)
            w.writeObjectFieldStart("decisionAckMillis");
            health.fixed("p50", ack.p50Millis(), 3).fixed("p99", ack.p99Millis(), 3).fixed("max", ack.maxMillis(), 3);
            w.writeNumberField("count", ack.count());
            w.writeEndObject();
        }
        if (s.lastError() != null) {
            w.writeStringField("lastError", s.lastError());
        }
        w.writeEndObject();
    }

    /**
     * Subscribes to {@code topic} (a command topic under {@code avfusion/<vehicle>/command/}) with the runtime's
     * broker and credentials and hands each message to {@code handler}. The sender reported is
     * {@link org.avfusion.runtime.stage.RouteLoop#BROKER_ACL_SENDER} when the broker vouches for it (the embedded
     * broker, whose ACL lets only the commander publish commands, or an external broker the runtime logs into with a
     * user name, whose ACL must do the same), else {@code "unverified"}: commands through an open broker are counted
     * as unauthenticated and ignored. Closed with this channel.
     */
    public org.avfusion.runtime.output.mqtt.CommandSubscriber subscribeCommands(String topic,
            org.avfusion.runtime.output.mqtt.CommandSubscriber.Handler handler) {
        MqttSettings settings = output.settings();
        boolean vouched = broker != null || settings.security().username() != null;
        org.avfusion.runtime.output.mqtt.CommandSubscriber s = org.avfusion.runtime.output.mqtt.CommandSubscriber
                .start(settings, topic, vouched ? org.avfusion.runtime.stage.RouteLoop.BROKER_ACL_SENDER : "unverified",
                        handler);
        commands = s;
        return s;
    }

    @Override
    public void close() {
        org.avfusion.runtime.output.mqtt.CommandSubscriber c = commands;
        if (c != null) {
            c.close();
        }
        try {
            output.close();
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
