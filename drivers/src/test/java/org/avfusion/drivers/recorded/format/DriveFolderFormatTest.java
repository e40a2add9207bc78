package org.avfusion.drivers.recorded.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.gnss.nmea.NmeaWriter;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DriveFolderFormat} on drive folders built in a temp folder around the real
 * {@code ../shared/data/lidar/hdl32-monterey-17rev.pcap} (17 HDL-32E revolutions whose sweeps run from
 * 2012-12-11T22:06:33.203Z to 22:06:34.697Z on their GPRMC hour) with the real gpsd log
 * {@code ../shared/data/nmea/bu353s4.log} (2014-12-31T03:07:19Z to 03:07:43Z) or NMEA logs written for chosen times:
 * streams that do not meet are refused at open with their spans and the gap; every skipped line or packet is
 * counted with its own message.
 */
class DriveFolderFormatTest {
    static final long LIDAR_FIRST_MILLIS = Instant.parse("2012-12-11T22:06:33.203Z").toEpochMilli();
    static final long LIDAR_LAST_MILLIS = Instant.parse("2012-12-11T22:06:34.697Z").toEpochMilli();

    @TempDir
    Path temp;

    private static Path pcap() {
        return CollectingSink.sharedData("lidar/hdl32-monterey-17rev.pcap").toAbsolutePath();
    }

    private Path drive(String gnssFile, double gnssOffsetMillis) throws Exception {
        return drive(pcap(), gnssFile, gnssOffsetMillis);
    }

    private Path drive(Path pcap, String gnssFile, double gnssOffsetMillis) throws Exception {
        Path drive = Files.createDirectories(temp.resolve("drive"));
        Files.writeString(drive.resolve(DriveManifest.FILE), "lidar: {file: " + pcap + ", sensor: lidar_top, "
                + "model: HDL32, clockOffsetMillis: 0}\ngnss: {file: " + gnssFile + ", sensor: gnss, "
                + "clockOffsetMillis: " + gnssOffsetMillis + "}\n");
        return drive;
    }

    /** RMC sentences at 10 Hz from {@code fromMillis} to {@code toMillis} (UTC), one a line. */
    private static List<String> fixes(long fromMillis, long toMillis) {
        List<String> lines = new ArrayList<>();
        for (long t = fromMillis; t <= toMillis; t += 100) {
            lines.add(rmc(t, 36.6));
        }
        return lines;
    }

    private static String rmc(long utcMillis, double latitudeDeg) {
        return NmeaWriter.rmc(new GnssFix(utcMillis, latitudeDeg, -121.9, 10.0, 5.0, 90.0, FixMode.FIX_3D, 1.0, 8),
                "GP").trim();
    }

    private static RecordingSource open(Path drive) throws RecordingFormatException {
        return new DriveFolderFormat().open(drive, RecordingRequest.defaults());
    }

    private static CollectingSink replay(RecordingSource source) {
        CollectingSink sink = new CollectingSink();
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);
        return sink;
    }

    @Test
    void nmeaLogOfAnotherYearIsRefusedWithEachStreamsSpanAndTheGap() throws Exception {
        Path log = CollectingSink.sharedData("nmea/bu353s4.log").toAbsolutePath();
        Path drive = drive(log.toString(), 0);
        String message = assertThrows(RecordingFormatException.class, () -> open(drive)).getMessage();
        assertTrue(message.startsWith(drive.resolve(DriveManifest.FILE) + ": the streams' times do not overlap"),
                message);
        assertTrue(message.contains("lidar " + pcap() + ": 2012-12-11T22:06:33.203Z to 2012-12-11T22:06:34.697Z"),
                message);
        assertTrue(message.contains("gnss " + log + ": 2014-12-31T03:07:19Z to 2014-12-31T03:07:43Z"), message);
        assertTrue(message.contains("gnss starts 64731644.302 s (749.2 days) after lidar ends: no clock offset "
                + "bridges that"), message);
    }

    @Test
    void gapUnderAnHourIsRefusedWithTheClockOffsetThatClosesIt() throws Exception {
        long tenMinutes = 600_000;
        Files.write(temp.resolve("late.nmea"), fixes(LIDAR_LAST_MILLIS + tenMinutes,
                LIDAR_LAST_MILLIS + tenMinutes + 2_000));
        Path drive = drive(temp.resolve("late.nmea").toString(), 0);
        String message = assertThrows(RecordingFormatException.class, () -> open(drive)).getMessage();
        // sweeps are stamped to the nanosecond, the fixes to the millisecond: the gap is 10 min less a fraction
        Matcher offset = Pattern.compile("gnss starts 599\\.99\\d s after lidar ends; if late\\.nmea's clock was "
                + "off, gnss\\.clockOffsetMillis: (\\d+) in drive\\.yaml \\(the file's clock minus GPS time\\) puts "
                + "late\\.nmea's start on hdl32-monterey-17rev\\.pcap's").matcher(message);
        assertTrue(offset.find(), message);
        assertEquals(tenMinutes + LIDAR_LAST_MILLIS - LIDAR_FIRST_MILLIS, Long.parseLong(offset.group(1)), 1.0);

        drive(temp.resolve("late.nmea").toString(), Long.parseLong(offset.group(1)));
        try (RecordingSource source = open(drive)) {
            assertEquals(21, replay(source).headers.stream()
                    .filter(h -> h.sensor().kind() == SensorKind.GNSS).count(), "the suggested offset replays it");
        }
    }

    @Test
    void partlyOverlappingStreamsReplayWholeWithANote() throws Exception {
        Files.write(temp.resolve("early.nmea"), fixes(LIDAR_FIRST_MILLIS - 5_000, LIDAR_FIRST_MILLIS + 500));
        try (RecordingSource source = open(drive(temp.resolve("early.nmea").toString(), 0))) {
            Pattern note = Pattern.compile(".*the streams overlap for 0\\.49\\d s \\(2012-12-11T22:06:33\\.203Z to "
                    + "2012-12-11T22:06:33\\.703Z\\) of the 6\\.49\\d s replayed; a stream is missing from the "
                    + "5\\.00\\d s before lidar hdl32-monterey-17rev\\.pcap starts and the 0\\.99\\d s after gnss "
                    + "early\\.nmea ends \\(every file is replayed whole\\)");
            assertTrue(source.notes().stream().anyMatch(n -> note.matcher(n).matches()), source.notes().toString());
            CollectingSink sink = replay(source);
            assertEquals(56, sink.headers.stream().filter(h -> h.sensor().kind() == SensorKind.GNSS).count(),
                    "every fix, the 50 before the first sweep too");
            assertEquals(List.of("IMPOSSIBLE_VALUE: " + pcap() + " at offset 1136910: BAD_AZIMUTH: block 4 azimuth "
                    + "36000 (hundredths of a degree) is not below 36000"), source.skipMessages(), "the capture's own");
            assertEquals(1, source.skippedFrames());
        }
    }

    /**
     * The capture's clouds hold the revolution its probe saw (a quarter more, dual returns allowed for), not the
     * model's slowest (5 Hz): every point of the 17 revolutions still reaches a sweep, as `decode lidar` counts them.
     */
    @Test
    void sweepsAreSizedForTheCapturesRevolutionAndKeepEveryPoint() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        Path log = Files.write(temp.resolve("fixes.nmea"), fixes(LIDAR_FIRST_MILLIS - 500, LIDAR_LAST_MILLIS + 500));
        try (RecordingSource source = open(drive(pcap(), log.toString(), 0))) {
            CollectingSink sink = new CollectingSink((h, p) -> {
                if (p instanceof org.avfusion.drivers.frame.PointCloud cloud) {
                    sizes.add(cloud.size());
                }
            });
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);
            org.avfusion.drivers.frame.PointCloud pooled = null;
            for (org.avfusion.drivers.pool.BufferPool<?> pool : source.pools()) {
                if (pool.name().contains("clouds")) {
                    pooled = (org.avfusion.drivers.frame.PointCloud) pool.acquire();
                }
            }
            assertTrue(pooled != null, "a cloud pool");
            int capacity = pooled.capacity();
            pooled.release();
            assertTrue(capacity < 278_000 && capacity > 100_000, "capacity " + capacity);
            assertEquals(872_597, sizes.stream().mapToInt(Integer::intValue).sum(), "points in sweeps " + sizes);
        }
    }

    @Test
    void aSweepsCapacityFollowsTheRevolutionSeenWithAQuarterMore() {
        assertEquals(173_750, DriveFolderFormat.sweepCapacity(278_000, 100_000_000L), "10 Hz");
        assertEquals(278_000, DriveFolderFormat.sweepCapacity(278_000, 170_000_000L), "at most the model's most");
        assertEquals(278_000, DriveFolderFormat.sweepCapacity(278_000, 250_000_000L), "slower than 5 Hz");
        assertEquals(278_000, DriveFolderFormat.sweepCapacity(278_000, 0), "no whole sweep seen");
        assertEquals(86_875, DriveFolderFormat.sweepCapacity(278_000, 50_000_000L), "20 Hz");
    }

    @Test
    void everySkippedLineAndPacketIsCountedWithItsOwnMessage() throws Exception {
        // the capture cut at 1,800,000 bytes, mid-record; its packet at 1,136,910 carries azimuth 36000
        byte[] whole = Files.readAllBytes(pcap());
        Path cut = Files.write(temp.resolve("cut.pcap"), Arrays.copyOf(whole, 1_800_000));
        List<String> lines = new ArrayList<>(fixes(LIDAR_FIRST_MILLIS - 500, LIDAR_FIRST_MILLIS + 1_000));
        lines.add(3, "GARBAGE LINE $$$");                                             // line 4
        lines.set(5, lines.get(5).replaceFirst("\\*..$", "*00"));                    // line 6: bad checksum
        lines.add(8, rmc(LIDAR_FIRST_MILLIS - 2_000, 36.6));                        // line 9: stamped backwards
        lines.set(11, withLatitudeField(lines.get(11), "9930.0000"));                // line 12: latitude 99.5
        Path log = Files.write(temp.resolve("fixes.nmea"), lines);
        try (RecordingSource source = open(drive(cut, log.toString(), 0))) {
            replay(source);
            List<String> messages = source.skipMessages();
            assertEquals(messages.size(), source.skippedFrames(), messages.toString());
            assertEquals(Stream.of(
                    "MALFORMED: " + log + ":4: ",
                    "MALFORMED: " + log + ":6: checksum *00 but content gives ",
                    "IMPOSSIBLE_VALUE: " + log + ":9: fix stamped 2012-12-11T22:06:31.203Z, before the fix before it "
                            + "(2012-12-11T22:06:33.303Z, line 8): skipped",
                    "IMPOSSIBLE_VALUE: " + log + ":12: GPRMC field 3 ",
                    "IMPOSSIBLE_VALUE: " + cut + " at offset 1136910: BAD_AZIMUTH: ",
                    "MALFORMED: " + cut + " at offset 1799508: PCAP_TRUNCATED_RECORD: record of 1248 bytes cut "
                            + "short at 476 bytes").sorted().toList(),
                    messages.stream().map(DriveFolderFormatTest::head).sorted().toList());
        }
    }

    /** {@code sentence} with its latitude (field 3) replaced and its checksum made right again. */
    private static String withLatitudeField(String sentence, String latitude) {
        String[] fields = sentence.substring(1, sentence.indexOf('*')).split(",", -1);
        fields[3] = latitude;
        String body = String.join(",", fields);
        int sum = 0;
        for (char c : body.toCharArray()) {
            sum ^= c;
        }
        return String.format("$%s*%02X", body, sum);
    }

    /** A skip message up to the detail that depends on the sentence's bytes. */
    private static String head(String message) {
        for (String cutAfter : new String[] {":4: ", "content gives ", "field 3 ", "BAD_AZIMUTH: "}) {
            int at = message.indexOf(cutAfter);
            if (at >= 0) {
                return message.substring(0, at + cutAfter.length());
            }
        }
        return message;
    }

    /** A drive folder whose drive.yaml names {@code file} for the stream {@code key}. */
    private Path driveNaming(String key, String file) throws Exception {
        Path drive = Files.createDirectories(temp.resolve("drive"));
        Files.writeString(drive.resolve(DriveManifest.FILE), key + ": {file: " + file + ", sensor: " + switch (key) {
            case "lidar" -> "lidar_top, model: HDL32";
            case "gnss" -> "gnss";
            default -> "camera_front";
        } + "}\n");
        return drive;
    }

    @Test
    void aStreamFileThatIsAFolderIsRefusedAsAFolder() throws Exception {
        Path drive = driveNaming("lidar", "front.pcap");
        Files.createDirectories(drive.resolve("front.pcap"));
        assertEquals(drive.resolve(DriveManifest.FILE) + ": lidar.file front.pcap is a folder, not a file ("
                + drive.resolve("front.pcap") + "); name the Velodyne pcap file, relative to " + drive,
                assertThrows(RecordingFormatException.class, () -> open(drive)).getMessage());
    }

    @Test
    void anEmptyStreamFileIsRefusedAsEmptyNamingItsKey() throws Exception {
        for (String[] c : new String[][] {{"lidar", "front.pcap", "Velodyne pcap"}, {"gnss", "fixes.nmea", "NMEA log"},
                {"camera", "front.mp4", "video"}}) {
            Path drive = driveNaming(c[0], c[1]);
            Files.write(drive.resolve(c[1]), new byte[0]);
            assertEquals(drive.resolve(DriveManifest.FILE) + ": " + c[0] + ".file " + c[1] + " is empty (0 bytes): "
                    + drive.resolve(c[1]) + " holds no " + c[2] + " data; name a file the logger wrote, or leave "
                    + c[0] + " out", assertThrows(RecordingFormatException.class, () -> open(drive)).getMessage());
            Files.delete(drive.resolve(c[1]));
        }
    }
}
