package org.avfusion.runtime.output.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for the runtime's MQTT clients whose sockets send each write at once ({@code TCP_NODELAY}: Nagle's
 * algorithm off). Paho leaves Nagle on: a decision written right after the objects payload, whose segment the broker
 * had not acknowledged yet, waited in the kernel for the broker's delayed acknowledgement. On 127.0.0.1 with
 * Mosquitto, two captures of pedestrian-crossing at real time showed 65 and 70 of its 220 decisions leaving 40-47 ms
 * after they were written, a delay the runtime's own latency figures (taken when the client has the packet) never
 * saw (docs/PERFORMANCE.md, "MQTT: decisions held by Nagle's algorithm").
 *
 * <p>Paho writes a packet through an 8 KiB buffer that it flushes after each packet: one write for a packet up to
 * 8 KiB, 8 KiB writes for a larger one, so turning Nagle off adds no small-packet traffic. Stateless; the wrapped
 * factory does the work and only the option is set on its sockets.
 */
final class NoDelaySockets {
    private NoDelaySockets() {
    }

    /** Plain TCP ({@code tcp://}). */
    static SocketFactory plain() {
        return new Plain(SocketFactory.getDefault());
    }

    /** TLS ({@code ssl://}) through {@code tls}. */
    static SSLSocketFactory tls(SSLSocketFactory tls) {
        return new Tls(tls);
    }

    private static <S extends Socket> S noDelay(S socket) throws IOException {
        try {
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static final class Plain extends SocketFactory {
        private final SocketFactory sockets;

        Plain(SocketFactory sockets) {
            this.sockets = sockets;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(sockets.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(sockets.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(sockets.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(sockets.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(sockets.createSocket(address, port, localAddress, localPort));
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory sockets;

        Tls(SSLSocketFactory sockets) {
            this.sockets = sockets;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return sockets.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return sockets.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(sockets.createSocket());
        }

        @Override
        public Socket createSocket(Socket layered, String host, int port, boolean autoClose) throws IOException {
            return noDelay(sockets.createSocket(layered, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(sockets.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(sockets.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(sockets.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(sockets.createSocket(address, port, localAddress, localPort));
        }
    }
}
