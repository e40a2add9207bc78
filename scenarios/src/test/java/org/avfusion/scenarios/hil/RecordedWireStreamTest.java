package org.avfusion.scenarios.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.scenarios.hil.fault.WireFault;
import org.avfusion.scenarios.hil.wire.WireChannel;
import org.avfusion.scenarios.hil.wire.WireEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded drive on the wire: hdl32-sample-b.pcap (a real HDL-32E capture) and bu353s4.log (a real receiver's NMEA)
 * from ../shared/data, linked into one recording directory; a recording without the rig's sensors is bad input.
 */
class RecordedWireStreamTest {
    private static final Path DATA = Path.of(System.getProperty("avfusion.shared", "../shared"), "data");
    private static final Path PCAP = DATA.resolve("lidar").resolve("hdl32-sample-b.pcap");
    private static final Path NMEA = DATA.resolve("nmea").resolve("bu353s4.log");

    @TempDir
    Path tmp;

    @Test
    void recordingPlaysBothSensorsInDueOrder() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PCAP) && Files.isRegularFile(NMEA), "../shared/data not found");
        Files.createSymbolicLink(tmp.resolve("drive.pcap"), PCAP.toAbsolutePath());
        Files.createSymbolicLink(tmp.resolve("drive.nmea"), NMEA.toAbsolutePath());
        RecordedWireStream s = new RecordedWireStream(tmp, HilRigSpec.LOOPBACK, List.of(), 1);
        List<WireEvent> events = new ArrayList<>();
        WireEvent e;
        while ((e = s.next()) != null) {
            events.add(e);
        }
        long lidar = events.stream().filter(x -> x.channel() == WireChannel.LIDAR_DATA).count();
        long nmea = events.stream().filter(x -> x.channel() == WireChannel.NMEA).count();
        long lines = Files.readAllLines(NMEA).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        assertEquals(new PcapUdpReplayer(PCAP).packetsPerPass(), lidar, "every Velodyne data packet");
        assertEquals(lines, nmea, "every NMEA line");
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).dueNanos() >= events.get(i - 1).dueNanos(), "due order at " + i);
        }
        assertTrue(s.durationSeconds() > 1, "the log's UTC times pace it: " + s.durationSeconds() + " s");
    }

    @Test
    void recordingWithoutTheRigsGnssIsBadInput() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PCAP), "../shared/data not found");
        Files.createSymbolicLink(tmp.resolve("drive.pcap"), PCAP.toAbsolutePath());
        HilInputException x = assertThrows(HilInputException.class,
                () -> new RecordedWireStream(tmp, HilRigSpec.LOOPBACK, List.of(), 1));
        assertTrue(x.getMessage().contains("no NMEA log") && x.getMessage().contains("'gnss'"), x.getMessage());
    }

    @Test
    void clockFaultNeedsTheSimulator() {
        HilInputException x = assertThrows(HilInputException.class, () -> new RecordedWireStream(tmp,
                HilRigSpec.LOOPBACK, List.of(new WireFault.Clock("lidar_top", 0.0, null, 0.0, 5.0)), 1));
        assertTrue(x.getMessage().contains("clock"), x.getMessage());
    }
}
