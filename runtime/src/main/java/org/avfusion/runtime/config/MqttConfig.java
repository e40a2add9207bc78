package org.avfusion.runtime.config;

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
        Check.present("mqtt.brokerUrl", brokerUrl);
        if (!EMBEDDED.equals(brokerUrl) && !brokerUrl.matches("(tcp|ssl)://[^\\s/]+:\\d+")) {
            throw new ConfigException("mqtt.brokerUrl must be 'embedded' or tcp://HOST:PORT (ssl://HOST:PORT), was '"
                    + brokerUrl + "'");
        }
        Check.range("mqtt.embeddedPort", embeddedPort, 0, 65535);
        Check.positive("mqtt.connectTimeoutMillis", connectTimeoutMillis);
        Check.positive("mqtt.reconnectMinDelayMillis", reconnectMinDelayMillis);
        if (reconnectMaxDelayMillis < reconnectMinDelayMillis) {
            throw new ConfigException("mqtt.reconnectMaxDelayMillis (" + reconnectMaxDelayMillis
                    + ") must be >= mqtt.reconnectMinDelayMillis (" + reconnectMinDelayMillis + ")");
        }
        Check.range("mqtt.maxInflight", maxInflight, 1, 65535);
        Check.range("mqtt.keepAliveSeconds", keepAliveSeconds, 1, 65535);
        Check.range("mqtt.occupancyEverySets", occupancyEverySets, 1, 1000);
        Check.positive("mqtt.healthPeriodMillis", healthPeriodMillis);
    }

    public boolean embedded() {
        return EMBEDDED.equals(brokerUrl);
    }
}
