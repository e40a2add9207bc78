package org.avfusion.scenarios.hil;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.avfusion.scenarios.expect.ExpectationChecker;
import org.avfusion.scenarios.expect.ExpectationChecker.Outcome;
import org.avfusion.scenarios.expect.ExpectationChecker.Timed;
import org.avfusion.scenarios.hil.fault.WireFault;
import org.avfusion.scenarios.hil.fault.WireFaultInjector;
import org.avfusion.scenarios.hil.wire.WireEvent;
import org.avfusion.scenarios.sim.ScenarioSpec;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A hardware-in-the-loop rig: streams a simulated scenario to a runtime under test through its real interfaces
 * (Velodyne UDP, NMEA over TCP and UDP), injects the scenario's faults on the wire, listens to the runtime's MQTT
 * topics from outside ({@link DecisionTap}), checks the scenario's expectations and measures reaction times
 * (first packet showing an event on the wire to the first decision reacting to it on the broker).
 *
 * <p>Lifecycle: {@link #open()} subscribes to the broker and opens the rig's NMEA server, waiting for the runtime to
 * connect (bad input, {@link HilInputException}: a broker that does not answer, a port in use, no client within the
 * rig's timeout); {@link #run(HilScenario, int)} plays the scenario {@code runs} times on that session; {@link #close()}
 * closes it. Pacing follows the simulation's clock: packet {@code k} leaves at the rig's start plus its due time.
 * One thread; not thread-safe.
 */
public final class HilRig implements AutoCloseable {
    private static final long START_DELAY_NANOS = 200_000_000L;
    private static final double CORRIDOR_AHEAD_METERS = 40;
    private static final double CORRIDOR_MARGIN_METERS = 0.3;

    private final HilRigSpec rig;
    private final String target;
    private final PrintStream log;
    private DecisionTap tap;
    private ServerSocket nmeaServer;
    private Socket nmeaClient;
    private OutputStream nmeaOut;
    private DatagramChannel udp;
    private MjpegHttpServer camera;
    private InetSocketAddress imuTo;

    public HilRig(HilRigSpec rig, String targetHost, PrintStream log) {
        this.rig = Objects.requireNonNull(rig, "rig");
        this.target = Objects.requireNonNull(targetHost, "targetHost");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Checks a scenario against the rig: every fault names a sensor the rig streams and the scenario has. */
    public static void checkFaults(HilScenario scenario, HilRigSpec rig) {
        Set<String> streamed = new LinkedHashSet<>(rig.sensors());
        for (int i = 0; i < scenario.faults().size(); i++) {
            WireFault f = scenario.faults().get(i);
            if (!streamed.contains(f.sensor())) {
                throw new HilInputException("scenario '" + scenario.spec().name() + "': faults[" + i + "] ("
                        + f.kind() + ") names sensor '" + f.sensor() + "', which this rig does not stream; sensors: "
                        + streamed + (f.sensor().startsWith("camera") ? " (set cameraHttpPort in the rig file to stream the camera)" : ""));
            }
            if (f instanceof WireFault.GnssJump && !f.sensor().equals(rig.gnssSensor())) {
                throw new HilInputException("scenario '" + scenario.spec().name() + "': faults[" + i + "] gnssJump"
                        + " must name the GNSS sensor '" + rig.gnssSensor() + "', not '" + f.sensor() + "'");
            }
        }
    }

    /** Subscribes to the runtime's topics and waits for it to connect to the rig's NMEA server. */
    public void open() {
        String broker = "tcp://" + target + ":" + rig.brokerPort();
        try {
            tap = DecisionTap.subscribe(broker, rig.vehicleId());
        } catch (MqttException e) {
            throw new HilInputException("target does not answer: no MQTT broker at " + broker + " (" + e.getMessage()
                    + "); start the runtime's broker or give the right --target and brokerPort", e);
        }
        try {
            udp = DatagramChannel.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a UDP socket: " + e, e);
        }
        if (rig.cameraHttpPort() > 0) {
            try {
                camera = new MjpegHttpServer(rig.cameraHttpPort());
            } catch (BindException e) {
                throw new HilInputException("port in use: the rig cannot serve the camera on TCP port "
                        + rig.cameraHttpPort() + " (" + e.getMessage() + "); set cameraHttpPort in the rig file", e);
            } catch (IOException e) {
                throw new HilInputException("cannot open the camera server on TCP port " + rig.cameraHttpPort()
                        + ": " + e.getMessage(), e);
            }
            log.printf(Locale.ROOT, "hil: camera as MJPEG on http://<this host>:%d%s%n", camera.port(),
                    MjpegHttpServer.PATH);
        }
        if (rig.nmeaTcpPort() > 0) {
            try {
                nmeaServer = new ServerSocket();
                nmeaServer.setReuseAddress(true);
                nmeaServer.bind(new InetSocketAddress(rig.nmeaTcpPort()), 1);
            } catch (BindException e) {
                throw new HilInputException("port in use: the rig cannot serve NMEA on TCP port " + rig.nmeaTcpPort()
                        + " (" + e.getMessage() + "); stop what holds it or set nmeaTcpPort in the rig file", e);
            } catch (IOException e) {
                throw new HilInputException("cannot open the NMEA server on TCP port " + rig.nmeaTcpPort() + ": "
                        + e.getMessage(), e);
            }
            log.printf(Locale.ROOT, "hil: waiting up to %.0f s for the runtime to connect to NMEA port %d%n",
                    rig.connectTimeoutSeconds(), rig.nmeaTcpPort());
            try {
                nmeaServer.setSoTimeout((int) Math.round(rig.connectTimeoutSeconds() * 1000));
                nmeaClient = nmeaServer.accept();
                nmeaClient.setTcpNoDelay(true);
                nmeaOut = nmeaClient.getOutputStream();
            } catch (SocketTimeoutException e) {
                throw new HilInputException("target does not answer: no runtime connected to the rig's NMEA server"
                        + " (TCP port " + rig.nmeaTcpPort() + ") within " + rig.connectTimeoutSeconds() + " s; is"
                        + " 'avfusion run' running with an NMEA_TCP source pointed at this host?", e);
            } catch (IOException e) {
                throw new HilInputException("NMEA server on port " + rig.nmeaTcpPort() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Plays the scenario {@code runs} times and returns every run's outcomes and reaction times. */
    public HilReport run(HilScenario scenario, int runs) {
        if (runs < 1 || runs > 1000) {
            throw new HilInputException("--runs must be in [1, 1000], was " + runs);
        }
        checkFaults(scenario, rig);
        if (tap == null) {
            open();
        }
        List<HilReport.Run> done = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            done.add(runOnce(scenario, r));
        }
        return new HilReport(scenario.spec().name(), done);
    }

    /** The scenario's spec with its lidar firing the rig's model's lasers and the camera made negligible. */
    static ScenarioSpec forWire(ScenarioSpec spec, HilRigSpec rig) {
        ScenarioSpec.Sensors s = spec.sensors();
        ScenarioSpec.Lidar l = s.lidar();
        int columns = (l.azimuths() + 11) / 12 * 12;
        ScenarioSpec.Lidar lidar = new ScenarioSpec.Lidar(l.rateHz(), l.clockOffsetMillis(), l.stampJitterMillis(),
                l.latencyMillis(), l.mount(), rig.lidarModel().lasers(),
                columns, org.avfusion.scenarios.hil.wire.SweepPacketizer.lowestBeamDeg(rig.lidarModel()),
                org.avfusion.scenarios.hil.wire.SweepPacketizer.highestBeamDeg(rig.lidarModel()), l.maxRangeMeters(),
                l.rangeNoiseMeters());
        ScenarioSpec.Camera c = s.camera();
        // without a camera interface the simulator's camera is made negligible (16 x 16 at 0.1 Hz): it costs CPU
        ScenarioSpec.Camera camera = rig.cameraHttpPort() > 0 ? c : new ScenarioSpec.Camera(0.1,
                c.clockOffsetMillis(), c.stampJitterMillis(), c.latencyMillis(), c.mount(), 16, 16,
                c.horizontalFovDeg(), c.exposureMillis());
        return new ScenarioSpec(spec.name(), spec.description(), spec.seed(), spec.durationSeconds(), spec.origin(),
                spec.startUtc(), spec.road(), spec.ego(), spec.actors(),
                new ScenarioSpec.Sensors(lidar, camera, s.gnss(), s.imu()));
    }

    /**
     * Plays a recorded drive ({@link RecordedWireStream}: a directory with a Velodyne pcap and an NMEA log) {@code runs}
     * times with no faults; the expectation is that decisions arrive.
     */
    public HilReport runRecording(java.nio.file.Path recording, int runs) {
        if (runs < 1 || runs > 1000) {
            throw new HilInputException("--runs must be in [1, 1000], was " + runs);
        }
        new RecordedWireStream(recording, rig, List.of(), 0); // fails fast on a recording without the rig's sensors
        if (tap == null) {
            open();
        }
        List<HilReport.Run> done = new ArrayList<>();
        String name = recording.getFileName().toString();
        for (int r = 0; r < runs; r++) {
            RecordedWireStream stream = new RecordedWireStream(recording, rig, List.of(), 0);
            done.add(play(name, stream.durationSeconds(), stream::next, List.of(), List.of(), null, List.of(), r));
        }
        return new HilReport(name, done);
    }

    private HilReport.Run runOnce(HilScenario scenario, int index) {
        ScenarioSpec spec = forWire(scenario.spec(), rig);
        WireFaultInjector faults = new WireFaultInjector(scenario.faults(), spec.seed());
        long maxDelay = 0;
        for (WireFault f : scenario.faults()) {
            if (f instanceof WireFault.Delay d) {
                maxDelay = Math.max(maxDelay, Math.round((d.delayMillis() + d.jitterMillis()) * 1e6));
            }
        }
        try (SimulatedWireStream stream = new SimulatedWireStream(spec, rig, faults, maxDelay)) {
            List<ReactionTimes.Entry> entries = ReactionTimes.corridorEntries(stream.drive(), CORRIDOR_AHEAD_METERS,
                    CORRIDOR_MARGIN_METERS);
            return play(spec.name(), spec.durationSeconds(), stream::next, entries, scenario.faults(), faults,
                    scenario.expectations(), index);
        }
    }

    private HilReport.Run play(String name, double durationSeconds, java.util.function.Supplier<WireEvent> stream,
            List<ReactionTimes.Entry> entries, List<WireFault> faultList, WireFaultInjector faults,
            List<org.avfusion.scenarios.expect.HilExpectation> expectations, int index) {
        long sent = 0;
        long start;
        {
            long[] firstWire = new long[entries.size()];
            java.util.Arrays.fill(firstWire, Long.MIN_VALUE);
            start = System.nanoTime() + START_DELAY_NANOS;
            log.printf(Locale.ROOT, "hil: run %d: streaming '%s' (%.1f s) to %s%n", index + 1, name,
                    durationSeconds, target);
            InetSocketAddress lidarTo = new InetSocketAddress(target, Math.max(1, rig.lidarPort()));
            InetSocketAddress positionTo = new InetSocketAddress(target, Math.max(1, rig.lidarPositionPort()));
            InetSocketAddress nmeaTo = new InetSocketAddress(target, Math.max(1, rig.nmeaUdpPort()));
            imuTo = new InetSocketAddress(target, Math.max(1, rig.imuUdpPort()));
            WireEvent e;
            while ((e = stream.get()) != null) {
                long due = start + e.dueNanos();
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                send(e, lidarTo, positionTo, nmeaTo);
                sent++;
                long now = System.nanoTime();
                for (int i = 0; i < entries.size(); i++) {
                    ReactionTimes.Entry en = entries.get(i);
                    if (firstWire[i] == Long.MIN_VALUE && e.channel() == org.avfusion.scenarios.hil.wire.WireChannel.LIDAR_DATA
                            && e.contentNanos() >= en.enterNanos() && e.coversAzimuth(en.azimuthDeg())) {
                        firstWire[i] = now;
                    }
                }
            }
            long end = System.nanoTime();
            LockSupport.parkNanos(Math.round(rig.settleSeconds() * 1e9));
            List<Timed> decisions = timed(tap.receivedDecisions(), start, end + Math.round(rig.settleSeconds() * 1e9));
            List<Timed> health = timed(tap.receivedHealth(), start, end + Math.round(rig.settleSeconds() * 1e9));
            List<Outcome> outcomes = ExpectationChecker.check(expectations, decisions, health);
            List<HilReport.Reaction> reactions = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                ReactionTimes.Entry en = entries.get(i);
                reactions.add(ReactionTimes.obstacleReaction(en, firstWire[i] == Long.MIN_VALUE ? null
                        : (firstWire[i] - start) / 1e9, decisions));
            }
            for (WireFault f : faultList) {
                if (f instanceof WireFault.Silent || f instanceof WireFault.Freeze) {
                    Long first = faults.firstAffectedNanos(f);
                    reactions.add(ReactionTimes.sensorReaction(f, first == null ? null : first / 1e9,
                            f.sensor().equals(rig.lidarSensor()), decisions, health));
                }
            }
            log.printf(Locale.ROOT, "hil: run %d: %d packets sent, %d decisions and %d health reports received%n",
                    index + 1, sent, decisions.size(), health.size());
            return new HilReport.Run(index + 1, sent, decisions.size(), outcomes, reactions);
        }
    }

    private void send(WireEvent e, InetSocketAddress lidarTo, InetSocketAddress positionTo,
            InetSocketAddress nmeaTo) {
        try {
            switch (e.channel()) {
                case LIDAR_DATA -> udp.send(ByteBuffer.wrap(e.payload()), lidarTo);
                case LIDAR_POSITION -> udp.send(ByteBuffer.wrap(e.payload()), positionTo);
                case IMU -> udp.send(ByteBuffer.wrap(e.payload()), imuTo);
                case CAMERA_MJPEG -> {
                    if (camera != null) {
                        camera.publish(e.payload());
                    }
                }
                case NMEA -> {
                    if (nmeaOut != null) {
                        nmeaOut.write(e.payload());
                        nmeaOut.flush();
                    }
                    if (rig.nmeaUdpPort() > 0) {
                        udp.send(ByteBuffer.wrap(e.payload()), nmeaTo);
                    }
                }
            }
        } catch (IOException ex) {
            // the runtime went away mid-run: the expectations will say what it missed
            log.println("hil: send failed (" + e.channel() + "): " + ex.getMessage());
            if (e.channel() == org.avfusion.scenarios.hil.wire.WireChannel.NMEA) {
                nmeaOut = null;
            }
        }
    }

    private static List<Timed> timed(List<DecisionTap.Received> received, long start, long end) {
        List<Timed> out = new ArrayList<>();
        for (DecisionTap.Received r : received) {
            if (r.arrivalNanos() >= start && r.arrivalNanos() <= end) {
                out.add(new Timed((r.arrivalNanos() - start) / 1e9, r.message()));
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            if (nmeaClient != null) {
                nmeaClient.close();
            }
            if (nmeaServer != null) {
                nmeaServer.close();
            }
            if (udp != null) {
                udp.close();
            }
            if (camera != null) {
                camera.close();
            }
        } catch (IOException e) {
            log.println("hil: close: " + e.getMessage());
        }
        if (tap != null) {
            try {
                tap.close();
            } catch (MqttException e) {
                log.println("hil: MQTT close: " + e.getMessage());
            }
        }
    }

    static String simulatedSensor(String rigSensor, HilRigSpec rig) {
        return rigSensor.equals(rig.lidarSensor()) ? SimulatedDrive.LIDAR.name() : SimulatedDrive.GNSS.name();
    }
}
