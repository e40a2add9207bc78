package org.avfusion.runtime.config;

import static org.avfusion.calibration.yaml.Bounds.*;

/**
 * MQTT output settings.
 *
 * @param brokerUrl              {@code embedded} to start the in-process broker on 127.0.0.1, or a broker URI such
 *                               as {@code tcp://127.0.0.1:1883}
 * @param embeddedPort           port of the embedded broker (0: any free port)
 * @param connectTimeoutMillis   first connection attempt's time-out
 * @param reconnectMinDelayMillis first reconnect delay; doubles per failure
 * @param reconnectMaxDelayMillis reconnect delay cap
 * @param maxInflight            QoS 1 messages in flight before new ones are dropped
 * @param keepAliveSeconds       MQTT keep-alive
 * @param occupancyEverySets     publish the grid with every N-th decision (it is the largest message)
 * @param healthPeriodMillis     vehicle time between health reports
 * @param outboxCapacity         decisions held while the broker does not acknowledge them (outage, frozen broker);
 *                               past it the oldest are dropped and counted
 * @param outboxDir              folder of the file-backed decision outbox (survives a restart; {@code ~/} is the
 *                               user's home); empty: in memory
 * @param ackTimeoutMillis       a decision not acknowledged within this time means a frozen broker: reconnect
 */
public record MqttConfig(
        String brokerUrl,
        int embeddedPort,
        long connectTimeoutMillis,
        long reconnectMinDelayMillis,
        long reconnectMaxDelayMillis,
        int maxInflight,
        int keepAliveSeconds,
        int occupancyEverySets,
        double healthPeriodMillis,
        int outboxCapacity,
        String outboxDir,
        long ackTimeoutMillis) {

    public static final String EMBEDDED = "embedded";

    public MqttConfig {
        required("mqtt.brokerUrl", brokerUrl, "embedded");
        if (!EMBEDDED.equals(brokerUrl) && !brokerUrl.matches("(tcp|ssl)://[^\\s/]+:\\d+")) {
            throw new ConfigException("mqtt.brokerUrl must be 'embedded' or tcp://HOST:PORT (ssl://HOST:PORT), was '"
                    + brokerUrl + "'");
        }
        requireInRange("mqtt.embeddedPort", embeddedPort, 0, 65535, "");
        requireInRange("mqtt.connectTimeoutMillis", connectTimeoutMillis, 1, 600_000, "ms");
        requireInRange("mqtt.reconnectMinDelayMillis", reconnectMinDelayMillis, 1, 600_000, "ms");
        requireInRange("mqtt.reconnectMaxDelayMillis", reconnectMaxDelayMillis, 1, 3_600_000, "ms");
        if (reconnectMaxDelayMillis < reconnectMinDelayMillis) {
            throw new ConfigException("mqtt.reconnectMaxDelayMillis (" + reconnectMaxDelayMillis
                    + ") must be >= mqtt.reconnectMinDelayMillis (" + reconnectMinDelayMillis + ")");
        }
        requireInRange("mqtt.maxInflight", maxInflight, 1, 65535, "messages");
        requireInRange("mqtt.keepAliveSeconds", keepAliveSeconds, 1, 65535, "s");
        requireInRange("mqtt.occupancyEverySets", occupancyEverySets, 1, 1000, "sets");
        requireInRange("mqtt.healthPeriodMillis", healthPeriodMillis, 10, 3_600_000, "ms");
        requireInRange("mqtt.outboxCapacity", outboxCapacity, 1, 1_000_000, "decisions");
        required("mqtt.outboxDir", outboxDir, "\"\" (in memory) or ~/.local/state/avfusion/outbox");
        requireInRange("mqtt.ackTimeoutMillis", ackTimeoutMillis, 100, 600_000, "ms");
    }

    /** The settings of before the outbox: 600 decisions in memory, 3 s acknowledgement deadline. */
    public MqttConfig(String brokerUrl, int embeddedPort, long connectTimeoutMillis, long reconnectMinDelayMillis,
            long reconnectMaxDelayMillis, int maxInflight, int keepAliveSeconds, int occupancyEverySets,
            double healthPeriodMillis) {
        this(brokerUrl, embeddedPort, connectTimeoutMillis, reconnectMinDelayMillis, reconnectMaxDelayMillis,
                maxInflight, keepAliveSeconds, occupancyEverySets, healthPeriodMillis, 600, "", 3_000);
    }

    /** The same settings with another broker (e.g. {@code --broker}). */
    public MqttConfig withBrokerUrl(String url) {
        return new MqttConfig(url, embeddedPort, connectTimeoutMillis, reconnectMinDelayMillis,
                reconnectMaxDelayMillis, maxInflight, keepAliveSeconds, occupancyEverySets, healthPeriodMillis,
                outboxCapacity, outboxDir, ackTimeoutMillis);
    }

    /** The outbox folder with {@code ~/} expanded, or null for in memory. */
    public java.nio.file.Path outboxPath() {
        if (outboxDir.isBlank()) {
            return null;
        }
        String dir = outboxDir.startsWith("~/") ? System.getProperty("user.home") + outboxDir.substring(1)
                : outboxDir;
        return java.nio.file.Path.of(dir);
    }

    public boolean embedded() {
        return EMBEDDED.equals(brokerUrl);
    }
}
