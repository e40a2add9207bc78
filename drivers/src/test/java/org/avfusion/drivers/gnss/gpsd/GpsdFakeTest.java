package org.avfusion.drivers.gnss.gpsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.gnss.nmea.NmeaLogReader;
import org.avfusion.drivers.gnss.source.CollectingSink;
import org.avfusion.drivers.source.ReconnectBackoff;
import org.avfusion.drivers.source.VehicleClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real gpsd: {@code gpsfake} (Debian packages {@code gpsd} and {@code gpsd-clients}) feeds a regression log
 * to a gpsd on a free loopback port, and every position the client gets must be one the file path decodes, in
 * order. gpsd drops the sentences that arrive while it probes the device (here about the first 2 s), and reports some epochs more than once
 * while it learns the cycle, so the test asks for the file's positions as a subsequence with at least a third of the file's epochs present. gpsd's
 * times are not compared: gpsfake's gpsd moves 2014 dates across a GPS week rollover. Skipped when gpsfake is not
 * installed, except with {@code CI=true}, where that fails.
 */
class GpsdFakeTest {

    @TempDir
    Path tmp;

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void clientGetsThePositionsOfTheLogGpsfakePlays() throws Exception {
        if (!onPath("gpsfake")) {
            String message = "gpsfake not installed (apt-get install -y --no-install-recommends gpsd gpsd-clients)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + ": required when CI=true");
            }
            Assumptions.assumeTrue(false, message);
        }
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "nmea");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/nmea not found: " + dir.toAbsolutePath());
        Path log = dir.resolve("bu353s4.log");
        List<GnssFix> expected = NmeaLogReader.read(log).fixes().stream().filter(GnssFix::hasPosition).toList();

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path output = tmp.resolve("gpsfake.out");
        Process gpsfake = new ProcessBuilder("gpsfake", "-1", "-q", "-P", Integer.toString(port), "-c", "0.1",
                log.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        CollectingSink sink = new CollectingSink();
        GpsdClient client = new GpsdClient("127.0.0.1", port, new SensorId("gnss", SensorKind.GNSS), sink,
                VehicleClock.SYSTEM, new ReconnectBackoff(50, 200));
        try (client) {
            client.start();
            // 90 sentences at 0.1 s: done within 10 s, when gpsfake (-1: one pass) ends, or after 5 s without a new
            // report (a gpsd or gpsfake stalled for a second or two on a loaded machine is not done)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long lastLines = -1;
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline && gpsfake.isAlive()) {
                long lines = client.stats().tpv();
                if (lines != lastLines) {
                    lastLines = lines;
                    quietSince = System.nanoTime();
                } else if (lines > 0 && System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(5)) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } finally {
            gpsfake.descendants().forEach(ProcessHandle::destroyForcibly); // gpsfake ignores SIGTERM while feeding
            gpsfake.destroyForcibly();
            gpsfake.waitFor(5, TimeUnit.SECONDS);
        }
        List<GnssFix> got = sink.fixes().stream().filter(GnssFix::hasPosition).toList();
        List<String> unmatched = new ArrayList<>();
        int at = 0;
        int matchedEpochs = 0;
        for (GnssFix fix : got) {
            int found = -1;
            for (int i = at; i < expected.size() && found < 0; i++) {
                if (Math.abs(expected.get(i).latitudeDeg() - fix.latitudeDeg()) <= 1e-6
                        && Math.abs(expected.get(i).longitudeDeg() - fix.longitudeDeg()) <= 1e-6) {
                    found = i;
                }
            }
            if (found < 0) {
                unmatched.add(fix.toString());
            } else {
                matchedEpochs += found > at || matchedEpochs == 0 ? 1 : 0;
                at = found;
            }
        }
        GpsdStats stats = client.stats();
        System.out.println("gpsfake " + log.getFileName() + ": " + matchedEpochs + " of " + expected.size()
                + " positioned file epochs seen through gpsd; " + stats);
        assertEquals(List.of(), unmatched, "gpsd positions not in the file, in order; " + stats);
        assertTrue(matchedEpochs >= Math.max(5, expected.size() / 3), matchedEpochs + " of " + expected.size()
                + " file epochs seen through gpsd; " + stats + "\n" + Files.readString(output));
        assertEquals(0, stats.malformed() + stats.impossibleValues(), stats.toString());
        assertTrue(stats.sky() > 0 && got.stream().anyMatch(f -> f.hdop() > 0), "HDOP from SKY: " + stats);
    }
}
