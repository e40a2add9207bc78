package org.avfusion.scenarios.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.ScanAssembler;
import org.avfusion.drivers.lidar.ScanAssemblerConfig;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.scenarios.hil.fault.WireFaultInjector;
import org.avfusion.scenarios.hil.wire.WireChannel;
import org.avfusion.scenarios.hil.wire.WireEvent;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.ScenarioSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rig's packets of the pedestrian scenario decode in the runtime's own Velodyne decoder (every packet, one sweep
 * per sweep period, the pedestrian's points where the simulator put them) and in peers: Wireshark's tshark reads
 * the lidar's UDP datagrams written as a pcap (tshark 4.0 has no Velodyne dissector: it checks the UDP and IP
 * layers), gpsd's gpsdecode reads the NMEA stream and the {@code $GPRMC} sentences of the Velodyne position packets.
 * Each peer test is skipped when its tool is missing (CI installs both: .ci/run).
 */
class WireStreamTest {
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);

    @TempDir
    Path tmp;

    private static List<WireEvent> events(double seconds) {
        return events(seconds, HilRigSpec.LOOPBACK);
    }

    private static List<WireEvent> events(double seconds, HilRigSpec rig) {
        ScenarioSpec spec = HilRig.forWire(ScenarioCatalog.loadBuiltIn("pedestrian-crossing"), rig);
        List<WireEvent> out = new ArrayList<>();
        try (SimulatedWireStream s = new SimulatedWireStream(spec, rig,
                new WireFaultInjector(List.of(), spec.seed()), 0)) {
            WireEvent e;
            while ((e = s.next()) != null && e.dueNanos() < seconds * 1e9) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void lidarPacketsDecodeIntoOneSweepPerPeriodInDueOrder() {
        long t0 = System.nanoTime();
        List<WireEvent> events = events(2.0);
        System.out.printf("2 s of wire packets made in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        long previousDue = Long.MIN_VALUE;
        for (WireEvent e : events) {
            assertTrue(e.dueNanos() >= previousDue, "due order");
            previousDue = e.dueNanos();
        }
        LidarStats stats = new LidarStats("wire");
        VelodyneDecoder decoder = new VelodyneDecoder(null, stats);
        List<Integer> sweepSizes = new ArrayList<>();
        ScanAssembler assembler = new ScanAssembler(ScanAssemblerConfig.of(LIDAR, 0.0, 80_000), (h, p) -> {
            sweepSizes.add(((PointCloud) p).size());
            ((PointCloud) p).release();
            return true;
        }, stats);
        int lidarPackets = 0;
        for (WireEvent e : events) {
            if (e.channel() == WireChannel.LIDAR_DATA) {
                assertEquals(VelodyneDecoder.PACKET_BYTES, e.payload().length, "UDP payload length");
                assembler.beginPacket(e.dueNanos());
                decoder.decode(ByteBuffer.wrap(e.payload()), 0, e.payload().length, assembler);
                assembler.endPacket();
                lidarPackets++;
            }
        }
        assertEquals(0, stats.snapshot().rejectedTotal(), stats.lastError());
        assertEquals(lidarPackets, stats.packets());
        assertEquals(20 * 150, lidarPackets, "150 packets (1800 columns / 12) per 100 ms sweep");
        assertTrue(sweepSizes.size() >= 19, "sweeps: " + sweepSizes.size());
        assertTrue(sweepSizes.get(1) > 10_000, "points in a sweep: " + sweepSizes);
    }

    /** Writes UDP datagrams to 127.0.0.1:2368 as an Ethernet/IPv4 pcap (libpcap format, microsecond stamps). */
    private static void writePcap(Path file, List<WireEvent> lidar) throws java.io.IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + lidar.size() * (16 + 42 + 1206)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535).putInt(1);
        for (WireEvent e : lidar) {
            int udpLength = 8 + e.payload().length;
            int ipLength = 20 + udpLength;
            b.putInt((int) (e.dueNanos() / 1_000_000_000L)).putInt((int) (e.dueNanos() / 1000 % 1_000_000))
                    .putInt(14 + ipLength).putInt(14 + ipLength);
            ByteBuffer frame = ByteBuffer.allocate(14 + ipLength); // network byte order
            frame.put(new byte[12]).putShort((short) 0x0800);
            int ipStart = frame.position();
            frame.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putInt(0).put((byte) 64).put((byte) 17)
                    .putShort((short) 0).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
            int sum = 0;
            for (int i = 0; i < 20; i += 2) {
                sum += frame.getShort(ipStart + i) & 0xFFFF;
            }
            while (sum > 0xFFFF) {
                sum = (sum & 0xFFFF) + (sum >>> 16);
            }
            frame.putShort(ipStart + 10, (short) ~sum);
            frame.putShort((short) 40_000).putShort((short) 2368).putShort((short) udpLength).putShort((short) 0)
                    .put(e.payload());
            b.put(frame.array());
        }
        Files.write(file, java.util.Arrays.copyOf(b.array(), b.position()));
    }

    @Test
    void tsharkSeesWellFormedUdpDatagramsOfVelodyneSize() throws Exception {
        Path tshark = Path.of("/usr/bin/tshark");
        Assumptions.assumeTrue(Files.isExecutable(tshark), "tshark not installed");
        List<WireEvent> lidar = events(0.5).stream().filter(e -> e.channel() == WireChannel.LIDAR_DATA).toList();
        Path pcap = tmp.resolve("rig-lidar.pcap");
        writePcap(pcap, lidar);
        Process p = new ProcessBuilder(tshark.toString(), "-r", pcap.toString(), "-T", "fields", "-e", "udp.length",
                "-e", "udp.dstport", "-e", "ip.checksum.status", "-o", "ip.check_checksum:TRUE")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> rows = out.lines().filter(l -> !l.isBlank() && Character.isDigit(l.charAt(0))).toList();
        assertEquals(lidar.size(), rows.size(), "tshark read every datagram:\n" + out);
        for (String row : rows) {
            String[] f = row.split("\t");
            assertEquals("1214", f[0], "UDP length (8 + 1206): " + row);
            assertEquals("2368", f[1], row);
            assertEquals("1", f[2], "IP header checksum good (1 = good in Wireshark): " + row);
        }
        // and our own reader of captures takes the same file back: every packet decodes
        LidarStats stats = new LidarStats("pcap");
        try (org.avfusion.drivers.lidar.pcap.PcapReader reader = org.avfusion.drivers.lidar.pcap.PcapReader.open(pcap,
                stats)) {
            VelodyneDecoder decoder = new VelodyneDecoder(null, stats);
            while (reader.next()) {
                decoder.decode(reader.buffer(), reader.payloadOffset(), reader.payloadLength(), (t, x, y, z, d, az,
                        el, i, ring, rot) -> { });
            }
        }
        assertEquals(lidar.size(), stats.packets());
        assertEquals(0, stats.snapshot().rejectedTotal(), stats.lastError());
    }

    @Test
    void gpsdecodeReadsTheNmeaStream() throws Exception {
        Path gpsdecode = Path.of("/usr/bin/gpsdecode");
        Assumptions.assumeTrue(Files.isExecutable(gpsdecode), "gpsd-clients (gpsdecode) not installed");
        ByteArrayOutputStream nmea = new ByteArrayOutputStream();
        int epochs = 0;
        for (WireEvent e : events(2.0)) {
            if (e.channel() == WireChannel.NMEA) {
                nmea.write(e.payload());
                epochs++;
            }
        }
        Path in = tmp.resolve("rig.nmea");
        Files.write(in, nmea.toByteArray());
        Process p = new ProcessBuilder(gpsdecode.toString(), "-j").redirectInput(in.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        long tpv = out.lines().filter(l -> l.contains("\"class\":\"TPV\"")).count();
        assertTrue(epochs >= 18, "epochs: " + epochs);
        assertTrue(tpv >= epochs - 1, "gpsdecode TPV reports " + tpv + " for " + epochs + " epochs:\n" + out);
        assertTrue(out.contains("\"mode\":3"), "3D fixes: " + out);
    }

    @Test
    void gpsdecodeReadsTheGprmcOfTheVelodynePositionPackets() throws Exception {
        Path gpsdecode = Path.of("/usr/bin/gpsdecode");
        Assumptions.assumeTrue(Files.isExecutable(gpsdecode), "gpsd-clients (gpsdecode) not installed");
        HilRigSpec rig = new HilRigSpec(null, null, null, null, null, 8308, null, null, null, null, null, null, null,
                null, null);
        List<WireEvent> position = events(2.0, rig).stream().filter(e -> e.channel() == WireChannel.LIDAR_POSITION)
                .toList();
        ByteArrayOutputStream nmea = new ByteArrayOutputStream();
        for (WireEvent e : position) {
            byte[] p = e.payload();
            assertEquals(512, p.length, "position packet size (VLP-16/HDL-32E manuals)");
            // the sentence starts at byte 206, zero padded (the manuals' layout, read here without our decoder)
            int end = 206;
            while (end < p.length && p[end] != 0) {
                end++;
            }
            nmea.write(p, 206, end - 206);
            nmea.write(new byte[] {'\r', '\n'});
        }
        Path in = tmp.resolve("rig-position.nmea");
        Files.write(in, nmea.toByteArray());
        Process proc = new ProcessBuilder(gpsdecode.toString(), "-j").redirectInput(in.toFile())
                .redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(20, TimeUnit.SECONDS));
        long tpv = out.lines().filter(l -> l.contains("\"class\":\"TPV\"") && l.contains("\"lat\":")).count();
        assertTrue(position.size() >= 18, "position packets in 2 s (one per fix at 10 Hz): " + position.size());
        assertTrue(tpv >= position.size() - 1, "gpsdecode TPV reports with a position: " + tpv + " for "
                + position.size() + " position packets:\n" + nmea.toString(StandardCharsets.US_ASCII) + "\n" + out);
    }
}
