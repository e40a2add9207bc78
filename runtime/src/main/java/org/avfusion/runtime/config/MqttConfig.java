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
        double healthPeriodMillis) {

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
    }

    public boolean embedded() {
        return EMBEDDED.equals(brokerUrl);
    }
}
