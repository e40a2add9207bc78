package org.avfusion.scenarios.hil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.pcap.PcapReader;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.scenarios.hil.fault.WireFault;
import org.avfusion.scenarios.hil.fault.WireFaultInjector;
import org.avfusion.scenarios.hil.wire.WireChannel;
import org.avfusion.scenarios.hil.wire.WireEvent;

/**
 * The packets of a recorded drive, faults applied, in due order: a directory with one {@code *.pcap} (its Velodyne
 * data packets, UDP to port 2368, due at their capture times from the first) and one NMEA log ({@code *.nmea} or
 * {@code *.log}: each line due at its sentence's UTC time of day from the first timed sentence; untimed sentences go
 * with the timed one before them). Both start at 0. Faults that rewrite what a packet says ({@code clock},
 * {@code gnssJump}) need the simulator and are refused for recordings.
 *
 * <p>Reads everything at construction (recordings for a rig are short); not thread-safe.
 */
final class RecordedWireStream {
    private final PriorityQueue<WireEvent> queue = new PriorityQueue<>();
    private final double durationSeconds;

    RecordedWireStream(Path recording, HilRigSpec rig, List<WireFault> faults, long seed) {
        for (WireFault f : faults) {
            if (f instanceof WireFault.Clock || f instanceof WireFault.GnssJump) {
                throw new HilInputException("--recording: a " + f.kind() + " fault rewrites what packets say and"
                        + " needs a simulated scenario; use --scenario, or drop the fault");
            }
        }
        Path pcap = find(recording, ".pcap");
        Path nmea = find(recording, ".nmea");
        if (nmea == null) {
            nmea = find(recording, ".log");
        }
        if (rig.sensors().contains(rig.lidarSensor()) && pcap == null) {
            throw new HilInputException("--recording " + recording + ": no *.pcap in it, but the rig streams the "
                    + "lidar '" + rig.lidarSensor() + "'; add the capture or set lidarPort: 0 in the rig file");
        }
        if (rig.sensors().contains(rig.gnssSensor()) && nmea == null) {
            throw new HilInputException("--recording " + recording + ": no NMEA log (*.nmea or *.log) in it, but the"
                    + " rig streams the GNSS '" + rig.gnssSensor() + "'; add the log or set nmeaTcpPort: 0 and"
                    + " nmeaUdpPort: 0 in the rig file");
        }
        List<WireEvent> events = new ArrayList<>();
        try {
            if (pcap != null && rig.lidarPort() > 0) {
                readPcap(pcap, rig, events);
            }
            if (nmea != null && (rig.nmeaTcpPort() > 0 || rig.nmeaUdpPort() > 0)) {
                readNmea(nmea, rig, events);
            }
        } catch (IOException e) {
            throw new HilInputException("--recording " + recording + ": " + e.getMessage(), e);
        }
        if (events.isEmpty()) {
            throw new HilInputException("--recording " + recording + ": nothing the rig streams (no Velodyne data"
                    + " packets on port 2368, no NMEA sentence)");
        }
        events.sort(null);
        WireFaultInjector injector = new WireFaultInjector(faults, seed);
        long last = 0;
        for (WireEvent e : events) {
            queue.addAll(injector.apply(e));
            last = Math.max(last, e.dueNanos());
        }
        queue.addAll(injector.flush());
        durationSeconds = last / 1e9;
    }

    double durationSeconds() {
        return durationSeconds;
    }

    WireEvent next() {
        return queue.poll();
    }

    private static Path find(Path dir, String suffix) {
        if (Files.isRegularFile(dir)) {
            return dir.toString().endsWith(suffix) ? dir : null;
        }
        if (!Files.isDirectory(dir)) {
            throw new HilInputException("--recording " + dir.toAbsolutePath() + " does not exist; give a directory"
                    + " with a .pcap and an NMEA log");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new HilInputException("--recording " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void readPcap(Path pcap, HilRigSpec rig, List<WireEvent> out) throws IOException {
        long first = Long.MIN_VALUE;
        try (PcapReader reader = PcapReader.open(pcap, new LidarStats("hil-recording"))) {
            while (reader.next()) {
                if (reader.destinationPort() != VelodyneDecoder.DATA_PORT
                        || reader.payloadLength() != VelodyneDecoder.PACKET_BYTES) {
                    continue;
                }
                byte[] p = new byte[reader.payloadLength()];
                reader.buffer().get(reader.payloadOffset(), p);
                if (first == Long.MIN_VALUE) {
                    first = reader.timestampNanos();
                }
                long t = reader.timestampNanos() - first;
                double az = ((p[2] & 0xFF) | (p[3] & 0xFF) << 8) / 100.0;
                double azLast = ((p[1102] & 0xFF) | (p[1103] & 0xFF) << 8) / 100.0;
                out.add(new WireEvent(t, WireChannel.LIDAR_DATA, rig.lidarSensor(), p, t, az, azLast));
            }
        }
    }

    private static void readNmea(Path log, HilRigSpec rig, List<WireEvent> out) throws IOException {
        long first = Long.MIN_VALUE;
        long due = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            long tod = timeOfDayMillis(line);
            if (tod >= 0) {
                if (first == Long.MIN_VALUE) {
                    first = tod;
                }
                long t = Math.floorMod(tod - first, 86_400_000L) * 1_000_000L;
                due = Math.max(due, t);
            }
            out.add(new WireEvent(due, WireChannel.NMEA, rig.gnssSensor(),
                    (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1), due, Double.NaN, Double.NaN));
        }
    }

    /** UTC time of day of a GGA/RMC/GLL/ZDA sentence, ms, or -1. */
    static long timeOfDayMillis(String line) {
        int dollar = line.indexOf('$');
        if (dollar < 0 || line.length() < dollar + 7) {
            return -1;
        }
        String type = line.substring(dollar + 3, Math.min(line.length(), dollar + 6));
        if (!type.equals("GGA") && !type.equals("RMC") && !type.equals("ZDA")) {
            return -1;
        }
        String[] f = line.substring(dollar).split(",", -1);
        if (f.length < 2 || f[1].length() < 6) {
            return -1;
        }
        try {
            int h = Integer.parseInt(f[1].substring(0, 2));
            int m = Integer.parseInt(f[1].substring(2, 4));
            double s = Double.parseDouble(f[1].substring(4));
            return (h * 3600L + m * 60L) * 1000 + Math.round(s * 1000);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
