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
 * per sweep period, the pedestrian's points where the simulator put them) and in a peer: gpsd's gpsdecode reads
 * the NMEA stream.
 */
class WireStreamTest {
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);

    @TempDir
    Path tmp;

    private static List<WireEvent> events(double seconds) {
        ScenarioSpec spec = HilRig.forWire(ScenarioCatalog.loadBuiltIn("pedestrian-crossing"), HilRigSpec.LOOPBACK);
        List<WireEvent> out = new ArrayList<>();
        try (SimulatedWireStream s = new SimulatedWireStream(spec, HilRigSpec.LOOPBACK,
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
}
