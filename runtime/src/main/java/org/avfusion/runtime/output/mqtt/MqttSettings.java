package org.avfusion.runtime.output.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * How {@link MqttOutput} reaches its broker. Validated on construction: every message names the field and the
 * offending value.
 *
 * @param brokerUri               {@code tcp://host:port} or {@code ssl://host:port}
 * @param vehicleId               topic segment naming the vehicle, {@code [a-z0-9_-]+}
 * @param clientId                MQTT client identifier, non-blank, at most 65535 characters (MQTT limit); brokers
 *                                disconnect an older session with the same id, so one id per running process
 * @param connectTimeoutMillis    how long one connection attempt (TCP + CONNACK) may take, and the bound for each
 *                                step of {@link MqttOutput#close()}, &gt; 0
 * @param reconnectMinDelayMillis first retry delay after a failed attempt or a lost connection, &gt; 0
 * @param reconnectMaxDelayMillis cap of the doubling retry delay, &gt;= {@code reconnectMinDelayMillis}
 * @param maxInflight             messages handed to the client and not yet written (QoS 0) or acknowledged (QoS 1),
 *                                in [1, 65535]; beyond it publishes are dropped and counted
 * @param keepAliveSeconds        MQTT keep-alive interval, in [1, 65535] seconds
 * @param delivery                the decision outbox and acknowledgement deadline ({@link MqttDelivery})
 * @param security                TLS files and credentials ({@link MqttSecurity}); TLS files need {@code ssl://}
 */
public record MqttSettings(
        String brokerUri,
        String vehicleId,
        String clientId,
        long connectTimeoutMillis,
        long reconnectMinDelayMillis,
        long reconnectMaxDelayMillis,
        int maxInflight,
        int keepAliveSeconds,
        MqttDelivery delivery,
        MqttSecurity security) {

    private static final Pattern VEHICLE_ID = Pattern.compile("[a-z0-9_-]+");

    public MqttSettings {
        requireUri(brokerUri);
        if (vehicleId == null || !VEHICLE_ID.matcher(vehicleId).matches()) {
            throw new IllegalArgumentException(
                    "mqtt vehicleId must match [a-z0-9_-]+ (lower case, digits, '_' or '-'): '" + vehicleId + "'");
        }
        if (clientId == null || clientId.isBlank() || clientId.length() > 65535) {
            throw new IllegalArgumentException("mqtt clientId must be non-blank and at most 65535 characters: '"
                    + clientId + "'");
        }
        requirePositive("connectTimeoutMillis", connectTimeoutMillis);
        requirePositive("reconnectMinDelayMillis", reconnectMinDelayMillis);
        requirePositive("reconnectMaxDelayMillis", reconnectMaxDelayMillis);
        if (reconnectMinDelayMillis > reconnectMaxDelayMillis) {
            throw new IllegalArgumentException("mqtt reconnectMinDelayMillis (" + reconnectMinDelayMillis
                    + ") must be <= reconnectMaxDelayMillis (" + reconnectMaxDelayMillis + ")");
        }
        if (maxInflight < 1 || maxInflight > 65535) {
            throw new IllegalArgumentException("mqtt maxInflight must be in [1, 65535]: " + maxInflight);
        }
        if (keepAliveSeconds < 1 || keepAliveSeconds > 65535) {
            throw new IllegalArgumentException("mqtt keepAliveSeconds must be in [1, 65535]: " + keepAliveSeconds);
        }
        if (delivery == null) {
            throw new IllegalArgumentException("mqtt delivery settings are missing (MqttDelivery.DEFAULTS)");
        }
        if (security == null) {
            throw new IllegalArgumentException("mqtt security settings are missing (MqttSecurity.NONE)");
        }
        if (security.usesTls() && !brokerUri.startsWith("ssl://")) {
            throw new IllegalArgumentException("mqtt caFile/certFile are set but brokerUri '" + brokerUri
                    + "' is not ssl://: write ssl://HOST:PORT (e.g. ssl://127.0.0.1:8883)");
        }
    }

    /** Settings without TLS files or credentials. */
    public MqttSettings(String brokerUri, String vehicleId, String clientId, long connectTimeoutMillis,
            long reconnectMinDelayMillis, long reconnectMaxDelayMillis, int maxInflight, int keepAliveSeconds,
            MqttDelivery delivery) {
        this(brokerUri, vehicleId, clientId, connectTimeoutMillis, reconnectMinDelayMillis, reconnectMaxDelayMillis,
                maxInflight, keepAliveSeconds, delivery, MqttSecurity.NONE);
    }

    /** Settings with {@link MqttDelivery#DEFAULTS}. */
    public MqttSettings(String brokerUri, String vehicleId, String clientId, long connectTimeoutMillis,
            long reconnectMinDelayMillis, long reconnectMaxDelayMillis, int maxInflight, int keepAliveSeconds) {
        this(brokerUri, vehicleId, clientId, connectTimeoutMillis, reconnectMinDelayMillis, reconnectMaxDelayMillis,
                maxInflight, keepAliveSeconds, MqttDelivery.DEFAULTS);
    }

    /**
     * Settings with the defaults the runtime uses for a vehicle: 5 s connect timeout, retries from 0.5 s doubling
     * to 10 s, 64 messages in flight, 10 s keep-alive, client id {@code avfusion-<vehicleId>}.
     */
    public static MqttSettings defaults(String brokerUri, String vehicleId) {
        return new MqttSettings(brokerUri, vehicleId, "avfusion-" + vehicleId, 5_000, 500, 10_000, 64, 10);
    }

    /** The same settings with another client id (tests run several clients against one broker). */
    public MqttSettings withClientId(String newClientId) {
        return new MqttSettings(brokerUri, vehicleId, newClientId, connectTimeoutMillis, reconnectMinDelayMillis,
                reconnectMaxDelayMillis, maxInflight, keepAliveSeconds, delivery, security);
    }

    /** The same settings pointing at another broker. */
    public MqttSettings withBrokerUri(String newBrokerUri) {
        return new MqttSettings(newBrokerUri, vehicleId, clientId, connectTimeoutMillis, reconnectMinDelayMillis,
                reconnectMaxDelayMillis, maxInflight, keepAliveSeconds, delivery, security);
    }

    /** The same settings with other TLS files and credentials. */
    public MqttSettings withSecurity(MqttSecurity newSecurity) {
        return new MqttSettings(brokerUri, vehicleId, clientId, connectTimeoutMillis, reconnectMinDelayMillis,
                reconnectMaxDelayMillis, maxInflight, keepAliveSeconds, delivery, newSecurity);
    }

    /** The same settings with another delivery policy. */
    public MqttSettings withDelivery(MqttDelivery newDelivery) {
        return new MqttSettings(brokerUri, vehicleId, clientId, connectTimeoutMillis, reconnectMinDelayMillis,
                reconnectMaxDelayMillis, maxInflight, keepAliveSeconds, newDelivery, security);
    }

    private static void requireUri(String brokerUri) {
        if (brokerUri == null || brokerUri.isBlank()) {
            throw new IllegalArgumentException("mqtt brokerUri is missing: write e.g. tcp://127.0.0.1:1883");
        }
        URI uri;
        try {
            uri = new URI(brokerUri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("mqtt brokerUri is not a URI: '" + brokerUri + "' (" + e.getMessage()
                    + ")", e);
        }
        String scheme = uri.getScheme();
        if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
            throw new IllegalArgumentException("mqtt brokerUri scheme must be tcp or ssl: '" + brokerUri
                    + "' (write e.g. tcp://127.0.0.1:1883)");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("mqtt brokerUri must name a host and a port: '" + brokerUri
                    + "' (write e.g. tcp://127.0.0.1:1883)");
        }
        if (uri.getPort() > 65535 || uri.getPort() == 0) {
            throw new IllegalArgumentException("mqtt brokerUri port must be in [1, 65535]: '" + brokerUri + "'");
        }
    }

    private static void requirePositive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("mqtt " + field + " must be > 0: " + value);
        }
    }
}
