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
 * @param caFile                 PEM CA certificate(s) the broker's certificate must chain to ({@code ssl://} only);
 *                               empty: the JDK's trust store
 * @param certFile               PEM client certificate for mutual TLS; empty: none (then {@code keyFile} empty too)
 * @param keyFile                PEM PKCS#8 private key of {@code certFile}
 * @param username               MQTT user name; empty: none
 * @param passwordFile           file whose first line is the password (never the password itself in the profile)
 * @param passwordEnv            environment variable holding the password (instead of {@code passwordFile})
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
        long ackTimeoutMillis,
        String caFile,
        String certFile,
        String keyFile,
        String username,
        String passwordFile,
        String passwordEnv) {

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
        caFile = orEmpty(caFile);
        certFile = orEmpty(certFile);
        keyFile = orEmpty(keyFile);
        username = orEmpty(username);
        passwordFile = orEmpty(passwordFile);
        passwordEnv = orEmpty(passwordEnv);
        if ((!caFile.isEmpty() || !certFile.isEmpty()) && !brokerUrl.startsWith("ssl://")) {
            throw new ConfigException("mqtt.caFile / mqtt.certFile are set but mqtt.brokerUrl is '" + brokerUrl
                    + "': TLS needs ssl://HOST:PORT (e.g. ssl://127.0.0.1:8883)");
        }
        if (certFile.isEmpty() != keyFile.isEmpty()) {
            throw new ConfigException("mqtt.certFile and mqtt.keyFile go together (client certificate and its key), "
                    + "were '" + certFile + "' and '" + keyFile + "'");
        }
        if (!passwordFile.isEmpty() && !passwordEnv.isEmpty()) {
            throw new ConfigException("mqtt.passwordFile and mqtt.passwordEnv: set one, not both");
        }
        if ((!passwordFile.isEmpty() || !passwordEnv.isEmpty()) && username.isEmpty()) {
            throw new ConfigException("mqtt.passwordFile / mqtt.passwordEnv is set but mqtt.username is empty");
        }
        requireReadable("mqtt.caFile", caFile);
        requireReadable("mqtt.certFile", certFile);
        requireReadable("mqtt.keyFile", keyFile);
        requireReadable("mqtt.passwordFile", passwordFile);
        if (!passwordEnv.isEmpty() && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException("mqtt.passwordEnv must name an environment variable ([A-Za-z_][A-Za-z0-9_]*), "
                    + "was '" + passwordEnv + "' (the password itself never goes in the profile)");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }

    private static void requireReadable(String key, String file) {
        if (!file.isEmpty() && !java.nio.file.Files.isReadable(expand(file))) {
            throw new ConfigException(key + ": cannot read '" + file + "' (missing, or not readable by this user)");
        }
    }

    private static java.nio.file.Path expand(String file) {
        return java.nio.file.Path.of(file.startsWith("~/") ? System.getProperty("user.home") + file.substring(1)
                : file);
    }

    /** {@code file} with {@code ~/} expanded, or null when empty (for the TLS and password file keys). */
    public static java.nio.file.Path pathOrNull(String file) {
        return file == null || file.isEmpty() ? null : expand(file);
    }

    /** The settings of before the outbox: 600 decisions in memory, 3 s acknowledgement deadline. */
    public MqttConfig(String brokerUrl, int embeddedPort, long connectTimeoutMillis, long reconnectMinDelayMillis,
            long reconnectMaxDelayMillis, int maxInflight, int keepAliveSeconds, int occupancyEverySets,
            double healthPeriodMillis) {
        this(brokerUrl, embeddedPort, connectTimeoutMillis, reconnectMinDelayMillis, reconnectMaxDelayMillis,
                maxInflight, keepAliveSeconds, occupancyEverySets, healthPeriodMillis, 600, "", 3_000, "", "", "", "",
                "", "");
    }

    /** The same settings with another broker (e.g. {@code --broker}). */
    public MqttConfig withBrokerUrl(String url) {
        return new MqttConfig(url, embeddedPort, connectTimeoutMillis, reconnectMinDelayMillis,
                reconnectMaxDelayMillis, maxInflight, keepAliveSeconds, occupancyEverySets, healthPeriodMillis,
                outboxCapacity, outboxDir, ackTimeoutMillis, caFile, certFile, keyFile, username, passwordFile,
                passwordEnv);
    }

    /** The outbox folder with {@code ~/} expanded, or null for in memory. */
    public java.nio.file.Path outboxPath() {
        if (outboxDir == null || outboxDir.isBlank()) {
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
