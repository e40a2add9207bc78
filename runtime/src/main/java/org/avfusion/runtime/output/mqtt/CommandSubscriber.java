package org.avfusion.runtime.output.mqtt;

import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the runtime's commands (e.g. {@code avfusion/<vehicle>/command/destination}) over MQTT v5 with its own
 * client (client id {@code <runtime client id>-cmd}, the runtime's broker, TLS and credentials), subscribed at QoS 1
 * on every (re)connection, and hands each message to a {@link Handler} with the sender identity given at start.
 *
 * <p><b>Who sent it.</b> MQTT does not tell a subscriber who published a message; what vouches for it is the broker's
 * access control. The caller passes the identity to report: a name its authenticator trusts when the broker
 * enforces that only the commander may publish commands (the embedded broker's ACL; an external broker the runtime
 * logs into, whose ACL must do the same), otherwise one it refuses, so that commands through an open broker are
 * counted as unauthenticated and ignored.
 *
 * <p><b>Never fatal.</b> An unreachable broker is retried with backoff in the background; a handler that throws is
 * counted and logged, and the subscription goes on. Threading: the handler runs on Paho's callback thread, one
 * message at a time. {@link #close} from the owner's thread.
 */
public final class CommandSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSubscriber.class);

    /** Receives one command message. */
    @FunctionalInterface
    public interface Handler {
        void command(String sender, byte[] payload);
    }

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String topic;
    private final String sender;
    private final Handler handler;
    private final MqttSettings settings;
    private final ScheduledThreadPoolExecutor connector;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong handlerErrors = new AtomicLong();
    private final Object subscribedMonitor = new Object();
    private long delayMillis;

    private CommandSubscriber(MqttSettings settings, String topic, String sender, Handler handler)
            throws MqttException {
        this.settings = settings;
        this.topic = topic;
        this.sender = sender;
        this.handler = handler;
        PahoLogging.install();
        this.client = new MqttAsyncClient(settings.brokerUri(), settings.clientId() + "-cmd", new MemoryPersistence());
        this.options = ConnectionOptions.of(settings);
        this.delayMillis = settings.reconnectMinDelayMillis();
        client.setCallback(new Callback());
        connector = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "avfusion-mqtt-commands-" + settings.clientId());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts connecting in the background and returns at once.
     *
     * @param settings the runtime's MQTT settings (broker, TLS, credentials)
     * @param topic    the topic filter to subscribe to
     * @param sender   the identity handed to {@code handler} with every message (see the class comment)
     * @throws IllegalArgumentException when Paho refuses the broker URI or client id
     */
    public static CommandSubscriber start(MqttSettings settings, String topic, String sender, Handler handler) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(handler, "handler");
        CommandSubscriber s;
        try {
            s = new CommandSubscriber(settings, topic, sender, handler);
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("mqtt command subscription: client refused brokerUri '"
                    + settings.brokerUri() + "': " + e.getMessage(), e);
        }
        s.connector.execute(s::connect);
        return s;
    }

    /** On the connector thread: one attempt, then subscribe, or retry later with backoff. */
    private void connect() {
        if (closed.get()) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(settings.connectTimeoutMillis());
            client.subscribe(topic, 1).waitForCompletion(settings.connectTimeoutMillis());
            delayMillis = settings.reconnectMinDelayMillis();
            synchronized (subscribedMonitor) {
                subscribed.set(true);
                subscribedMonitor.notifyAll();
            }
        } catch (MqttException | RuntimeException e) {
            if (!closed.get()) {
                LOG.debug("command subscription to {} on {} failed: {}; retrying in {} ms", topic,
                        settings.brokerUri(), e.getMessage(), delayMillis);
                try {
                    if (client.isConnected()) {
                        client.disconnect().waitForCompletion(1000);
                    }
                } catch (MqttException ignored) {
                    // retried below
                }
                connector.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
                delayMillis = Math.min(settings.reconnectMaxDelayMillis(), delayMillis * 2);
            }
        }
    }

    /** Waits until subscribed; false when not within the time. For tests and start-up. */
    public boolean awaitSubscribed(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (subscribedMonitor) {
            while (!subscribed.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(subscribedMonitor, left);
            }
            return true;
        }
    }

    /** Messages received so far. */
    public long received() {
        return received.get();
    }

    /** Messages whose handler threw. */
    public long handlerErrors() {
        return handlerErrors.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(1000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // closing anyway
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            subscribed.set(false);
            if (!closed.get()) {
                try {
                    connector.schedule(CommandSubscriber.this::connect, delayMillis, TimeUnit.MILLISECONDS);
                } catch (RuntimeException rejectedWhileClosing) {
                    // closing
                }
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.debug("command subscription error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String t, MqttMessage message) {
            received.incrementAndGet();
            try {
                handler.command(sender, message.getPayload());
            } catch (RuntimeException e) {
                handlerErrors.incrementAndGet();
                LOG.warn("command on {} not handled: {}", t, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // subscribe-only client
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // subscribed in connect()
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
