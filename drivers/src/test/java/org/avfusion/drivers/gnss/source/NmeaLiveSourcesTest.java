package org.avfusion.drivers.gnss.source;

import static org.avfusion.drivers.gnss.source.CollectingSink.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.gnss.nmea.NmeaLogReader;
import org.avfusion.drivers.source.ReconnectBackoff;
import org.avfusion.drivers.source.VehicleClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live sources against the file path: a real gpsd log served over a loopback socket (or a named pipe) must decode
 * to exactly the fixes {@link NmeaLogReader} decodes from the file, the final epoch released when the source closes.
 */
class NmeaLiveSourcesTest {

    private static final ReconnectBackoff FAST = new ReconnectBackoff(20, 100);

    @TempDir
    Path tmp;

    private static byte[][] halves(Path log) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int mid = all.length / 2;
        while (all[mid - 1] != '\n') {
            mid++;
        }
        return new byte[][] {java.util.Arrays.copyOfRange(all, 0, mid),
            java.util.Arrays.copyOfRange(all, mid, all.length)};
    }

    @ParameterizedTest(name = "{0}.log over TCP: same fixes as the file, after the server drops the connection")
    @ValueSource(strings = {"bu353s4", "nmea-rtk", "garmin-geko201"})
    void tcpDecodesTheFileFixesAndReconnectsWhenTheServerDrops(String name) throws Exception {
        Path log = NmeaFileSourceTest.nmeaDir().resolve(name + ".log");
        List<GnssFix> expected = NmeaLogReader.read(log).fixes();
        byte[][] parts = halves(log);
        CollectingSink sink = new CollectingSink();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                for (byte[] part : parts) { // one connection per half, dropped after it
                    try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                        out.write(part);
                        out.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            serving.start();
            NmeaTcpSource source = new NmeaTcpSource("127.0.0.1", server.getLocalPort(), NmeaFileSourceTest.GNSS,
                    sink, VehicleClock.SYSTEM, FAST);
            try (source) {
                source.start();
                serving.join(10_000);
                assertTrue(await(() -> source.stats().reconnects() >= 2 && sink.size() >= expected.size() - 1, 10),
                        "fixes " + sink.size() + " of " + expected.size() + ", " + source.stats());
            }
            GnssSourceStats stats = source.stats();
            assertEquals(expected, sink.fixes());
            assertTrue(stats.lastError().contains("127.0.0.1:" + server.getLocalPort()), stats.lastError());
            assertEquals(NmeaLogReader.read(log).stats().badChecksum(), stats.badChecksums());
        }
        assertStampsAreVehicleClockOrdered(sink.headers());
    }

    @Test
    void tcpCountsFailedConnectionsAndNamesTheServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CollectingSink sink = new CollectingSink();
        try (NmeaTcpSource source = new NmeaTcpSource("127.0.0.1", port, NmeaFileSourceTest.GNSS, sink,
                VehicleClock.SYSTEM, FAST)) {
            source.start();
            assertTrue(await(() -> source.stats().reconnects() >= 2, 10), source.stats().toString());
            assertTrue(source.stats().lastError().startsWith("127.0.0.1:" + port + ": "), source.stats().lastError());
        }
        assertEquals(0, sink.size());
    }

    @ParameterizedTest(name = "{0}.log over UDP, one sentence a datagram: same fixes as the file")
    @ValueSource(strings = {"bu353s4", "quectel-L70"})
    void udpDecodesTheFileFixes(String name) throws Exception {
        Path log = NmeaFileSourceTest.nmeaDir().resolve(name + ".log");
        List<GnssFix> expected = NmeaLogReader.read(log).fixes();
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        CollectingSink sink = new CollectingSink();
        NmeaUdpSource source = new NmeaUdpSource(new InetSocketAddress("127.0.0.1", 0), NmeaFileSourceTest.GNSS,
                sink, VehicleClock.SYSTEM);
        try (source; DatagramSocket sender = new DatagramSocket()) {
            source.start();
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", source.localPort());
            for (String line : lines) {
                byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                sender.send(new DatagramPacket(bytes, bytes.length, to));
                TimeUnit.MICROSECONDS.sleep(200);
            }
            long sentences = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
            assertTrue(await(() -> source.stats().sentences() == sentences, 10), source.stats().toString());
        }
        assertEquals(expected, sink.fixes());
        assertStampsAreVehicleClockOrdered(sink.headers());
    }

    @Test
    void udpTakesTheEndOfADatagramAsTheEndOfItsLastLine() throws Exception {
        Path log = NmeaFileSourceTest.nmeaDir().resolve("mt3339.log");
        List<GnssFix> expected = NmeaLogReader.read(log).fixes();
        byte[][] parts = halves(log);
        CollectingSink sink = new CollectingSink();
        NmeaUdpSource source = new NmeaUdpSource(new InetSocketAddress("127.0.0.1", 0), NmeaFileSourceTest.GNSS,
                sink, VehicleClock.SYSTEM);
        try (source; DatagramSocket sender = new DatagramSocket()) {
            source.start();
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", source.localPort());
            for (byte[] part : parts) { // whole lines, the last without its newline
                int end = part.length;
                while (end > 0 && (part[end - 1] == '\n' || part[end - 1] == '\r')) {
                    end--;
                }
                sender.send(new DatagramPacket(part, end, to));
            }
            assertTrue(await(() -> sink.size() >= expected.size() - 1, 10), source.stats().toString());
        }
        assertEquals(expected, sink.fixes());
    }

    @Test
    void serialDeviceReadsANamedPipeAndReopensItAfterEndOfFile() throws Exception {
        Path log = NmeaFileSourceTest.nmeaDir().resolve("mt3339.log");
        List<GnssFix> expected = NmeaLogReader.read(log).fixes();
        Path fifo = tmp.resolve("ttyFAKE0");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo unavailable: cannot stand in for a tty");
        byte[][] parts = halves(log);
        CollectingSink sink = new CollectingSink();
        NmeaSerialSource source = new NmeaSerialSource(fifo, null, NmeaFileSourceTest.GNSS, sink,
                VehicleClock.SYSTEM, FAST);
        source.start();
        for (byte[] part : parts) { // a writer that goes away after each half: end of file, reopen
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(part);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertTrue(await(() -> source.stats().reconnects() >= 1 && sink.size() >= expected.size() - 1, 10),
                source.stats().toString());
        try (OutputStream unblock = Files.newOutputStream(fifo)) { // lets a pending reopen return
            source.close();
        }
        assertEquals(expected, sink.fixes());
        assertTrue(source.stats().lastError().startsWith(fifo.toString()), source.stats().lastError());
    }

    @Test
    void serialSettingsThatSttyRefusesAreCountedNamingTheDevice() throws Exception {
        Path notATty = Files.writeString(tmp.resolve("plain.txt"), "");
        CollectingSink sink = new CollectingSink();
        try (NmeaSerialSource source = new NmeaSerialSource(notATty, SerialLineSettings.NMEA_0183,
                NmeaFileSourceTest.GNSS, sink, VehicleClock.SYSTEM, FAST)) {
            source.start();
            assertTrue(await(() -> source.stats().lastError().contains("stty"), 10), source.stats().toString());
            assertTrue(source.stats().lastError().startsWith(notATty.toString()), source.stats().lastError());
        }
    }

    private static void assertStampsAreVehicleClockOrdered(List<FrameHeader> headers) {
        for (int i = 1; i < headers.size(); i++) {
            assertTrue(headers.get(i).stampNanos() >= headers.get(i - 1).stampNanos(), "stamp " + i);
            assertEquals(i, headers.get(i).sequence());
        }
    }
}
