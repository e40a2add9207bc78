package org.avfusion.drivers.gnss.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.gnss.nmea.NmeaLogReader;
import org.avfusion.drivers.gnss.nmea.NmeaWriter;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NmeaFileSourceTest {

    static final SensorId GNSS = new SensorId("gnss", SensorKind.GNSS);
    static final String[] LOGS = {"bu353s4", "mt3339", "nmea-rtk", "quectel-L70", "nmea-fuzzy-cases",
        "garmin-geko201"};

    @TempDir
    Path tmp;

    static Path nmeaDir() {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "nmea");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/nmea not found: " + dir.toAbsolutePath());
        return dir;
    }

    static List<GnssFix> replay(NmeaFileSource source, CollectingSink sink) {
        long frames = new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 1_000_000_000L).run(source, sink, t -> { },
                Long.MAX_VALUE);
        assertEquals(frames, sink.size());
        return sink.fixes();
    }

    @ParameterizedTest(name = "{0}.log: same fixes as NmeaLogReader, in order, numbered from 0")
    @ValueSource(strings = {"bu353s4", "mt3339", "nmea-rtk", "quectel-L70", "nmea-fuzzy-cases", "garmin-geko201"})
    void replaysTheFixesTheLogReaderDecodes(String name) throws IOException {
        Path log = nmeaDir().resolve(name + ".log");
        NmeaLogReader.Result expected = NmeaLogReader.read(log);
        CollectingSink sink = new CollectingSink();
        try (NmeaFileSource source = NmeaFileSource.open(log, GNSS, NmeaReplayTiming.AUTO, 0)) {
            assertEquals(expected.fixes(), replay(source, sink));
            GnssSourceStats stats = source.stats();
            assertEquals(expected.stats().total(), stats.sentences(), "sentences");
            assertEquals(expected.stats().badChecksum(), stats.badChecksums(), "bad checksums");
            assertEquals(expected.fixes().size(), stats.fixes(), "fixes");
            assertEquals(NmeaReplayTiming.FIX_TIMES, source.timing(), "a gpsd log carries no line stamps");
        }
        List<FrameHeader> headers = sink.headers();
        for (int i = 0; i < headers.size(); i++) {
            assertEquals(i, headers.get(i).sequence());
            assertTrue(i == 0 || headers.get(i).stampNanos() >= headers.get(i - 1).stampNanos(), "arrival order");
        }
    }

    @Test
    void garminBadChecksumIsCountedWithFileAndLine() throws IOException {
        Path log = nmeaDir().resolve("garmin-geko201.log");
        try (NmeaFileSource source = NmeaFileSource.open(log, GNSS, NmeaReplayTiming.NONE, 0)) {
            replay(source, new CollectingSink());
            GnssSourceStats stats = source.stats();
            assertEquals(1, stats.badChecksums());
            String expectedLine = NmeaLogReader.read(log).errors().stream().filter(e -> e.contains("checksum"))
                    .findFirst().orElseThrow();
            assertTrue(expectedLine.startsWith(log + ":"), expectedLine);
            assertTrue(stats.lastError().matches("\\Q" + log + "\\E:\\d+: .+"), stats.lastError());
        }
    }

    @Test
    void arrivesAtTheReceiverFixTimesWhenTheLogHasNoStamps() throws IOException {
        Path log = nmeaDir().resolve("bu353s4.log");
        CollectingSink sink = new CollectingSink();
        try (NmeaFileSource source = NmeaFileSource.open(log, GNSS, NmeaReplayTiming.AUTO, 5_000_000_000L)) {
            replay(source, sink);
        }
        List<GnssFix> fixes = sink.fixes();
        List<FrameHeader> headers = sink.headers();
        assertEquals(5_000_000_000L, headers.get(0).stampNanos(), "first fix arrives at the start time");
        long firstMillis = fixes.get(0).utcEpochMillis();
        for (int i = 0; i < fixes.size(); i++) {
            assertEquals(5_000_000_000L + (fixes.get(i).utcEpochMillis() - firstMillis) * 1_000_000L,
                    headers.get(i).stampNanos(), "fix " + i);
        }
        assertTrue(headers.get(headers.size() - 1).stampNanos() - headers.get(0).stampNanos() >= 5_000_000_000L,
                "bu353s4 spans seconds of receiver time");
    }

    @Test
    void arrivesAtTheLineStampsWhenTheLogCarriesThem() throws IOException {
        GnssFix f0 = fixAt(0, 1.0);
        GnssFix f1 = fixAt(1000, 1.1);
        GnssFix f2 = fixAt(2000, 1.2);
        Path log = Files.writeString(tmp.resolve("stamped.log"), String.join("\n",
                "# Name: stamped as gpspipe -t -u and -uu write",
                "2014-12-31 03:07:19.250000: " + NmeaWriter.rmc(f0, "GP").trim(),
                "2014-12-31 03:07:19.500000: " + NmeaWriter.gga(f0, "GP").trim(),
                "2014-12-31 03:07:20.750000: " + NmeaWriter.rmc(f1, "GP").trim(),
                "2014-12-31 03:07:20.900000: " + NmeaWriter.gga(f1, "GP").trim(),
                "1419995242.5: " + NmeaWriter.rmc(f2, "GP").trim(),
                "1419995242.6: " + NmeaWriter.gga(f2, "GP").trim()), StandardCharsets.ISO_8859_1);
        CollectingSink sink = new CollectingSink();
        try (NmeaFileSource source = NmeaFileSource.open(log, GNSS, NmeaReplayTiming.AUTO, 100)) {
            replay(source, sink);
            assertEquals(NmeaReplayTiming.LINE_STAMPS, source.timing());
            assertEquals(0, source.stats().rejected(), source.stats().lastError());
        }
        // epoch 0 is released by the RMC of epoch 1 (20.75 s: the cycle ender is not known yet), epoch 1 by its
        // own GGA (20.9 s), epoch 2 by its GGA at 1419995242.6 = 2014-12-31T03:07:22.6Z
        assertEquals(List.of(100L, 100L + 150_000_000L, 100L + 1_850_000_000L),
                sink.headers().stream().map(FrameHeader::stampNanos).toList());
        assertEquals(List.of(1.0, 1.1, 1.2), sink.fixes().stream().map(GnssFix::latitudeDeg).toList());
    }

    @Test
    void garbageAndOversizedLinesAreCountedNamingFileAndLine() throws IOException {
        String good = NmeaWriter.gga(fixAt(0, 1.0), "GP").trim();
        Path log = Files.write(tmp.resolve("bad.log"), (good + "\n\u0000\u00ff\u0013garbage\n$" + "A".repeat(5000)
                + "*00\n" + good.replace("*", "X*") + "\n").getBytes(StandardCharsets.ISO_8859_1));
        CollectingSink sink = new CollectingSink();
        try (NmeaFileSource source = NmeaFileSource.open(log, GNSS, NmeaReplayTiming.AUTO, 0)) {
            replay(source, sink);
            GnssSourceStats stats = source.stats();
            assertEquals(4, stats.sentences());
            assertEquals(3, stats.rejected(), stats.toString());
            assertTrue(stats.lastError().startsWith(log + ":4: "), stats.lastError());
        }
        assertEquals(1, sink.size());
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = tmp.resolve("nope.log");
        IOException e = assertThrows(IOException.class,
                () -> NmeaFileSource.open(missing, GNSS, NmeaReplayTiming.AUTO, 0));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void anExhaustedSourceRefusesToEmit() throws IOException {
        Path log = Files.writeString(tmp.resolve("empty.log"), "# nothing\n");
        try (NmeaFileSource source = NmeaFileSource.open(log, GNSS, NmeaReplayTiming.AUTO, 0)) {
            assertEquals(NmeaFileSource.END, source.nextArrivalNanos());
            assertThrows(IllegalStateException.class, () -> source.emitNext(new CollectingSink()));
        }
    }

    @Test
    void aFixStampedBeforeTheOneBeforeItIsSkippedCountedAndNamedByItsLine() throws IOException {
        Path log = Files.write(tmp.resolve("backwards.log"), List.of(
                NmeaWriter.rmc(fixAt(0, 1.0), "GP").trim(),
                NmeaWriter.rmc(fixAt(100, 1.1), "GP").trim(),
                NmeaWriter.rmc(fixAt(-900, 1.2), "GP").trim(),
                NmeaWriter.rmc(fixAt(200, 1.3), "GP").trim()));
        List<String> told = new java.util.ArrayList<>();
        CollectingSink sink = new CollectingSink();
        try (NmeaFileSource source = NmeaFileSource.open(log, GNSS, NmeaReplayTiming.FIX_TIMES, 0)) {
            source.onReject((reason, message) -> told.add(reason + " " + message));
            replay(source, sink);
            assertEquals(1, source.stats().impossibleValues(), source.stats().toString());
        }
        assertEquals(List.of(1.0, 1.1, 1.3), sink.fixes().stream().map(GnssFix::latitudeDeg).toList());
        assertEquals(List.of(0L, 100_000_000L, 200_000_000L),
                sink.headers().stream().map(FrameHeader::stampNanos).toList());
        assertEquals(List.of("OUT_OF_ORDER " + log + ":3: fix stamped 2014-12-31T03:07:18.100Z, before the fix "
                + "before it (2014-12-31T03:07:19.100Z, line 2): skipped"), told);
    }

    @Test
    void theRejectListenerHearsEveryBadLineNotOnlyTheLast() throws IOException {
        String good = NmeaWriter.gga(fixAt(0, 1.0), "GP").trim();
        Path log = Files.write(tmp.resolve("bad.log"), (good + "\ngarbage\n" + good.replaceFirst("\\*..$", "*00")
                + "\n").getBytes(StandardCharsets.ISO_8859_1));
        List<String> told = new java.util.ArrayList<>();
        try (NmeaFileSource source = NmeaFileSource.open(log, GNSS, NmeaReplayTiming.AUTO, 0)) {
            source.onReject((reason, message) -> told.add(reason + " " + message.substring(0,
                    message.indexOf(": ") + 1)));
            replay(source, new CollectingSink());
            assertEquals(2, source.stats().rejected());
        }
        assertEquals(List.of("MALFORMED " + log + ":2:", "BAD_CHECKSUM " + log + ":3:"), told);
    }

    static GnssFix fixAt(long millis, double latDeg) {
        return new GnssFix(1_419_995_239_000L + millis, latDeg, 2.0, 10.0, 0.0, 0.0,
                org.avfusion.drivers.frame.FixMode.FIX_3D, 1.0, 8);
    }
}
