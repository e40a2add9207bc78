package org.avfusion.drivers.recorded.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.source.RecordedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameFolderSourceTest {
    private static final SensorId LIDAR = new SensorId("velodyne", SensorKind.LIDAR);
    private static final long PERIOD_NANOS = 100_000_000L;

    @TempDir
    Path folder;

    /** A KITTI .bin sweep of {@code points} points (x, y, z, reflectance as little-endian floats). */
    private void bin(String name, int points) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(points * 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < points; i++) {
            b.putFloat(5f + i * 0.01f).putFloat(1f).putFloat(-1f).putFloat(0.5f);
        }
        Files.write(folder.resolve(name), b.array());
    }

    /** An ASCII PCD sweep of {@code points} points (x y z intensity). */
    private void pcd(String name, int points) throws IOException {
        StringBuilder b = new StringBuilder("# .PCD v0.7\nVERSION 0.7\nFIELDS x y z intensity\nSIZE 4 4 4 4\n"
                + "TYPE F F F F\nCOUNT 1 1 1 1\nWIDTH " + points + "\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS "
                + points + "\nDATA ascii\n");
        for (int i = 0; i < points; i++) {
            b.append(5 + i).append(" 1 -1 0.5\n");
        }
        Files.writeString(folder.resolve(name), b);
    }

    /** The capacity of a cloud of {@code source}'s pool (taken and handed back). */
    private static int pooledCapacity(FrameFolderSource source) {
        PointCloud cloud = (PointCloud) source.pool().acquire();
        try {
            return cloud.capacity();
        } finally {
            cloud.release();
        }
    }

    private static List<Integer> sizes(FrameFolderSource source) {
        List<Integer> sizes = new ArrayList<>();
        CollectingSink sink = new CollectingSink((h, p) -> sizes.add(((PointCloud) p).size()));
        while (source.nextArrivalNanos() != RecordedSource.END) {
            source.emitNext(sink);
        }
        return sizes;
    }

    @Test
    void binSweepBuffersAreAsLargeAsTheLargestFileNotTheLimit() throws Exception {
        bin("0000000000.bin", 10);
        bin("0000000001.bin", 25);
        bin("0000000002.bin", 7);
        assertPooledAndRead(150_000, 25, List.of(10, 25, 7), 0);
    }

    /** A paced replay makes the clouds it will hold before its clock: in the pool, never beyond its bound. */
    @Test
    void buffersPreallocatedBeforeTheClockAreThePoolsAndTheSweepsReadTheSame() throws Exception {
        bin("0000000000.bin", 10);
        bin("0000000001.bin", 25);
        RecordedHealth health = new RecordedHealth(folder.toString());
        FrameFolderSource source = FrameFolderSource.sweeps(folder, LIDAR, 0, PERIOD_NANOS, 150_000, 2, health);
        try {
            assertEquals(0, source.pool().createdCount(), "none made at open");
            source.preallocateBuffers(5);
            assertEquals(2, source.pool().createdCount(), "as many as asked, up to the pool's bound of 2");
            assertEquals(2, source.pool().freeCount());
            assertEquals(List.of(10, 25), sizes(source), "the sweeps read into them");
            assertEquals(2, source.pool().createdCount(), "none made while reading");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> source.preallocateBuffers(-1));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("-1"), e.getMessage());
        } finally {
            source.close();
        }
    }

    /**
     * Opens the folder's sweeps with {@code maxPoints} as the limit: each pooled cloud holds {@code capacity} points,
     * the sweeps read are {@code expectedSizes} points long, and {@code rejected} files were counted as rejected.
     */
    private void assertPooledAndRead(int maxPoints, int capacity, List<Integer> expectedSizes, long rejected)
            throws Exception {
        RecordedHealth health = new RecordedHealth(folder.toString());
        FrameFolderSource source = FrameFolderSource.sweeps(folder, LIDAR, 0, PERIOD_NANOS, maxPoints, 2, health);
        try {
            assertEquals(capacity, pooledCapacity(source), "a pooled sweep holds the largest file's points");
            assertEquals(expectedSizes, sizes(source), "every sweep that fits read whole into those buffers");
            assertEquals(rejected, health.rejected(), "files counted as rejected when read");
        } finally {
            source.close();
        }
    }

    /**
     * A PCD sweep's points carry no times; it arrives one period after its stamp (its first point), and says it was
     * complete then, so latency is counted from there, not from its first point.
     */
    @Test
    void aPcdSweepIsCompleteOnePeriodAfterItsStamp() throws Exception {
        pcd("000000.pcd", 3);
        FrameFolderSource source = FrameFolderSource.sweeps(folder, LIDAR, 0, PERIOD_NANOS, 1_000, 2,
                new RecordedHealth(folder.toString()));
        try {
            assertEquals(PERIOD_NANOS, source.nextArrivalNanos(), "arrives one period after its stamp");
            List<Integer> complete = new ArrayList<>();
            List<Integer> latestPoint = new ArrayList<>();
            source.emitNext(new CollectingSink((h, p) -> {
                PointCloud cloud = (PointCloud) p;
                assertEquals(0, h.stampNanos(), "stamp");
                complete.add(cloud.completeAfterNanos());
                latestPoint.add(cloud.maxTimeOffsetNanos());
            }));
            assertEquals(List.of((int) PERIOD_NANOS), complete, "complete after its stamp");
            assertEquals(List.of(0), latestPoint, "its points' own offsets, untouched");
        } finally {
            source.close();
        }
    }

    @Test
    void pcdSweepBuffersAreAsLargeAsTheMostPointsOfTheHeaders() throws Exception {
        pcd("000000.pcd", 3);
        pcd("000001.pcd", 6);
        assertPooledAndRead(200_000, 6, List.of(3, 6), 0);
    }

    @Test
    void aPcdHeaderLongerThanTheFirstReadIsReadWhole() throws Exception {
        pcd("000000.pcd", 3);
        Path longHeader = folder.resolve("000001.pcd");
        pcd("000001.pcd", 9);
        // a comment line that takes the header past the first 4 KiB read
        Files.writeString(longHeader, "# " + "x".repeat(6000) + "\n" + Files.readString(longHeader));
        assertPooledAndRead(200_000, 9, List.of(3, 9), 0);
    }

    @Test
    void aPcdWhoseHeaderCannotBeReadLeavesTheLimit() throws Exception {
        pcd("000000.pcd", 3);
        Files.writeString(folder.resolve("000001.pcd"), "not a point cloud\n");
        // the limit, and the broken file counted when read
        assertPooledAndRead(500, 500, List.of(3), 1);
    }

    @Test
    void aPcdFolderLongerThanTheHeadersReadAtOpenKeepsTheLimit() throws Exception {
        int files = FrameFolderSource.PCD_HEADERS_READ_AT_OPEN + 1;
        for (int i = 0; i < files; i++) {
            pcd(String.format("%06d.pcd", i), 2);
        }
        FrameFolderSource source = FrameFolderSource.sweeps(folder, LIDAR, 0, PERIOD_NANOS, 500, 2,
                new RecordedHealth(folder.toString()));
        try {
            assertEquals(500, pooledCapacity(source), "an hour's folder is not opened file by file before its first frame");
        } finally {
            source.close();
        }
    }

    @Test
    void theLimitStillBoundsTheBuffers() throws Exception {
        bin("0000000000.bin", 10);
        bin("0000000001.bin", 25);
        // the 25-point file does not fit: counted and skipped, as before
        assertPooledAndRead(20, 20, List.of(10), 1);
    }
    @Test
    void anEmptyBinIsCountedMalformedNotReadAsASweepWithoutPoints() throws Exception {
        bin("0000000000.bin", 10);
        Files.write(folder.resolve("0000000001.bin"), new byte[0]);
        bin("0000000002.bin", 7);
        RecordedHealth health = new RecordedHealth(folder.toString());
        FrameFolderSource source = FrameFolderSource.sweeps(folder, LIDAR, 0, PERIOD_NANOS, 150_000, 2, health);
        assertEquals(List.of(10, 7), sizes(source));
        assertEquals(1, health.rejected(RejectReason.MALFORMED));
        assertEquals(List.of("MALFORMED: " + folder.resolve("0000000001.bin") + " @0: the file is empty: 0 bytes, "
                + "not one point of 16 bytes"), health.messages());
    }

    /** The first {@code count} sweeps of the KITTI raw sequence in ../shared/data, copied into the test's folder. */
    private List<Path> kittiSweeps(int count) throws IOException {
        Path data = CollectingSink.sharedData("kitti/raw/2011_09_26/sfnd_sequence_sync/velodyne_points/data");
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("%010d.bin", i);
            copies.add(Files.copy(data.resolve(name), folder.resolve(name)));
        }
        return copies;
    }

    private static void cut(Path file, int bytes) throws IOException {
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), bytes));
    }

    /** Sweep 2 of the KITTI sequence cut to 800,000 bytes (a multiple of 16): 29 of its 64 laser runs are left. */
    @Test
    void aKittiSweepCutAtAPointBoundaryIsCountedWithItsLaserRuns() throws Exception {
        List<Path> sweeps = kittiSweeps(5);
        cut(sweeps.get(2), 800_000);
        RecordedHealth health = new RecordedHealth(folder.toString());
        List<Integer> sizes = sizes(FrameFolderSource.sweeps(folder, LIDAR, 0, PERIOD_NANOS, 150_000, 2, health));
        assertEquals(List.of(114_278, 114_217, 113_719, 113_513), sizes, "the four whole sweeps");
        assertEquals(List.of("MALFORMED: " + sweeps.get(2) + " @800000: the sweep is cut short: 29 of 64 laser runs "
                + "(50000 points; a sweep is stored laser by laser, so one cut short lacks the last lasers)"),
                health.messages());
    }

    /**
     * A folder's sweeps all cut alike are not flagged where the whole sweep's runs are learnt from the folder (no
     * sweep shows fewer than most), and all flagged where the sensor is known to be an HDL-64E (KITTI raw).
     */
    @Test
    void sweepsAllShowingTheSameRunsAreFlaggedOnlyAgainstAKnownSensor() throws Exception {
        for (Path sweep : kittiSweeps(3)) {
            cut(sweep, 800_000);
        }
        RecordedHealth learnt = new RecordedHealth("learnt");
        assertEquals(List.of(50_000, 50_000, 50_000),
                sizes(FrameFolderSource.sweeps(folder, LIDAR, 0, PERIOD_NANOS, 150_000, 2, learnt)));
        assertEquals(0, learnt.rejected());
        RecordedHealth hdl64 = new RecordedHealth("hdl64");
        assertEquals(List.of(), sizes(FrameFolderSource.sweeps(folder, LIDAR, 0, PERIOD_NANOS, 150_000, 2, hdl64,
                KittiBinReader.LaserRunCheck.HDL64)));
        assertEquals(3, hdl64.rejected(RejectReason.MALFORMED));
        assertTrue(hdl64.messages().stream().allMatch(m -> m.contains(" of 64 laser runs")), hdl64.messages()
                .toString());
    }

    /**
     * The KITTI tracking sweeps of ../shared/data/kitti/tracking/0000 written as .bin: each shows 65 runs (its last
     * point starts a run of its own), so 65 is what the folder learns; a sweep without that last point (64 runs) is
     * still whole, one cut to 800,000 bytes is not.
     */
    @Test
    void trackingSweepsAsBinAreNotFlaggedButOneCutShortIs() throws Exception {
        Path pcds = CollectingSink.sharedData("kitti/tracking/0000/pcd");
        List<Path> bins = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] pcd = Files.readAllBytes(pcds.resolve(String.format("%010d.pcd", i)));
            String header = new String(pcd, 0, 400, StandardCharsets.ISO_8859_1);
            int body = header.indexOf("DATA binary\n") + "DATA binary\n".length();
            int points = Integer.parseInt(header.replaceAll("(?s).*\nPOINTS (\\d+)\n.*", "$1"));
            Path bin = folder.resolve(String.format("%010d.bin", i));
            Files.write(bin, Arrays.copyOfRange(pcd, body, body + points * 16));
            bins.add(bin);
        }
        KittiBinReader runs = new KittiBinReader(KittiBinReader.Options.DEFAULT);
        assertEquals(65, runs.countLaserRuns(bins.get(0)));
        cut(bins.get(1), (int) Files.size(bins.get(1)) - 16);
        assertEquals(64, runs.countLaserRuns(bins.get(1)), "without its last point");
        cut(bins.get(4), 800_000);
        RecordedHealth health = new RecordedHealth(folder.toString());
        List<Integer> sizes = sizes(FrameFolderSource.sweeps(folder, LIDAR, 0, PERIOD_NANOS, 150_000, 2, health));
        assertEquals(5, sizes.size(), sizes.toString());
        assertEquals(1, health.rejected(), health.messages().toString());
        assertTrue(health.lastError().startsWith("MALFORMED: " + bins.get(4) + " @800000: the sweep is cut short: ")
                && health.lastError().contains(" of 65 laser runs"), health.lastError());
    }

    /** Opens the folder's sweeps, replays them, and gives the sizes read; {@code health} counts what was skipped. */
    private List<Integer> replaySweeps(Path sweeps, RecordedHealth health) throws Exception {
        return sizes(FrameFolderSource.sweeps(sweeps, LIDAR, 0, PERIOD_NANOS, 200_000, 2, health));
    }

    @Test
    void aPcdSweepWithUnderAQuarterOfTheFoldersMedianPointsIsCountedAsPartial() throws Exception {
        for (int i = 0; i < 5; i++) {
            pcd(String.format("%06d.pcd", i), 400);
        }
        pcd("000005.pcd", 99);
        RecordedHealth health = new RecordedHealth(folder.toString());
        assertEquals(List.of(400, 400, 400, 400, 400), replaySweeps(folder, health));
        assertEquals(List.of("MALFORMED: " + folder.resolve("000005.pcd") + ": 99 points where this folder's sweeps "
                + "have about 400: a partial sweep, skipped"), health.messages());
    }

    @Test
    void pcdSweepsWithinAFactorOfFourOfTheMedianAreNotFlagged() throws Exception {
        int[] points = {100, 400, 400, 400, 1600};
        for (int i = 0; i < points.length; i++) {
            pcd(String.format("%06d.pcd", i), points[i]);
        }
        RecordedHealth health = new RecordedHealth(folder.toString());
        assertEquals(List.of(100, 400, 400, 400, 1600), replaySweeps(folder, health));
        assertEquals(0, health.rejected(), health.messages().toString());
    }

    @Test
    void twoPcdSweepsThatDifferAreNotFlaggedAsWhichIsWholeIsNotKnown() throws Exception {
        pcd("000000.pcd", 400);
        pcd("000001.pcd", 10);
        RecordedHealth health = new RecordedHealth(folder.toString());
        assertEquals(List.of(400, 10), replaySweeps(folder, health));
        assertEquals(0, health.rejected());
    }

    /** All 30 sweeps of ../shared/data/kitti/tracking/0000/pcd (119,000-125,000 points each) replay whole. */
    @Test
    void theRealTrackingPcdSweepsReplayWithoutASkip() throws Exception {
        Path pcds = CollectingSink.sharedData("kitti/tracking/0000/pcd");
        RecordedHealth health = new RecordedHealth(pcds.toString());
        assertEquals(30, replaySweeps(pcds, health).size());
        assertEquals(0, health.rejected(), health.messages().toString());
    }

    /** Sweep 3 of ../shared/data/kitti/tracking/0000/pcd cut to its first 500 points, among 7 whole sweeps. */
    @Test
    void aRealTrackingSweepCutTo500PointsIsCountedAsPartial() throws Exception {
        Path pcds = CollectingSink.sharedData("kitti/tracking/0000/pcd");
        for (int i = 0; i < 8; i++) {
            String name = String.format("%010d.pcd", i);
            Files.copy(pcds.resolve(name), folder.resolve(name));
        }
        Path small = folder.resolve("0000000003.pcd");
        byte[] pcd = Files.readAllBytes(small);
        String header = new String(pcd, 0, 400, StandardCharsets.ISO_8859_1);
        int body = header.indexOf("DATA binary\n") + "DATA binary\n".length();
        byte[] head = header.substring(0, body).replaceAll("WIDTH \\d+", "WIDTH 500")
                .replaceAll("POINTS \\d+", "POINTS 500").getBytes(StandardCharsets.ISO_8859_1);
        byte[] cut = Arrays.copyOf(head, head.length + 500 * 16);
        System.arraycopy(pcd, body, cut, head.length, 500 * 16);
        Files.write(small, cut);
        RecordedHealth health = new RecordedHealth(folder.toString());
        assertEquals(7, replaySweeps(folder, health).size());
        assertEquals(1, health.rejected(RejectReason.MALFORMED));
        assertTrue(health.lastError().matches("MALFORMED: \\Q" + small + "\\E: 500 points where this folder's "
                + "sweeps have about 12\\d,000: a partial sweep, skipped"), health.lastError());
    }

    @Test
    void aFolderNamedLikeASweepIsCountedAsAFolderNotASweep() throws Exception {
        pcd("000000.pcd", 3);
        Files.createDirectories(folder.resolve("000001.pcd"));
        pcd("000002.pcd", 3);
        RecordedHealth health = new RecordedHealth(folder.toString());
        assertEquals(List.of(3, 3), replaySweeps(folder, health));
        assertEquals(List.of("MISSING_FILE: " + folder.resolve("000001.pcd") + ": is a folder, not a .pcd or .bin "
                + "file: skipped"), health.messages());
    }
}
