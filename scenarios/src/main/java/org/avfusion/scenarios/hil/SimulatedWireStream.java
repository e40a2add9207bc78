package org.avfusion.scenarios.hil;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.imu.udp.ImuUdpPacket;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.lidar.velodyne.VelodyneEncoder;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.scenarios.hil.fault.WireFaultInjector;
import org.avfusion.scenarios.hil.wire.JpegFrames;
import org.avfusion.scenarios.hil.wire.NmeaEpochWriter;
import org.avfusion.scenarios.hil.wire.SweepPacketizer;
import org.avfusion.scenarios.hil.wire.WireChannel;
import org.avfusion.scenarios.hil.wire.WireEvent;
import org.avfusion.scenarios.sim.ScenarioSpec;
import org.avfusion.scenarios.sim.SimulatedDrive;

/**
 * The packets of a simulated drive, faults applied, in the order they are due on the wire: each lidar sweep as
 * Velodyne data packets spread over the sweep's period (and, when the rig has a position port, a position packet
 * with each fix's {@code $GPRMC}), each GNSS fix as one NMEA epoch due at its capture time plus the receiver's
 * latency; with a camera port, each camera frame as one JPEG due at the end of its exposure plus the camera's
 * latency; with an IMU port, each IMU sample as one avfusion IMU datagram due at its capture plus the IMU's latency.
 *
 * <p>The drive runs ahead of the wire by one horizon (a sweep, the largest latency and the largest fault delay), so
 * packets that faults delay or reorder still come out in due order. Not thread-safe: the rig's sending thread pulls.
 */
final class SimulatedWireStream implements AutoCloseable {
    private final SimulatedDrive drive;
    private final HilRigSpec rig;
    private final WireFaultInjector faults;
    private final SweepPacketizer packetizer;
    private final long sweepNanos;
    private final long gnssPeriodNanos;
    private final long gnssLatencyNanos;
    private final long cameraPeriodNanos;
    private final long imuPeriodNanos;
    private final long imuLatencyNanos;
    private final long cameraEndNanos;
    private final long horizonNanos;
    private final LocalTangentPlane plane;
    private final PriorityQueue<WireEvent> queue = new PriorityQueue<>();
    private final double[] enu = new double[3];
    private final double[] geo = new double[3];
    private boolean flushed;

    SimulatedWireStream(ScenarioSpec spec, HilRigSpec rig, WireFaultInjector faults, long maxFaultDelayNanos) {
        this.rig = Objects.requireNonNull(rig, "rig");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.drive = new SimulatedDrive(spec);
        ScenarioSpec.Sensors s = spec.sensors();
        this.packetizer = new SweepPacketizer(rig.lidarModel(), s.lidar().azimuths());
        this.sweepNanos = s.lidar().timing().periodNanos();
        this.gnssPeriodNanos = s.gnss().timing().periodNanos();
        this.gnssLatencyNanos = Math.round(s.gnss().latencyMillis() * 1e6);
        this.cameraPeriodNanos = s.camera().timing().periodNanos();
        this.imuPeriodNanos = s.imu().timing().periodNanos();
        this.imuLatencyNanos = Math.round(s.imu().latencyMillis() * 1e6);
        this.cameraEndNanos = Math.round((s.camera().exposureMillis() + s.camera().latencyMillis()) * 1e6);
        this.horizonNanos = 2 * sweepNanos + gnssLatencyNanos + Math.round(s.lidar().latencyMillis() * 1e6)
                + maxFaultDelayNanos + 100_000_000L;
        this.plane = new LocalTangentPlane(spec.origin().latitudeDeg(), spec.origin().longitudeDeg(),
                spec.origin().altitudeMeters());
    }

    SimulatedDrive drive() {
        return drive;
    }

    /** The next packet due, or {@code null} at the end. */
    WireEvent next() {
        while (drive.nextArrivalNanos() != RecordedSource.END
                && (queue.isEmpty() || queue.peek().dueNanos() > drive.nextArrivalNanos() - horizonNanos)) {
            drive.emitNext(this::onFrame);
        }
        if (drive.nextArrivalNanos() == RecordedSource.END && !flushed) {
            flushed = true;
            queue.addAll(faults.flush());
        }
        return queue.poll();
    }

    private boolean onFrame(FrameHeader header, Payload payload) {
        try {
            String sensor = header.sensor().name();
            if (payload instanceof PointCloud cloud && sensor.equals(SimulatedDrive.LIDAR.name())
                    && rig.lidarPort() > 0) {
                long start = header.sequence() * sweepNanos;
                long stamp = header.stampNanos() + faults.clockOffsetNanos(rig.lidarSensor(), start / 1e9);
                for (WireEvent e : packetizer.packets(cloud, start, sweepNanos, stamp, rig.lidarSensor())) {
                    queue.addAll(faults.apply(e));
                }
            } else if (payload instanceof ImuSample sample && sensor.equals(SimulatedDrive.IMU.name())
                    && rig.imuUdpPort() > 0) {
                long capture = header.sequence() * imuPeriodNanos;
                ByteBuffer b = ByteBuffer.allocate(ImuUdpPacket.BYTES);
                long stamp = header.stampNanos() + faults.clockOffsetNanos(rig.imuSensor(), capture / 1e9);
                ImuUdpPacket.encode(header.sequence(), stamp, sample, b);
                queue.addAll(faults.apply(new WireEvent(capture + imuLatencyNanos, WireChannel.IMU, rig.imuSensor(),
                        b.array(), capture, Double.NaN, Double.NaN)));
            } else if (payload instanceof CameraImage image && sensor.equals(SimulatedDrive.CAMERA.name())
                    && rig.cameraHttpPort() > 0) {
                long capture = header.sequence() * cameraPeriodNanos;
                queue.addAll(faults.apply(new WireEvent(capture + cameraEndNanos, WireChannel.CAMERA_MJPEG,
                        rig.cameraSensor(), JpegFrames.encode(image), capture, Double.NaN, Double.NaN)));
            } else if (payload instanceof GnssFix fix && sensor.equals(SimulatedDrive.GNSS.name())) {
                long capture = header.sequence() * gnssPeriodNanos;
                GnssFix out = faulted(fix, capture / 1e9);
                if (rig.nmeaTcpPort() > 0 || rig.nmeaUdpPort() > 0) {
                    WireEvent e = new WireEvent(capture + gnssLatencyNanos, WireChannel.NMEA, rig.gnssSensor(),
                            NmeaEpochWriter.epoch(out), capture, Double.NaN, Double.NaN);
                    queue.addAll(faults.apply(e));
                }
                if (rig.lidarPositionPort() > 0 && rig.lidarPort() > 0) {
                    ByteBuffer b = ByteBuffer.allocate(512);
                    VelodyneEncoder.encodePosition(Math.floorMod(capture / 1000, 3_600_000_000L),
                            NmeaEpochWriter.rmc(out), b);
                    queue.addAll(faults.apply(new WireEvent(capture, WireChannel.LIDAR_POSITION, rig.lidarSensor(),
                            b.array(), capture, Double.NaN, Double.NaN)));
                }
            }
        } finally {
            if (payload instanceof PooledPayload pooled) {
                pooled.release();
            }
        }
        return true;
    }

    /** The fix as the faulty receiver reports it: its clock off by a clock fault, its position jumped. */
    private GnssFix faulted(GnssFix fix, double seconds) {
        double[] jump = faults.gnssJumpMeters(rig.gnssSensor(), seconds);
        long clock = faults.clockOffsetNanos(rig.gnssSensor(), seconds) / 1_000_000;
        if (jump[0] == 0 && jump[1] == 0 && clock == 0) {
            return fix;
        }
        plane.toEnu(fix.latitudeDeg(), fix.longitudeDeg(), fix.altitudeMslMeters(), enu);
        plane.toGeodetic(enu[0] + jump[0], enu[1] + jump[1], enu[2], geo);
        return new GnssFix(fix.utcEpochMillis() + clock, geo[0], geo[1], fix.altitudeMslMeters(),
                fix.speedMetersPerSecond(), fix.trackDeg(), fix.mode(), fix.hdop(), fix.satellitesUsed());
    }

    /** The NMEA bytes of an event as text (for logs and peers). */
    static String text(WireEvent e) {
        return new String(e.payload(), StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        drive.close();
    }

    static List<String> streamedSensors(HilRigSpec rig) {
        return rig.sensors();
    }
}
