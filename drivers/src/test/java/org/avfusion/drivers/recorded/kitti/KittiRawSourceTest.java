package org.avfusion.drivers.recorded.kitti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.pointcloud.io.KittiScanModel;
import org.avfusion.drivers.pointcloud.io.NonFinitePolicy;
import org.avfusion.drivers.pointcloud.io.PointCloudReadStats;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KittiRawSourceTest {
    private static final KittiRawConfig CONFIG = KittiRawConfig.defaults();

    private static Path drive0001() {
        return CollectingSink.sharedData("kitti/raw/2011_09_26/2011_09_26_drive_0001_sync");
    }

    private static long secondsOfDayNanos(String line) {
        String time = line.strip().split(" ")[1];
        String[] hms = time.split(":");
        String[] secFrac = hms[2].split("\\.");
        String frac = (secFrac[1] + "000000000").substring(0, 9);
        return ((Long.parseLong(hms[0]) * 60 + Long.parseLong(hms[1])) * 60 + Long.parseLong(secFrac[0]))
                * 1_000_000_000L + Long.parseLong(frac);
    }

    @Test
    void drive0001Gives108FixesAnd108ImuSamplesAtTheOxtsStamps() throws IOException {
        Path drive = drive0001();
        List<String> oxtsLines = Files.readAllLines(drive.resolve("oxts/timestamps.txt"));
        List<String> imageLines = Files.readAllLines(drive.resolve("image_02/timestamps.txt"));
        RecordedHealth health = new RecordedHealth("drive_0001");
        CollectingSink sink = new CollectingSink();
        try (KittiRawSource source = KittiRawSource.open(drive, CONFIG, health)) {
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);
        }
        List<FrameHeader> fixes = sink.headersOf(CONFIG.gnss());
        List<FrameHeader> imu = sink.headersOf(CONFIG.imu());
        assertEquals(108, fixes.size());
        assertEquals(108, imu.size());
        assertEquals(108, health.frames(CONFIG.gnss()));
        // the earliest replayed stamp is the first image (13:02:25.961661696): it is vehicle time 0
        long origin = secondsOfDayNanos(imageLines.get(0));
        for (int i = 0; i < 108; i++) {
            long expected = secondsOfDayNanos(oxtsLines.get(i)) - origin;
            assertEquals(expected, fixes.get(i).stampNanos(), "fix " + i);
            assertEquals(expected, imu.get(i).stampNanos(), "IMU sample " + i);
            assertEquals(i, fixes.get(i).sequence());
        }
        assertEquals(2_727_749L, fixes.get(0).stampNanos(), "13:02:25.964389445 - 13:02:25.961661696");
        for (int i = 1; i < 108; i++) {
            long spacing = fixes.get(i).stampNanos() - fixes.get(i - 1).stampNanos();
            assertTrue(spacing > 90_000_000L && spacing < 115_000_000L, "10 Hz spacing, was " + spacing + " at " + i);
        }
        String[] first = Files.readString(drive.resolve("oxts/data/0000000000.txt")).strip().split(" ");
        GnssFix fix = sink.<GnssFix>recordsOf(CONFIG.gnss()).get(0);
        assertEquals(Double.parseDouble(first[0]), fix.latitudeDeg());
        assertEquals(Double.parseDouble(first[1]), fix.longitudeDeg());
        assertEquals(1317042145964L, fix.utcEpochMillis(), "2011-09-26 13:02:25.964 read as UTC");
        ImuSample lastImu = sink.<ImuSample>recordsOf(CONFIG.imu()).get(107);
        String[] last = Files.readString(drive.resolve("oxts/data/0000000107.txt")).strip().split(" ");
        assertEquals(Double.parseDouble(last[19]), lastImu.gyroZRadPerSec(), "wz is field 20");
        assertEquals(Double.parseDouble(last[13]), lastImu.accelZMetersPerSec2(), "az is field 14");
    }

    @Test
    void drive0001GivesSixImagesAtTheirStampsAndPixelsAsImageIoReadsThem() throws IOException {
        Path drive = drive0001();
        List<String> imageLines = Files.readAllLines(drive.resolve("image_02/timestamps.txt"));
        BufferedImage reference = ImageIO.read(drive.resolve("image_02/data/0000000003.png").toFile());
        List<int[]> checked = new ArrayList<>();
        CollectingSink sink = new CollectingSink((header, payload) -> {
            if (payload instanceof CameraImage image) {
                assertEquals(497, image.width());
                assertEquals(150, image.height());
                if (header.sequence() == 3) {
                    ByteBuffer pixels = image.pixels();
                    for (int[] xy : new int[][] {{0, 0}, {248, 75}, {496, 149}, {100, 20}}) {
                        int at = (xy[1] * 497 + xy[0]) * 3;
                        int rgb = reference.getRGB(xy[0], xy[1]);
                        assertEquals(rgb & 0xff, pixels.get(at) & 0xff, "blue at " + xy[0] + "," + xy[1]);
                        assertEquals((rgb >> 8) & 0xff, pixels.get(at + 1) & 0xff, "green");
                        assertEquals((rgb >> 16) & 0xff, pixels.get(at + 2) & 0xff, "red");
                        checked.add(xy);
                    }
                }
            }
        });
        RecordedHealth health = new RecordedHealth("drive_0001");
        KittiRawSource source = KittiRawSource.open(drive, CONFIG, health);
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);

        List<FrameHeader> images = sink.headersOf(CONFIG.camera());
        assertEquals(6, images.size());
        assertEquals(4, checked.size());
        long origin = secondsOfDayNanos(imageLines.get(0));
        for (int i = 0; i < 6; i++) {
            assertEquals(secondsOfDayNanos(imageLines.get(i)) - origin, images.get(i).stampNanos(), "image " + i);
        }
        assertEquals(source.imagePool().createdCount(), source.imagePool().freeCount(),
                "every image buffer is back in its pool");
        assertTrue(source.imagePool().createdCount() >= 1);
        long previous = Long.MIN_VALUE;
        for (FrameHeader header : sink.headers) {
            assertTrue(header.stampNanos() >= previous, "frames arrive in stamp order");
            previous = header.stampNanos();
        }
    }

    /** Frames read ahead of their arrival (the pacer's prepareUntil) are the frames read at release. */
    @Test
    void drive0001FramesReadAheadAreTheFramesReadAtRelease() throws IOException {
        Path drive = drive0001();
        List<String> ahead = frames(KittiRawSource.open(drive, CONFIG, new RecordedHealth("ahead")));
        KittiRawSource direct = KittiRawSource.open(drive, CONFIG, new RecordedHealth("direct"));
        List<String> atRelease = new ArrayList<>();
        CollectingSink sink = new CollectingSink((header, payload) -> atRelease.add(header.sensor().name() + " "
                + header.stampNanos() + " #" + header.sequence() + (payload instanceof CameraImage image
                        ? " " + image.width() + "x" + image.height() + (image.hasPixels() ? " pixels" : " size only")
                        : "")));
        while (direct.nextArrivalNanos() != KittiRawSource.END) {
            direct.emitNext(sink);
        }
        assertEquals(atRelease, ahead);
        assertTrue(ahead.size() > 200, "frames: " + ahead.size());
    }

    /** An image read ahead and never published goes back to its pool when the source closes. */
    @Test
    void closingGivesBackAnImageReadAhead() throws IOException {
        KittiRawSource source = KittiRawSource.open(drive0001(), CONFIG, new RecordedHealth("close"));
        CollectingSink sink = new CollectingSink((header, payload) -> { });
        while (true) {
            source.prepareUntil(Long.MAX_VALUE);
            if (source.imagePool().freeCount() < source.imagePool().createdCount()) {
                break; // the frame in hand is an image
            }
            source.emitNext(sink);
        }
        source.close();
        assertEquals(source.imagePool().createdCount(), source.imagePool().freeCount());
    }

    /** Sensor, stamp, sequence and, for images, size and whether pixels came, of every frame of a replay. */
    private static List<String> frames(KittiRawSource source) {
        List<String> out = new ArrayList<>();
        CollectingSink sink = new CollectingSink((header, payload) -> out.add(header.sensor().name() + " "
                + header.stampNanos() + " #" + header.sequence() + (payload instanceof CameraImage image
                        ? " " + image.width() + "x" + image.height() + (image.hasPixels() ? " pixels" : " size only")
                        : "")));
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);
        return out;
    }

    @Test
    void drive0001ImagesWithoutPixelsKeepStampsAndSizesAndRefuseTheirPixels() throws IOException {
        Path drive = drive0001();
        List<String> decoded = frames(KittiRawSource.open(drive, CONFIG, new RecordedHealth("decoded")));
        List<IllegalStateException> refused = new ArrayList<>();
        RecordedHealth health = new RecordedHealth("size only");
        KittiRawSource source = KittiRawSource.open(drive, CONFIG.withDecodeImagePixels(false), health);
        CollectingSink sink = new CollectingSink((header, payload) -> {
            if (payload instanceof CameraImage image) {
                refused.add(assertThrows(IllegalStateException.class, image::pixels));
            }
        });
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);
        List<String> sizeOnly = frames(KittiRawSource.open(drive, CONFIG.withDecodeImagePixels(false),
                new RecordedHealth("size only, again")));

        assertEquals(6, refused.size(), "every image refuses its pixels");
        assertTrue(refused.get(0).getMessage().contains("497x150 has no pixels"), refused.get(0).getMessage());
        assertEquals(decoded.size(), sizeOnly.size());
        assertEquals(6, decoded.stream().filter(f -> f.endsWith("497x150 pixels")).count(), decoded.toString());
        assertEquals(decoded.stream().map(f -> f.replace(" pixels", " size only")).toList(), sizeOnly,
                "the same frames, stamps, sequence numbers and sizes; only the pixels are left out");
        assertEquals(0, health.rejected(RejectReason.UNREADABLE_FILE));
        assertEquals(source.imagePool().createdCount(), source.imagePool().freeCount());
        CameraImage reused = source.imagePool().acquire();
        assertTrue(reused.hasPixels(), "a released buffer is a plain one again");
        reused.release();
    }

    @Test
    void withoutDecodingABadPngIsStillCountedUnreadableNamingTheFile(@TempDir Path drive) throws IOException {
        Path real = drive0001().resolve("image_02/data/0000000000.png");
        byte[] png = Files.readAllBytes(real);
        Path data = Files.createDirectories(drive.resolve("image_02/data"));
        Files.writeString(drive.resolve("image_02/timestamps.txt"), "2011-09-26 13:02:25.0\n"
                + "2011-09-26 13:02:25.1\n2011-09-26 13:02:25.2\n2011-09-26 13:02:25.3\n2011-09-26 13:02:25.4\n");
        Files.write(data.resolve("0000000000.png"), png);
        Files.write(data.resolve("0000000001.png"), java.util.Arrays.copyOf(png, 30));
        Files.writeString(data.resolve("0000000002.png"), "not a png at all, just text");
        byte[] badCrc = png.clone();
        badCrc[17] ^= 0x01;
        Files.write(data.resolve("0000000003.png"), badCrc);
        SensorId camera = new SensorId("cam", SensorKind.CAMERA);
        for (boolean decode : new boolean[] {true, false}) {
            RecordedHealth health = new RecordedHealth("synthetic");
            KittiRawConfig config = new KittiRawConfig(null, null, camera, null, RecordedTimeBase.fixed(0, 0),
                    ZoneOffset.UTC, 640, 480, 2, 16, 1).withDecodeImagePixels(decode);
            List<String> frames = frames(KittiRawSource.open(drive, config, health));
            String mode = decode ? "decoded" : "size only";
            assertEquals(1, frames.size(), mode + ": " + frames);
            assertTrue(frames.get(0).endsWith(" #0 497x150 " + (decode ? "pixels" : "size only")), frames.get(0));
            List<String> messages = health.messages();
            assertEquals(1, health.rejected(RejectReason.MISSING_FILE), mode + ": " + messages);
            assertEquals(3, health.rejected(RejectReason.UNREADABLE_FILE), mode + ": " + messages);
            for (String name : new String[] {"0000000001.png", "0000000002.png", "0000000003.png"}) {
                assertTrue(messages.stream().anyMatch(m -> m.startsWith("UNREADABLE_FILE: " + data.resolve(name))),
                        mode + ": " + name + " named in " + messages);
            }
            if (!decode) {
                assertTrue(messages.stream().anyMatch(m -> m.contains("0000000003.png: PNG IHDR CRC mismatch")),
                        messages.toString());
            }
        }
        RecordedHealth small = new RecordedHealth("small buffers");
        List<String> none = frames(KittiRawSource.open(drive, new KittiRawConfig(null, null, camera, null,
                RecordedTimeBase.fixed(0, 0), ZoneOffset.UTC, 320, 100, 2, 16, 1).withDecodeImagePixels(false), small));
        assertEquals(List.of(), none);
        assertTrue(small.messages().contains("TOO_LARGE: " + data.resolve("0000000000.png") + ": image 497x150 is "
                + "larger than the pooled buffer (96000 bytes)"), small.messages().toString());
    }

    @Test
    void drive0001HasScanTimestampsButNoScansWhichIsCountedAndNamed() throws IOException {
        Path drive = drive0001();
        RecordedHealth health = new RecordedHealth("drive_0001");
        KittiRawSource source = KittiRawSource.open(drive, CONFIG, health);
        assertEquals(1, health.rejected(RejectReason.MISSING_FOLDER));
        assertEquals(1, health.rejected());
        assertEquals("MISSING_FOLDER: " + drive.resolve("velodyne_points/data")
                + ": folder missing, 108 scan timestamps have no scans; lidar lidar_velodyne skipped",
                health.lastError());
        assertEquals(0, source.plannedFrames(CONFIG.lidar()));
        assertEquals("KITTI raw drive 2011_09_26_drive_0001_sync (108 OXTS records, 6 images, 0 scans, 11.0 s)",
                source.describe());
    }

    @Test
    void missingDriveFolderIsNamedAndCounted(@TempDir Path dir) {
        RecordedHealth health = new RecordedHealth("none");
        Path missing = dir.resolve("2011_09_26_drive_9999_sync");
        RecordedDriveException e = assertThrows(RecordedDriveException.class,
                () -> KittiRawSource.open(missing, CONFIG, health));
        assertEquals(missing + ": KITTI raw drive folder not found", e.getMessage());
        assertEquals(missing, e.file());
        assertEquals(1, health.rejected(RejectReason.MISSING_FOLDER));
    }

    @Test
    void badLinesAndMissingFilesCostOneFrameEachAndAreNamed(@TempDir Path drive) throws IOException {
        Path oxts = Files.createDirectories(drive.resolve("oxts/data"));
        Files.writeString(drive.resolve("oxts/timestamps.txt"), "2011-09-26 13:02:25.0\n"
                + "not a time\n" + "2011-09-26 13:02:25.2\n" + "2011-09-26 13:02:25.3\n" + "2011-09-26 13:02:25.4\n");
        String good = "49.0 8.4 116.4 0 0 0 1 0 0 0 0 0.1 0.2 9.8 0 0 0 0.01 0.02 0.03 0 0 0 0.1 0.1 4 9 6 6 6";
        Files.writeString(oxts.resolve("0000000000.txt"), good);
        Files.writeString(oxts.resolve("0000000001.txt"), good);
        Files.writeString(oxts.resolve("0000000004.txt"), good);
        Files.writeString(oxts.resolve("0000000002.txt"), good.replace("49.0", "forty-nine"));
        Path velodyne = Files.createDirectories(drive.resolve("velodyne_points/data"));
        Files.writeString(drive.resolve("velodyne_points/timestamps_start.txt"), "2011-09-26 13:02:25.05\n"
                + "2011-09-26 13:02:25.15\n");
        ByteBuffer scan = ByteBuffer.allocate(3 * 16).order(ByteOrder.LITTLE_ENDIAN);
        scan.putFloat(1).putFloat(2).putFloat(3).putFloat(0.5f).putFloat(-4).putFloat(5).putFloat(-6).putFloat(0.25f)
                .putFloat(7).putFloat(8).putFloat(9).putFloat(1f);
        Files.write(velodyne.resolve("0000000000.bin"), scan.array());
        Files.write(velodyne.resolve("0000000001.bin"), new byte[17]);
        RecordedHealth health = new RecordedHealth("synthetic");
        List<float[]> clouds = new ArrayList<>();
        CollectingSink sink = new CollectingSink((header, payload) -> {
            if (payload instanceof PointCloud cloud) {
                float[] xyz = new float[cloud.size() * 4];
                for (int i = 0; i < cloud.size(); i++) {
                    xyz[4 * i] = cloud.x(i);
                    xyz[4 * i + 1] = cloud.y(i);
                    xyz[4 * i + 2] = cloud.z(i);
                    xyz[4 * i + 3] = cloud.intensity(i);
                }
                clouds.add(xyz);
            }
        });
        KittiRawConfig noCamera = new KittiRawConfig(CONFIG.gnss(), CONFIG.imu(), null, CONFIG.lidar(),
                CONFIG.timeBase(), CONFIG.timestampZone(), 64, 64, 1, 8, 1);
        KittiRawSource source = KittiRawSource.open(drive, noCamera, health);
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);

        assertEquals(List.of(0L, 400_000_000L), sink.headersOf(CONFIG.gnss()).stream().map(FrameHeader::stampNanos)
                .toList(), "line 2 has no time; record 2 is not a number; record 3 is missing");
        assertEquals(List.of(0L, 1L), sink.headersOf(CONFIG.gnss()).stream().map(FrameHeader::sequence).toList());
        assertEquals(1, clouds.size());
        assertEquals(List.of(50_000_000L), sink.headersOf(CONFIG.lidar()).stream().map(FrameHeader::stampNanos)
                .toList());
        float[] cloud = clouds.get(0);
        assertEquals(12, cloud.length);
        assertEquals(-4f, cloud[4]);
        assertEquals(0.25f, cloud[7]);
        assertEquals(source.cloudPool().createdCount(), source.cloudPool().freeCount());
        List<String> messages = health.messages();
        assertTrue(messages.contains("MALFORMED: " + drive.resolve("oxts/timestamps.txt")
                + ":2: 'not a time' is not a timestamp like 2011-09-26 13:02:25.964389445"), messages.toString());
        assertTrue(messages.contains("MALFORMED: " + oxts.resolve("0000000002.txt")
                + ":1: field 1 (lat): 'forty-nine' is not a number"), messages.toString());
        assertTrue(messages.contains("MISSING_FILE: " + oxts.resolve("0000000003.txt") + ": OXTS record missing"),
                messages.toString());
        assertTrue(messages.contains("MALFORMED: " + velodyne.resolve("0000000001.bin")
                + " @16: the file ends inside a point: 17 bytes is not a multiple of 16 (last point has 1 bytes)"),
                messages.toString());
        assertEquals(3, health.rejected(RejectReason.MALFORMED), "one bad OXTS record costs its fix and sample "
                + "but is counted once");
        assertEquals(1, health.rejected(RejectReason.MISSING_FILE));
        assertEquals(4, health.rejected(), "image_02 is not asked for, so its absence is no error");
    }

    @Test
    void aFolderWhereAFramesFileShouldBeIsCountedAsAFolderNotAsMissing(@TempDir Path drive) throws IOException {
        Path oxts = Files.createDirectories(drive.resolve("oxts/data"));
        Files.writeString(drive.resolve("oxts/timestamps.txt"), "2011-09-26 13:02:25.0\n2011-09-26 13:02:25.1\n");
        Files.writeString(oxts.resolve("0000000000.txt"),
                "49.0 8.4 116.4 0 0 0 1 0 0 0 0 0.1 0.2 9.8 0 0 0 0.01 0.02 0.03 0 0 0 0.1 0.1 4 9 6 6 6");
        Files.createDirectories(oxts.resolve("0000000001.txt"));
        Path images = Files.createDirectories(drive.resolve("image_02/data"));
        Files.writeString(drive.resolve("image_02/timestamps.txt"), "2011-09-26 13:02:25.02\n");
        Files.createDirectories(images.resolve("0000000000.png"));
        Path velodyne = Files.createDirectories(drive.resolve("velodyne_points/data"));
        Files.writeString(drive.resolve("velodyne_points/timestamps_start.txt"), "2011-09-26 13:02:25.05\n");
        Files.createDirectories(velodyne.resolve("0000000000.bin"));
        RecordedHealth health = new RecordedHealth("folders");
        KittiRawConfig small = new KittiRawConfig(CONFIG.gnss(), CONFIG.imu(), CONFIG.camera(), CONFIG.lidar(),
                CONFIG.timeBase(), CONFIG.timestampZone(), 64, 64, 1, 8, 1);
        CollectingSink sink = new CollectingSink((header, payload) -> { });
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(KittiRawSource.open(drive, small, health),
                sink, t -> { }, Long.MAX_VALUE);
        assertEquals(1, sink.headersOf(CONFIG.gnss()).size(), "the fix of record 0 only");
        assertEquals(List.of("MISSING_FILE: " + images.resolve("0000000000.png") + ": is a folder, not an image",
                "MISSING_FILE: " + velodyne.resolve("0000000000.bin") + ": is a folder, not a sweep (.bin)",
                "MISSING_FILE: " + oxts.resolve("0000000001.txt") + ": is a folder, not an OXTS record (.txt)"),
                health.messages().stream().sorted((a, b) -> Integer.compare(order(a), order(b))).toList());
        assertEquals(3, health.rejected(), "each a counted skip, the OXTS record once for its fix and sample");
    }

    private static int order(String message) {
        return message.contains(".png") ? 0 : message.contains(".bin") ? 1 : 2;
    }

    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);

    /** Lidar only, stamps as recorded (nanoseconds since 1970), clouds of up to 16 points. */
    private static KittiRawConfig lidarOnly(KittiBinReader.Options scanOptions) {
        return new KittiRawConfig(null, null, null, LIDAR, RecordedTimeBase.fixed(0, 0), ZoneOffset.UTC, 64, 64, 1,
                16, 2, scanOptions);
    }

    /** Points (10 + i, i % 3, -1.5), reflectance 0.25, then {@code extraBytes} zero bytes. */
    private static void writeScan(Path file, int points, int extraBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(points * 16 + extraBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < points; i++) {
            b.putFloat(10 + i).putFloat(i % 3).putFloat(-1.5f).putFloat(0.25f);
        }
        Files.write(file, b.array());
    }

    private record Replayed(List<FrameHeader> headers, List<Long> arrivals, List<PointCloud> copies) {
    }

    /** Replays every frame, noting each header, the clock at which it was published and a copy of its cloud. */
    private static Replayed replay(KittiRawSource source) {
        List<FrameHeader> headers = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        List<PointCloud> copies = new ArrayList<>();
        while (source.nextArrivalNanos() != KittiRawSource.END) {
            long arrival = source.nextArrivalNanos();
            source.emitNext((header, payload) -> {
                PointCloud cloud = (PointCloud) payload;
                PointCloud copy = new PointCloud(cloud.size());
                for (int i = 0; i < cloud.size(); i++) {
                    copy.add(cloud.x(i), cloud.y(i), cloud.z(i), cloud.intensity(i), cloud.timeOffsetNanos(i),
                            cloud.ring(i));
                }
                cloud.release();
                headers.add(header);
                arrivals.add(arrival);
                copies.add(copy);
                return true;
            });
        }
        return new Replayed(headers, arrivals, copies);
    }

    @Test
    void scansAreStampedAtSweepStartArriveAtSweepEndAndABadOrMissingScanIsCounted(@TempDir Path drive)
            throws IOException {
        Path real = drive0001().resolve("velodyne_points");
        Path velodyne = Files.createDirectories(drive.resolve("velodyne_points/data"));
        for (String name : new String[] {"timestamps.txt", "timestamps_start.txt", "timestamps_end.txt"}) {
            Files.write(drive.resolve("velodyne_points").resolve(name), Files.readAllLines(real.resolve(name))
                    .subList(0, 4));
        }
        writeScan(velodyne.resolve("0000000000.bin"), 5, 0);
        writeScan(velodyne.resolve("0000000001.bin"), 7, 3); // ends 3 bytes into an eighth point
        writeScan(velodyne.resolve("0000000002.bin"), 6, 0);
        // 0000000003.bin missing
        RecordedHealth health = new RecordedHealth("velodyne");
        KittiRawSource source = KittiRawSource.open(drive, lidarOnly(KittiBinReader.Options.DEFAULT), health);
        assertEquals(4, source.plannedFrames(LIDAR));
        Replayed replayed = replay(source);

        assertEquals(List.of(5, 6), replayed.copies().stream().map(PointCloud::size).toList());
        assertEquals(List.of(0L, 1L), replayed.headers().stream().map(FrameHeader::sequence).toList());
        // timestamps_start.txt lines 1 and 3: 13:02:25.899635528 and 13:02:26.105800175 UTC
        assertEquals(List.of(1_317_042_145_899_635_528L, 1_317_042_146_105_800_175L),
                replayed.headers().stream().map(FrameHeader::stampNanos).toList());
        // timestamps_end.txt lines 1 and 3: 13:02:26.002763147 and 13:02:26.208917607 UTC
        assertEquals(List.of(1_317_042_146_002_763_147L, 1_317_042_146_208_917_607L), replayed.arrivals());
        assertEquals(1, health.rejected(RejectReason.MALFORMED));
        assertEquals(1, health.rejected(RejectReason.MISSING_FILE));
        assertEquals(2, health.rejected());
        assertTrue(health.messages().contains("MALFORMED: " + velodyne.resolve("0000000001.bin") + " @112: the file "
                + "ends inside a point: 115 bytes is not a multiple of 16 (last point has 3 bytes)"),
                health.messages().toString());
        assertEquals("MISSING_FILE: " + velodyne.resolve("0000000003.bin") + ": scan missing", health.lastError());
        PointCloudReadStats scans = source.scanStats();
        assertEquals(2, scans.filesAccepted());
        assertEquals(11, scans.pointsAccepted());
        assertEquals(1, scans.rejected(org.avfusion.drivers.pointcloud.io.RejectReason.TRUNCATED));
        assertEquals(source.cloudPool().createdCount(), source.cloudPool().freeCount(), "every cloud back in its pool");
    }

    @Test
    void withoutStartAndEndFilesTheSweepIsCentredOnTheForwardStamp(@TempDir Path drive) throws IOException {
        Path velodyne = Files.createDirectories(drive.resolve("velodyne_points/data"));
        Files.writeString(drive.resolve("velodyne_points/timestamps.txt"), "2011-09-26 13:02:25.951199337\n");
        writeScan(velodyne.resolve("0000000000.bin"), 1, 0);
        KittiRawSource source = KittiRawSource.open(drive, lidarOnly(KittiBinReader.Options.DEFAULT),
                new RecordedHealth("velodyne"));
        Replayed replayed = replay(source);
        assertEquals(List.of(1_317_042_145_951_199_337L - 50_000_000L),
                replayed.headers().stream().map(FrameHeader::stampNanos).toList());
        assertEquals(List.of(1_317_042_145_951_199_337L + 50_000_000L), replayed.arrivals());
        assertEquals(KittiRawSource.END, source.nextArrivalNanos());
    }

    @Test
    void pointTimesComeFromTheAzimuthAndRingsStayUnknownWithoutSixtyFourLasers(@TempDir Path drive)
            throws IOException {
        Path velodyne = Files.createDirectories(drive.resolve("velodyne_points/data"));
        Files.writeString(drive.resolve("velodyne_points/timestamps_start.txt"), "2011-09-26 13:02:25.9\n");
        // behind (azimuth just below +pi), left (+pi/2), ahead (0), right (-pi/2): the HDL-64E turns clockwise
        float[][] points = {{-10, 0.0001f}, {0, 10}, {10, 0}, {0, -10}};
        ByteBuffer scan = ByteBuffer.allocate(points.length * 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] p : points) {
            scan.putFloat(p[0]).putFloat(p[1]).putFloat(0.5f).putFloat(0.75f);
        }
        Files.write(velodyne.resolve("0000000000.bin"), scan.array());

        PointCloud estimated = replay(KittiRawSource.open(drive, lidarOnly(KittiBinReader.Options.DEFAULT),
                new RecordedHealth("velodyne"))).copies().get(0);
        long[] expectedMillis = {0, 25, 50, 75};
        for (int i = 0; i < points.length; i++) {
            assertEquals(expectedMillis[i], Math.round(estimated.timeOffsetNanos(i) / 1e6), "time of point " + i);
            assertEquals(KittiScanModel.timeOffsetNanos(points[i][0], points[i][1]), estimated.timeOffsetNanos(i));
            assertEquals(-1, estimated.ring(i), "one laser run is not an HDL-64E layout: ring unknown");
            assertEquals(0.75f, estimated.intensity(i), "reflectance unchanged");
        }

        KittiBinReader.Options flat = new KittiBinReader.Options(KittiBinReader.RingMode.UNKNOWN,
                KittiBinReader.TimeMode.ZERO, NonFinitePolicy.SKIP_POINT);
        PointCloud zero = replay(KittiRawSource.open(drive, lidarOnly(flat), new RecordedHealth("velodyne")))
                .copies().get(0);
        for (int i = 0; i < points.length; i++) {
            assertEquals(0, zero.timeOffsetNanos(i), "TimeMode.ZERO: the whole sweep at the stamp");
        }
    }

    @Test
    void aSweepEndingBeforeItStartsIsCountedAndTakenAsOneSweep(@TempDir Path drive) throws IOException {
        Path velodyne = Files.createDirectories(drive.resolve("velodyne_points/data"));
        Files.writeString(drive.resolve("velodyne_points/timestamps_start.txt"), "2011-09-26 13:02:26.0\n");
        Files.writeString(drive.resolve("velodyne_points/timestamps_end.txt"), "2011-09-26 13:02:25.9\n");
        writeScan(velodyne.resolve("0000000000.bin"), 2, 0);
        RecordedHealth health = new RecordedHealth("velodyne");
        Replayed replayed = replay(KittiRawSource.open(drive, lidarOnly(KittiBinReader.Options.DEFAULT), health));
        assertEquals(List.of(1_317_042_146_000_000_000L + 100_000_000L), replayed.arrivals());
        assertEquals(1, health.rejected(RejectReason.IMPOSSIBLE_VALUE));
        assertEquals("IMPOSSIBLE_VALUE: " + drive.resolve("velodyne_points/timestamps_end.txt") + ":1: sweep ends "
                + "100000000 ns before it starts; taken as start + 100 ms", health.lastError());
    }
    /** Drive 0001's 108 OXTS records and their timestamps, copied into {@code drive/oxts}; returns the lines. */
    private static List<String> copyOxts(Path drive) throws IOException {
        Path real = drive0001().resolve("oxts");
        Path data = Files.createDirectories(drive.resolve("oxts/data"));
        try (var files = Files.list(real.resolve("data"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, data.resolve(f.getFileName()));
            }
        }
        return new ArrayList<>(Files.readAllLines(real.resolve("timestamps.txt")));
    }

    private static final KittiRawConfig OXTS_ONLY = new KittiRawConfig(CONFIG.gnss(), CONFIG.imu(), null, null,
            CONFIG.timeBase(), CONFIG.timestampZone(), 64, 64, 1, 8, 1);

    /**
     * Drive 0001's OXTS timestamps with lines 51 and 52 swapped, line 81 set 5 s back and line 21 set a minute
     * forward: each costs its own line only (counted, naming both stamps), time only moves forward, and the recording
     * starts and ends where the unmodified one does.
     */
    @Test
    void timestampsOutOfOrderCostTheirLineAndDoNotStretchTheRecording(@TempDir Path temp) throws IOException {
        Path drive = temp.resolve("2011_09_26_drive_0001_sync");
        List<String> lines = copyOxts(drive);
        Path stamps = drive.resolve("oxts/timestamps.txt");
        Files.write(stamps, lines);
        String whole = KittiRawSource.open(drive, OXTS_ONLY, new RecordedHealth("whole")).describe();
        List<String> bad = new ArrayList<>(lines);
        java.util.Collections.swap(bad, 50, 51);
        bad.set(80, "2011-09-26 13:02:20.000000000");
        bad.set(20, "2011-09-26 13:03:30.000000000");
        Files.write(stamps, bad);

        RecordedHealth health = new RecordedHealth("backwards");
        CollectingSink sink = new CollectingSink();
        KittiRawSource source = KittiRawSource.open(drive, OXTS_ONLY, health);
        assertEquals(whole.replace("108 OXTS records", "105 OXTS records"), source.describe(),
                "the same span: no bad stamp stretches it");
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);

        List<Long> fixes = sink.headersOf(CONFIG.gnss()).stream().map(FrameHeader::stampNanos).toList();
        assertEquals(105, fixes.size(), "three lines skipped, not every line after the one set forward");
        assertEquals(0L, fixes.get(0), "the first stamp kept is vehicle time 0");
        for (int i = 1; i < fixes.size(); i++) {
            assertTrue(fixes.get(i) > fixes.get(i - 1), "time moves forward at fix " + i);
        }
        long origin = secondsOfDayNanos(lines.get(0));
        assertEquals(secondsOfDayNanos(lines.get(49)) - origin, fixes.get(48), "line 50, line 21 skipped before");
        assertEquals(secondsOfDayNanos(lines.get(51)) - origin, fixes.get(49), "line 51, now with line 52's stamp");
        assertEquals(secondsOfDayNanos(lines.get(52)) - origin, fixes.get(50), "line 53: line 52 skipped");
        assertEquals(3, health.rejected(RejectReason.OUT_OF_ORDER));
        assertEquals(3, health.rejected());
        assertEquals(List.of(
                "OUT_OF_ORDER: " + stamps + ":21: '2011-09-26 13:03:30.000000000' is not before line 22's '"
                        + lines.get(21) + "', which follows it and is kept with the lines after it (a stamp out of "
                        + "order); frame 0000000020.txt skipped",
                "OUT_OF_ORDER: " + stamps + ":52: '" + lines.get(50) + "' is not after line 51's '" + lines.get(51)
                        + "' (time going backwards); frame 0000000051.txt skipped",
                "OUT_OF_ORDER: " + stamps + ":81: '2011-09-26 13:02:20.000000000' is not after line 80's '"
                        + lines.get(79) + "' (time going backwards); frame 0000000080.txt skipped"),
                health.messages());
    }

    @Test
    void keepsTheLongestRunOfIncreasingStampsEarliestLinesFirst() {
        long none = Long.MIN_VALUE;
        record Case(long[] stamps, boolean[] kept) {
        }
        for (Case c : new Case[] {
            new Case(new long[] {1, 2, 3, 4}, new boolean[] {true, true, true, true}),
            new Case(new long[] {1, 3, 2, 4}, new boolean[] {true, true, false, true}), // swapped: the second goes
            new Case(new long[] {1, 2, 9, 3, 4}, new boolean[] {true, true, false, true, true}), // set forward
            new Case(new long[] {9, 1, 2, 3}, new boolean[] {false, true, true, true}), // first line set forward
            new Case(new long[] {1, 2, 2, 3}, new boolean[] {true, true, false, true}), // repeated: not after
            new Case(new long[] {1, none, 0, 2}, new boolean[] {true, false, false, true}),
            new Case(new long[] {}, new boolean[] {})}) {
            assertEquals(java.util.Arrays.toString(c.kept()),
                    java.util.Arrays.toString(KittiTimestamps.longestIncreasing(c.stamps())),
                    java.util.Arrays.toString(c.stamps()));
        }
    }

    /**
     * Scans numbered past the last line of their timestamps file cannot be timed: each is counted and named, not
     * replayed. A line past the last OXTS record stays a frame whose file is missing, counted when its turn comes.
     */
    @Test
    void dataFilesWithoutATimestampLineAreCountedAndNamed(@TempDir Path drive) throws IOException {
        Path velodyne = Files.createDirectories(drive.resolve("velodyne_points/data"));
        Path starts = drive.resolve("velodyne_points/timestamps_start.txt");
        Files.writeString(starts, "2011-09-26 13:02:25.05\n2011-09-26 13:02:25.15\n");
        for (int i = 0; i < 4; i++) {
            writeScan(velodyne.resolve(String.format("%010d.bin", i)), 3 + i, 0);
        }
        Path oxts = Files.createDirectories(drive.resolve("oxts/data"));
        Files.writeString(drive.resolve("oxts/timestamps.txt"), "2011-09-26 13:02:25.0\n2011-09-26 13:02:25.1\n"
                + "2011-09-26 13:02:25.2\n");
        String good = "49.0 8.4 116.4 0 0 0 1 0 0 0 0 0.1 0.2 9.8 0 0 0 0.01 0.02 0.03 0 0 0 0.1 0.1 4 9 6 6 6";
        Files.writeString(oxts.resolve("0000000000.txt"), good);
        Files.writeString(oxts.resolve("0000000001.txt"), good);
        RecordedHealth health = new RecordedHealth("short");
        KittiRawConfig config = new KittiRawConfig(CONFIG.gnss(), CONFIG.imu(), null, LIDAR,
                RecordedTimeBase.fixed(0, 0), ZoneOffset.UTC, 64, 64, 1, 16, 2);
        KittiRawSource source = KittiRawSource.open(drive, config, health);
        assertEquals(2, source.plannedFrames(LIDAR));
        assertEquals(List.of(
                "MALFORMED: " + starts + ": 2 lines, no line 3 to time " + velodyne.resolve("0000000002.bin")
                        + ": frame skipped",
                "MALFORMED: " + starts + ": 2 lines, no line 4 to time " + velodyne.resolve("0000000003.bin")
                        + ": frame skipped"), health.messages());
        CollectingSink sink = new CollectingSink();
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);
        assertEquals(2, sink.headersOf(LIDAR).size());
        assertEquals(2, sink.headersOf(CONFIG.gnss()).size());
        assertEquals(2, health.rejected(RejectReason.MALFORMED));
        assertEquals("MISSING_FILE: " + oxts.resolve("0000000002.txt") + ": OXTS record missing", health.lastError());
    }

    /**
     * Sweep 1 of the KITTI sequence (../shared/data) cut to 800,000 bytes, a multiple of 16, in a drive with sweep
     * timestamps: it shows 29 of the HDL-64E's 64 laser runs and is counted, the whole sweeps around it replayed.
     */
    @Test
    void aScanCutAtAPointBoundaryIsCountedWithItsLaserRuns(@TempDir Path drive) throws IOException {
        Path real = CollectingSink.sharedData("kitti/raw/2011_09_26/sfnd_sequence_sync/velodyne_points/data");
        Path velodyne = Files.createDirectories(drive.resolve("velodyne_points/data"));
        Files.writeString(drive.resolve("velodyne_points/timestamps.txt"), "2011-09-26 13:02:25.95\n"
                + "2011-09-26 13:02:26.05\n2011-09-26 13:02:26.15\n");
        for (int i = 0; i < 3; i++) {
            String name = String.format("%010d.bin", i);
            Files.copy(real.resolve(name), velodyne.resolve(name));
        }
        Path cut = velodyne.resolve("0000000001.bin");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(cut), 800_000));
        assertEquals(KittiBinReader.LaserRunCheck.HDL64, KittiRawConfig.defaults().laserRunCheck());
        KittiRawConfig hdl64 = new KittiRawConfig(null, null, null, LIDAR, RecordedTimeBase.fixed(0, 0),
                ZoneOffset.UTC, 64, 64, 1, 150_000, 2).withLaserRunCheck(KittiBinReader.LaserRunCheck.HDL64);
        RecordedHealth health = new RecordedHealth("cut");
        KittiRawSource source = KittiRawSource.open(drive, hdl64, health);
        Replayed replayed = replay(source);

        assertEquals(List.of(114_278, 114_048), replayed.copies().stream().map(PointCloud::size).toList());
        assertEquals(List.of("MALFORMED: " + cut + " @800000: the sweep is cut short: 29 of 64 laser runs (50000 "
                + "points; a sweep is stored laser by laser, so one cut short lacks the last lasers)"),
                health.messages());
        assertEquals(1, source.scanStats().rejected(org.avfusion.drivers.pointcloud.io.RejectReason.TRUNCATED));
        assertEquals(source.cloudPool().createdCount(), source.cloudPool().freeCount());
    }
}
