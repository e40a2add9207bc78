package org.avfusion.drivers.imu.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.FrozenStreamDetector;
import org.avfusion.drivers.source.VehicleClock;

/**
 * A live IMU sending {@link ImuUdpPacket} datagrams: each valid one is published as an
 * {@link org.avfusion.drivers.frame.ImuSample} stamped with its arrival on the vehicle clock. Bad datagrams are
 * counted with the last problem kept; a datagram repeating the previous one, or whose stamp does not advance, counts
 * towards a freeze ({@link FrozenStreamDetector}, {@value #REPEATS_TO_FREEZE} in a row).
 *
 * <p>Threading: {@link #start()} binds (failing fast naming the address) and starts one daemon thread; counters are
 * readable from any thread; {@link #close()} stops it.
 */
public final class UdpImuSource implements AutoCloseable {
    /** Repeated samples in a row that freeze the stream: 0.1 s at 100 Hz. */
    public static final int REPEATS_TO_FREEZE = 10;

    private final InetSocketAddress bind;
    private final SensorId sensor;
    private final FrameSink sink;
    private final VehicleClock clock;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
    private final FrozenStreamDetector freeze = new FrozenStreamDetector(REPEATS_TO_FREEZE);
    private DatagramChannel channel;
    private Thread thread;
    private volatile boolean running;
    private volatile long samples;
    private volatile long rejected;
    private volatile String lastError = "";
    private long previousStamp = Long.MIN_VALUE;
    private long sequence;

    public UdpImuSource(InetSocketAddress bind, SensorId sensor, FrameSink sink, VehicleClock clock) {
        this.bind = Objects.requireNonNull(bind, "bind");
        this.sensor = Objects.requireNonNull(sensor, "sensor");
        if (sensor.kind() != SensorKind.IMU) {
            throw new IllegalArgumentException("sensor " + sensor + " is a " + sensor.kind() + ", not an IMU");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws IOException naming the address when the socket cannot be bound */
    public synchronized void start() throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(bind);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot bind IMU UDP socket to " + bind + ": " + e.getMessage(), e);
        }
        channel = ch;
        running = true;
        thread = new Thread(this::receive, "imu-udp-" + localPort());
        thread.setDaemon(true);
        thread.start();
    }

    public int localPort() {
        try {
            return channel == null ? -1 : ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    private void receive() {
        while (running) {
            buffer.clear();
            try {
                if (channel.receive(buffer) == null) {
                    continue;
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                rejected = rejected + 1;
                lastError = bind + ": receive failed: " + e.getMessage();
                continue;
            }
            long arrival = clock.nowNanos();
            int length = buffer.position();
            String problem = ImuUdpPacket.problem(buffer, length);
            if (problem != null) {
                rejected = rejected + 1;
                lastError = bind + ": " + problem;
                continue;
            }
            long stamp = ImuUdpPacket.stampNanos(buffer);
            boolean advanced = previousStamp == Long.MIN_VALUE || stamp > previousStamp;
            boolean same = stamp == previousStamp;
            previousStamp = stamp;
            if (!freeze.observe(same, advanced).use()) {
                continue;
            }
            samples = samples + 1;
            sink.publish(new FrameHeader(sensor, arrival, sequence++), ImuUdpPacket.sample(buffer));
        }
    }

    public long samples() {
        return samples;
    }

    public long rejected() {
        return rejected;
    }

    public String lastError() {
        return lastError;
    }

    public FrozenStreamDetector freeze() {
        return freeze;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                lastError = bind + ": close failed: " + e;
            }
        }
        if (t != null) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
