package org.avfusion.runtime.output.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;

/**
 * The MQTT clients' sockets have Nagle's algorithm off, for {@code tcp://} and for {@code ssl://} with and without TLS
 * files (the TLS handshake through the wrapper is {@code MqttTlsMosquittoTest}'s, against Mosquitto), whichever of the
 * factory's methods makes them.
 */
class NoDelaySocketsTest {

    private static MqttSettings settings(String uri) {
        return new MqttSettings(uri, "car", "no-delay-test", 1000, 100, 1000, 16, 10, MqttDelivery.DEFAULTS,
                MqttSecurity.NONE);
    }

    @Test
    void plainTcpSocketsSendEachWriteAtOnce() throws Exception {
        MqttConnectionOptions options = ConnectionOptions.of(settings("tcp://127.0.0.1:1883"));
        SocketFactory factory = options.getSocketFactory();
        assertFalse(factory instanceof SSLSocketFactory, "tcp:// needs a plain factory (Paho refuses a TLS one)");
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            InetAddress loopback = InetAddress.getLoopbackAddress();
            // Paho's way: an unconnected socket, then connect
            try (Socket s = factory.createSocket()) {
                assertTrue(s.getTcpNoDelay(), "unconnected socket");
                s.connect(new InetSocketAddress(loopback, port), 1000);
                try (Socket peer = server.accept()) {
                    assertTrue(s.getTcpNoDelay(), "connected socket");
                }
            }
            for (Socket s : List.of(factory.createSocket(loopback.getHostAddress(), port),
                    factory.createSocket(loopback, port),
                    factory.createSocket(loopback.getHostAddress(), port, loopback, 0),
                    factory.createSocket(loopback, port, loopback, 0))) {
                try (s; Socket peer = server.accept()) {
                    assertTrue(s.getTcpNoDelay(), s.toString());
                }
            }
        }
    }

    @Test
    void tlsSocketsSendEachWriteAtOnceWithAndWithoutTlsFiles() throws Exception {
        MqttConnectionOptions options = ConnectionOptions.of(settings("ssl://127.0.0.1:8883"));
        SSLSocketFactory factory = assertInstanceOf(SSLSocketFactory.class, options.getSocketFactory(),
                "ssl:// needs a TLS factory (Paho refuses a plain one)");
        assertTrue(options.isHttpsHostnameVerificationEnabled());
        try (Socket s = factory.createSocket()) {
            assertInstanceOf(SSLSocket.class, s);
            assertTrue(s.getTcpNoDelay());
        }
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket peer = server.accept();
             Socket layered = factory.createSocket(plain, "127.0.0.1", server.getLocalPort(), true)) {
            assertTrue(layered.getTcpNoDelay(), "a TLS socket over a connected one");
        }
        SSLSocketFactory wrapped = NoDelaySockets.tls((SSLSocketFactory) SSLSocketFactory.getDefault());
        try (Socket s = wrapped.createSocket()) {
            assertTrue(s.getTcpNoDelay());
        }
    }
}
