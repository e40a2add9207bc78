package org.avfusion.drivers.imu.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.LiveLoop;
import org.avfusion.drivers.source.VehicleClock;

/**
 * A live IMU sending {@link ImuDatagram}s to a UDP port. Each sample is stamped on the vehicle clock at its own
 * sample time: the sender's time plus the smallest {@code arrival - senderTime} seen so far (the datagram with the
 * least network delay), re-synchronised when that difference grows by more than 1 s (the sender restarted or its
 * clock stepped) or shrinks by more than 1 s. Refused datagrams are counted by reason, never thrown.
 *
 * <p>Threading: the socket is bound in the constructor ({@link #localPort()} is known before a sender starts);
 * {@link #start()} receives on a daemon thread that publishes to the sink; counters may be read from any thread.
 */
public final class UdpImuSource implements AutoCloseable {
    private static final long RESYNC_NANOS = 1_000_000_000L;

    private final DatagramSocket socket;
    private final String where;
    private final SensorId sensor;
    private final FrameSink sink;
    private final VehicleClock clock;
    private final LiveLoop loop;
    private final AtomicLongArray rejected = new AtomicLongArray(ImuDatagram.Reject.values().length);
    private volatile long samples;
    private volatile long droppedBySink;
    private volatile long resyncs;
    private volatile String lastError = "";
    private long offset = Long.MIN_VALUE;
    private long sequence;

    /**
     * @param bind   local address and port (port 0 picks a free one)
     * @param sensor the IMU sensor the frames are stamped with
     * @throws IOException when the address cannot be bound; the message names it
     */
    public UdpImuSource(InetSocketAddress bind, SensorId sensor, FrameSink sink, VehicleClock clock)
            throws IOException {
        Objects.requireNonNull(bind, "bind");
        this.sensor = Objects.requireNonNull(sensor, "sensor");
        if (sensor.kind() != SensorKind.IMU) {
            throw new IllegalArgumentException("sensor " + sensor + " is a " + sensor.kind() + ", not IMU");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            socket = new DatagramSocket(bind);
        } catch (SocketException e) {
            throw new IOException("cannot bind IMU UDP socket to " + bind + ": " + e.getMessage(), e);
        }
        this.where = bind.getHostString() + ":" + socket.getLocalPort();
        this.loop = new LiveLoop("imu-udp-" + where, this::run);
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public void start() {
        loop.start();
    }

    @Override
    public void close() {
        loop.stop(socket::close, 2_000);
    }

    private void run() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        ImuDatagram.Reject[] reject = new ImuDatagram.Reject[1];
        while (!loop.stopping()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                long arrival = clock.nowNanos();
                ImuDatagram.Decoded d = ImuDatagram.decode(buffer, packet.getLength(), reject);
                if (d == null) {
                    rejected.incrementAndGet(reject[0].ordinal());
                    continue;
                }
                long diff = arrival - d.senderNanos();
                if (offset == Long.MIN_VALUE || diff < offset - RESYNC_NANOS || diff > offset + RESYNC_NANOS) {
                    if (offset != Long.MIN_VALUE) {
                        resyncs++;
                    }
                    offset = diff;
                } else if (diff < offset) {
                    offset = diff;
                }
                samples++;
                if (!sink.publish(new FrameHeader(sensor, d.senderNanos() + offset, sequence++), d.sample())) {
                    droppedBySink++;
                }
            } catch (IOException | RuntimeException e) {
                if (!loop.stopping()) {
                    lastError = where + ": " + e;
                    loop.pause(10);
                }
            }
        }
    }

    /** Samples published (or offered to a full sink). */
    public long samples() {
        return samples;
    }

    public long droppedBySink() {
        return droppedBySink;
    }

    /** Datagrams refused for {@code reason}. */
    public long rejected(ImuDatagram.Reject reason) {
        return rejected.get(reason.ordinal());
    }

    /** Datagrams refused for any reason. */
    public long rejected() {
        long n = 0;
        for (int i = 0; i < rejected.length(); i++) {
            n += rejected.get(i);
        }
        return n;
    }

    /** Times the sender's clock was re-synchronised. */
    public long resyncs() {
        return resyncs;
    }

    public String lastError() {
        return lastError;
    }
}
