package org.avfusion.drivers.gnss.source;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.LiveLoop;
import org.avfusion.drivers.source.VehicleClock;

/**
 * A live NMEA stream received as UDP datagrams (receivers and bridges that broadcast NMEA, e.g. on port 10110). Each
 * datagram holds one or more whole sentences; the end of a datagram ends its last line, so a line never spans two
 * datagrams and a lost datagram costs only its own sentences. One {@link org.avfusion.drivers.frame.GnssFix} is
 * published per receiver epoch.
 *
 * <p>Threading: the socket is bound in the constructor (so {@link #localPort()} is known before any sender starts);
 * {@link #start()} receives on a daemon thread that publishes to the sink; {@link #close()} closes the socket and
 * publishes the epoch in progress. {@link #stats()} may be read from any thread; its last error names the bound
 * {@code host:port} and the sender.
 */
public final class NmeaUdpSource implements AutoCloseable {

    private static final int MAX_DATAGRAM_BYTES = 65_507;

    private final DatagramSocket socket;
    private final String where;
    private final HealthCounters health = new HealthCounters();
    private final LivePublisher publisher;
    private final NmeaLineFeed feed;
    private final LiveLoop loop;

    /**
     * Binds the socket.
     *
     * @param bind   local address and port (port 0 picks a free one)
     * @param sensor the GNSS sensor the frames are stamped with
     * @param sink   receives the fixes, on this source's thread
     * @param clock  stamps the frames with the time each datagram was received
     * @throws IOException when the address cannot be bound; the message names it
     */
    public NmeaUdpSource(InetSocketAddress bind, SensorId sensor, FrameSink sink, VehicleClock clock)
            throws IOException {
        Objects.requireNonNull(bind, "bind");
        this.publisher = new LivePublisher(sensor, sink, clock, health);
        try {
            socket = new DatagramSocket(bind);
            socket.setReceiveBufferSize(1 << 20);
        } catch (SocketException e) {
            throw new IOException("cannot bind NMEA UDP socket to " + bind + ": " + e.getMessage(), e);
        }
        this.where = bind.getHostString() + ":" + socket.getLocalPort();
        this.feed = new NmeaLineFeed(where, false, NmeaLineFeed.DEFAULT_MAX_LINE_BYTES, health, publisher);
        this.loop = new LiveLoop("gnss-udp-" + where, this::run);
    }

    /** The bound port. */
    public int localPort() {
        return socket.getLocalPort();
    }

    public void start() {
        loop.start();
    }

    public GnssSourceStats stats() {
        return health.snapshot();
    }

    public String describe() {
        return "NMEA over UDP on " + where;
    }

    @Override
    public void close() {
        loop.stop(socket::close, 2_000);
    }

    private void run() {
        byte[] buffer = new byte[MAX_DATAGRAM_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!loop.stopping()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                publisher.received();
                feed.accept(buffer, 0, packet.getLength());
                feed.endPartialLine();
            } catch (IOException | RuntimeException e) {
                if (!loop.stopping()) {
                    health.lastError = where + ": " + e;
                    loop.pause(10);
                }
            }
        }
        publisher.received();
        feed.flush();
    }
}
