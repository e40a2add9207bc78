package org.avfusion.drivers.lidar.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import org.avfusion.drivers.lidar.LidarPacketDecoder;
import org.avfusion.drivers.lidar.LidarRejectReason;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.ScanAssembler;
import org.avfusion.drivers.lidar.ScanAssemblerConfig;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.FrozenStreamDetector;
import org.avfusion.drivers.source.VehicleClock;

/**
 * A live lidar: receives data packets on a UDP socket, decodes them, assembles scans and publishes each to a
 * {@link FrameSink}, stamped on the {@link VehicleClock} (a packet's arrival time is read right after
 * {@code receive} returns).
 *
 * <p><b>Threading</b>: {@link #start()} binds the socket (failing fast with the address when it cannot) and starts
 * one daemon thread that owns the decoder, the assembler and the receive buffer; {@link #close()} stops it,
 * joins it and publishes the scan in progress. {@link #stats()} may be read from any thread.
 *
 * <p><b>Allocation</b>: one direct buffer of 65,535 bytes, allocated at construction and reused for every
 * datagram, and one more holding the previous datagram; per scan, one frame header. Datagrams of the wrong size
 * are decoded (and rejected, counted) like any other: this source never throws on bad input.
 *
 * <p><b>Frozen stream</b>: a datagram identical to the previous one is dropped; {@value #REPEATS_TO_FREEZE} in a
 * row that repeat the previous one or whose stamp ({@link LidarPacketDecoder#packetStampNanos}) does not advance
 * freeze the stream: nothing is decoded until a packet with an advancing stamp arrives, so no sweep is published
 * and the lidar falls silent downstream (see {@link FrozenStreamDetector}, read through {@link #freeze()}).
 */
public final class UdpLidarSource implements AutoCloseable {
    /** Repeated or non-advancing packets in a row that freeze the stream: ~28 ms of an HDL-32E, ~66 ms of a VLP-16. */
    public static final int REPEATS_TO_FREEZE = 50;
    private static final long HALF_HOUR_NANOS = 1_800_000_000_000L;

    private final UdpLidarSettings settings;
    private final LidarPacketDecoder decoder;
    private final ScanAssembler assembler;
    private final VehicleClock clock;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_535);
    private final ByteBuffer previous = ByteBuffer.allocateDirect(65_535);
    private final FrozenStreamDetector freeze = new FrozenStreamDetector(REPEATS_TO_FREEZE);
    private long previousStampNanos = LidarPacketDecoder.NO_STAMP;
    private DatagramChannel channel;
    private Thread thread;
    private volatile boolean running;
    private volatile int localPort = -1;

    public UdpLidarSource(UdpLidarSettings settings, LidarPacketDecoder decoder, ScanAssemblerConfig config,
                          FrameSink sink, VehicleClock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.assembler = new ScanAssembler(config, sink, decoder.stats());
        previous.flip(); // no previous datagram yet
    }

    /**
     * Binds the socket and starts the receiving thread.
     *
     * @throws IOException naming the address when the socket cannot be bound
     */
    public synchronized void start() throws IOException {
        if (thread != null) {
            throw new IllegalStateException("UDP lidar source on port " + settings.port() + " already started");
        }
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes());
            ch.bind(address);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot bind lidar UDP socket to " + address + ": " + e.getMessage(), e);
        }
        channel = ch;
        localPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        decoder.stats().setOrigin("udp " + settings.bindAddress() + ":" + localPort, -1);
        running = true;
        thread = new Thread(this::receiveLoop, "lidar-udp-" + localPort);
        thread.setDaemon(true);
        thread.start();
    }

    private void receiveLoop() {
        while (running) {
            buffer.clear();
            try {
                if (channel.receive(buffer) == null) {
                    continue;
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                decoder.stats().reject(LidarRejectReason.WRONG_SIZE, "receive failed: " + e.getMessage());
                continue;
            }
            long arrival = clock.nowNanos();
            if (!freeze.observe(sameAsPrevious(), stampAdvances()).use()) {
                continue;
            }
            assembler.beginPacket(arrival);
            decoder.decode(buffer, 0, buffer.position(), assembler);
            assembler.endPacket();
        }
    }

    /** Whether the datagram in {@link #buffer} repeats the previous one; keeps it as the new previous. */
    private boolean sameAsPrevious() {
        int length = buffer.position();
        boolean same = previous.limit() == length && buffer.duplicate().flip().mismatch(previous.duplicate()) < 0;
        if (!same) {
            previous.clear();
            previous.put(buffer.duplicate().flip());
            previous.flip();
        }
        return same;
    }

    private boolean stampAdvances() {
        long stamp = decoder.packetStampNanos(buffer, 0, buffer.position());
        if (stamp == LidarPacketDecoder.NO_STAMP) {
            return true;
        }
        long last = previousStampNanos;
        previousStampNanos = stamp;
        long step = stamp - last;
        return last == LidarPacketDecoder.NO_STAMP || step > 0 || step < -HALF_HOUR_NANOS; // the hour wrapped
    }

    /** The frozen-stream detector of this source (status, duplicates, stale packets), readable from any thread. */
    public FrozenStreamDetector freeze() {
        return freeze;
    }

    /** The bound UDP port (the ephemeral one when the settings say 0), or -1 before {@link #start()}. */
    public int localPort() {
        return localPort;
    }

    public LidarStats stats() {
        return decoder.stats();
    }

    /** Stops receiving, joins the thread and publishes the scan in progress. */
    @Override
    public void close() throws IOException {
        Thread t;
        synchronized (this) {
            t = thread;
            if (t == null || !running) {
                return;
            }
            running = false;
        }
        channel.close();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!t.isAlive()) {
            assembler.flush();
        }
    }
}
