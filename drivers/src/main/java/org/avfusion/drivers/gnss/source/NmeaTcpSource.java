package org.avfusion.drivers.gnss.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.LiveLoop;
import org.avfusion.drivers.source.ReconnectBackoff;
import org.avfusion.drivers.source.VehicleClock;

/**
 * A live NMEA stream read from a TCP server ({@code host:port}): a receiver's network port, an NTRIP-less serial to
 * TCP bridge, {@code gpsd}'s raw NMEA feed... It connects, reads lines, publishes one {@link
 * org.avfusion.drivers.frame.GnssFix} per receiver epoch, and when the connection fails or the server closes it,
 * reconnects after a {@link ReconnectBackoff} delay. The decoder's state survives a reconnect (same receiver), but a
 * line cut by the drop is discarded.
 *
 * <p>Threading: {@link #start()} runs the connection on its own daemon thread, which publishes to the sink;
 * {@link #close()} stops it, releasing the epoch in progress to the sink first. {@link #stats()} may be called from
 * any thread; its last error names {@code host:port}. Frames are stamped with the {@link VehicleClock} time at which
 * the bytes completing them were read.
 */
public final class NmeaTcpSource implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final String host;
    private final int port;
    private final String where;
    private final ReconnectBackoff backoff;
    private final HealthCounters health = new HealthCounters();
    private final LivePublisher publisher;
    private final NmeaLineFeed feed;
    private final LiveLoop loop;
    private volatile Socket socket;

    /**
     * @param host    server name or address
     * @param port    server port, 1..65535
     * @param sensor  the GNSS sensor the frames are stamped with
     * @param sink    receives the fixes, on this source's thread
     * @param clock   stamps the frames
     * @param backoff delays between reconnection attempts
     */
    public NmeaTcpSource(String host, int port, SensorId sensor, FrameSink sink, VehicleClock clock,
            ReconnectBackoff backoff) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("NMEA TCP port must be 1..65535, was " + port);
        }
        this.port = port;
        this.where = host + ":" + port;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.publisher = new LivePublisher(sensor, sink, clock, health);
        this.feed = new NmeaLineFeed(where, false, NmeaLineFeed.DEFAULT_MAX_LINE_BYTES, health, publisher);
        this.loop = new LiveLoop("gnss-tcp-" + where, this::run);
    }

    /** Starts the connection thread. */
    public void start() {
        loop.start();
    }

    public GnssSourceStats stats() {
        return health.snapshot();
    }

    /** {@code host:port}. */
    public String describe() {
        return "NMEA over TCP from " + where;
    }

    /** Stops the thread (waiting up to 2 s); the epoch in progress is published before it ends. */
    @Override
    public void close() {
        loop.stop(this::closeSocket, 2_000);
    }

    private void run() {
        byte[] buffer = new byte[8_192];
        int failures = 0;
        boolean first = true;
        while (!loop.stopping()) {
            if (!first) {
                health.reconnects++;
            }
            first = false;
            boolean delivered = false;
            try (Socket s = new Socket()) {
                socket = s;
                if (loop.stopping()) {
                    break;
                }
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                InputStream in = s.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    publisher.received();
                    feed.accept(buffer, 0, n);
                    if (n > 0 && !delivered) {
                        delivered = true;
                        failures = 0;
                    }
                }
                if (!loop.stopping()) {
                    health.lastError = where + ": connection closed by the server";
                }
            } catch (IOException | RuntimeException e) {
                if (!loop.stopping()) {
                    health.lastError = where + ": " + e;
                }
            } finally {
                socket = null;
                feed.discardPartialLine();
            }
            if (!loop.stopping()) {
                failures++;
                loop.pause(backoff.delayMillis(failures));
            }
        }
        publisher.received();
        feed.flush();
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                health.lastError = where + ": close failed: " + e;
            }
        }
    }
}
