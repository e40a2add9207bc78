package org.avfusion.runtime.output.mqtt;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * The Paho connection options both of the runtime's MQTT clients use ({@link MqttOutput}, {@link CommandSubscriber}):
 * a clean session that expires with the connection, no Paho automatic reconnect (each client reconnects itself with
 * its own backoff), keep-alive and connect timeout from {@link MqttSettings}, sockets with Nagle's algorithm off
 * ({@link NoDelaySockets}), TLS with host-name verification and
 * username/password from {@link MqttSecurity} (the password's chars are wiped once copied). The output adds its Last
 * Will. A new instance per call; stateless.
 */
final class ConnectionOptions {
    private ConnectionOptions() {
    }

    static MqttConnectionOptions of(MqttSettings settings) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout((int) Math.max(1, (settings.connectTimeoutMillis() + 999) / 1000));
        MqttSecurity security = settings.security();
        javax.net.ssl.SSLSocketFactory tls = security.socketFactory();
        if (tls == null && settings.brokerUri().startsWith("ssl://")) {
            // no TLS file: the JDK's default context (its trust store), what Paho builds itself when given no factory
            tls = (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault();
        }
        if (tls != null) {
            o.setSocketFactory(NoDelaySockets.tls(tls));
            o.setHttpsHostnameVerificationEnabled(true);
        } else {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        if (security.username() != null) {
            o.setUserName(security.username());
            char[] password = security.password();
            if (password != null) {
                o.setPassword(new String(password).getBytes(StandardCharsets.UTF_8));
                java.util.Arrays.fill(password, '\0');
            }
        }
        return o;
    }
}
