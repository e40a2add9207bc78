package org.avfusion.drivers.ins.ncom;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Objects;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.LiveLoop;
import org.avfusion.drivers.source.VehicleClock;

/**
 * An OxTS GNSS/INS sending NCOM packets over UDP (one 72-byte packet per datagram, OxTS's default port 3000),
 * decoded by {@link NcomDecoder}. Each packet becomes an {@link ImuSample} for the IMU sensor (OxTS's x forward,
 * y right, z down turned into x forward, y left, z up: y and z rates and forces negated) stamped on arrival, and,
 * when a GNSS sensor is given and the packet carries a position, a {@link GnssFix} with the INS position, ground
 * speed and course (from the north/east velocity) whose epoch is the packet's GPS time less {@link #GPS_UTC_LEAP_SECONDS}
 * ({@link GnssFix#UNKNOWN_TIME} until status channel 0 has given the GPS minute). Short or corrupt datagrams are
 * counted by the decoder ({@link #truncated()}, {@link #checksumErrors()}), never thrown.
 *
 * <p>Threading: the socket is bound in the constructor; {@link #start()} receives on a daemon thread that publishes
 * to the sink; counters may be read from any thread.
 */
public final class NcomUdpSource implements AutoCloseable {
    /** GPS - UTC since 2017-01-01 (IERS Bulletin C; no leap second announced since). */
    public static final int GPS_UTC_LEAP_SECONDS = 18;
    /** GPS epoch 1980-01-06 in Unix milliseconds. */
    private static final long GPS_EPOCH_UNIX_MILLIS = 315_964_800_000L;

    private final DatagramSocket socket;
    private final String where;
    private final SensorId imu;
    private final SensorId gnss;
    private final FrameSink sink;
    private final VehicleClock clock;
    private final LiveLoop loop;
    private final NcomDecoder decoder = new NcomDecoder();
    private volatile long packets;
    private volatile long fixes;
    private volatile long droppedBySink;
    private volatile long truncated;
    private volatile long checksumErrors;
    private volatile long invalid;
    private volatile String lastError = "";
    private long imuSequence;
    private long gnssSequence;

    /**
     * @param imu  the IMU sensor the inertial samples go to
     * @param gnss the GNSS sensor the INS fixes go to, or null for none
     */
    public NcomUdpSource(InetSocketAddress bind, SensorId imu, SensorId gnss, FrameSink sink, VehicleClock clock)
            throws IOException {
        Objects.requireNonNull(bind, "bind");
        this.imu = Objects.requireNonNull(imu, "imu");
        if (imu.kind() != SensorKind.IMU) {
            throw new IllegalArgumentException("sensor " + imu + " is a " + imu.kind() + ", not IMU");
        }
        if (gnss != null && gnss.kind() != SensorKind.GNSS) {
            throw new IllegalArgumentException("sensor " + gnss + " is a " + gnss.kind() + ", not GNSS");
        }
        this.gnss = gnss;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            socket = new DatagramSocket(bind);
        } catch (SocketException e) {
            throw new IOException("cannot bind NCOM UDP socket to " + bind + ": " + e.getMessage(), e);
        }
        this.where = bind.getHostString() + ":" + socket.getLocalPort();
        this.loop = new LiveLoop("ncom-udp-" + where, this::run);
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
        while (!loop.stopping()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                long arrival = clock.nowNanos();
                NcomPacket p = decoder.decodeDatagram(buffer, packet.getLength());
                truncated = decoder.truncated();
                checksumErrors = decoder.checksumErrors();
                if (p != null) {
                    publish(p, arrival);
                }
            } catch (IOException | RuntimeException e) {
                if (!loop.stopping()) {
                    lastError = where + ": " + e;
                    loop.pause(10);
                }
            }
        }
    }

    void publish(NcomPacket p, long arrival) {
        packets++;
        if (Double.isFinite(p.angularRateZRadPerSec()) && Double.isFinite(p.accelXMetersPerSec2())) {
            ImuSample s = new ImuSample(nz(p.angularRateXRadPerSec()), -nz(p.angularRateYRadPerSec()),
                    -p.angularRateZRadPerSec(), p.accelXMetersPerSec2(), -nz(p.accelYMetersPerSec2()),
                    -nz(p.accelZMetersPerSec2()));
            if (!sink.publish(new FrameHeader(imu, arrival, imuSequence++), s)) {
                droppedBySink++;
            }
        } else {
            invalid++;
        }
        if (gnss != null && Double.isFinite(p.latitudeDeg()) && Double.isFinite(p.longitudeDeg())
                && Math.abs(p.latitudeDeg()) <= 90 && Math.abs(p.longitudeDeg()) <= 180) {
            double vn = p.velocityNorthMetersPerSec();
            double ve = p.velocityEastMetersPerSec();
            double speed = Double.isFinite(vn) && Double.isFinite(ve) ? Math.hypot(vn, ve) : Double.NaN;
            double track = Double.NaN;
            if (!Double.isNaN(speed)) {
                track = Math.toDegrees(Math.atan2(ve, vn));
                track = track < 0 ? track + 360 : track >= 360 ? 0 : track;
            }
            long utc = Double.isFinite(p.gpsSeconds())
                    ? GPS_EPOCH_UNIX_MILLIS + Math.round((p.gpsSeconds() - GPS_UTC_LEAP_SECONDS) * 1000)
                    : GnssFix.UNKNOWN_TIME;
            GnssFix fix = new GnssFix(utc, p.latitudeDeg(), p.longitudeDeg(), p.altitudeMeters(), speed, track,
                    FixMode.FIX_3D, Double.NaN, p.satellites());
            fixes++;
            if (!sink.publish(new FrameHeader(gnss, arrival, gnssSequence++), fix)) {
                droppedBySink++;
            }
        }
    }

    private static double nz(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }

    /** Packets decoded. */
    public long packets() {
        return packets;
    }

    /** GNSS fixes published. */
    public long fixes() {
        return fixes;
    }

    public long droppedBySink() {
        return droppedBySink;
    }

    /** Datagrams shorter than a packet (cut short). */
    public long truncated() {
        return truncated;
    }

    public long checksumErrors() {
        return checksumErrors;
    }

    /** Packets without valid rates (no IMU sample published). */
    public long invalid() {
        return invalid;
    }

    public String lastError() {
        return lastError;
    }
}
