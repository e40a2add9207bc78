package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** KITTI object scans from ../shared/data/kitti/object/training/velodyne, and bad .bin input. */
class KittiBinReaderTest {

    static Path velodyneDir() {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "object", "training",
                "velodyne");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/kitti/object/training/velodyne not found: "
                + dir.toAbsolutePath());
        return dir;
    }

    @Test
    void readsThePointCountsTheDataReadmeStates() throws Exception {
        Path dir = velodyneDir();
        KittiBinReader reader = new KittiBinReader(KittiBinReader.Options.DEFAULT);
        record Scan(String file, int points) {
        }
        for (Scan scan : new Scan[] {new Scan("000000.bin", 115_384), new Scan("000001.bin", 120_268)}) {
            PointCloud cloud = new PointCloud(130_000);
            KittiBinReader.Result result = reader.read(dir.resolve(scan.file()), cloud);
            assertEquals(scan.points(), cloud.size(), scan.file());
            assertEquals(0, result.nonFinitePointsSkipped(), scan.file());
            assertEquals(64, result.laserRuns(), scan.file() + ": the HDL-64E's 64 lasers in scan order");
        }
        assertEquals(2, reader.stats().filesAccepted());
        assertEquals(115_384 + 120_268, reader.stats().pointsAccepted());
    }

    @Test
    void firstPointOfScan000000IsTheOneInTheFile() throws Exception {
        PointCloud cloud = new PointCloud(130_000);
        new KittiBinReader(new KittiBinReader.Options(KittiBinReader.RingMode.UNKNOWN, KittiBinReader.TimeMode.ZERO,
                NonFinitePolicy.SKIP_POINT)).read(velodyneDir().resolve("000000.bin"), cloud);
        // the file's first 16 bytes: 18.324, 0.049, 0.829, 0.0 (printed to 3 decimals)
        assertEquals(18.324f, cloud.x(0), 5e-4f);
        assertEquals(0.049f, cloud.y(0), 5e-4f);
        assertEquals(0.829f, cloud.z(0), 5e-4f);
        assertEquals(0f, cloud.intensity(0));
        assertEquals(-1, cloud.ring(0));
        assertEquals(0, cloud.timeOffsetNanos(0));
        assertEquals(3.967f, cloud.x(cloud.size() - 1), 5e-4f);
    }

    @Test
    void derivedRingsRunFromTheLowestBeamUpInElevation() throws Exception {
        PointCloud cloud = new PointCloud(130_000);
        new KittiBinReader(KittiBinReader.Options.DEFAULT).read(velodyneDir().resolve("000001.bin"), cloud);
        double[][] elevations = new double[64][];
        int[] counts = new int[64];
        for (int i = 0; i < cloud.size(); i++) {
            counts[cloud.ring(i)]++;
        }
        for (int r = 0; r < 64; r++) {
            elevations[r] = new double[counts[r]];
            counts[r] = 0;
        }
        for (int i = 0; i < cloud.size(); i++) {
            double el = Math.toDegrees(Math.atan2(cloud.z(i), Math.hypot(cloud.x(i), cloud.y(i))));
            elevations[cloud.ring(i)][counts[cloud.ring(i)]++] = el;
        }
        double previous = -90;
        for (int r = 0; r < 64; r++) {
            Arrays.sort(elevations[r]);
            double median = elevations[r][elevations[r].length / 2];
            assertTrue(median > previous, "ring " + r + " median elevation " + median + " above ring " + (r - 1));
            previous = median;
        }
        assertTrue(previous > 1 && previous < 3, "top ring near +2 deg (HDL-64E), was " + previous);
    }

    @Test
    void estimatedTimesSpanOneTenHertzSweepStartingAtTheRear() throws Exception {
        PointCloud cloud = new PointCloud(130_000);
        new KittiBinReader(KittiBinReader.Options.DEFAULT).read(velodyneDir().resolve("000000.bin"), cloud);
        int latest = 0;
        for (int i = 0; i < cloud.size(); i++) {
            assertTrue(cloud.timeOffsetNanos(i) >= 0 && cloud.timeOffsetNanos(i) <= 100_000_000, "point " + i);
            latest = Math.max(latest, cloud.timeOffsetNanos(i));
        }
        // stored laser by laser, each from straight ahead round to it: the sweep is complete at its latest point,
        // near 100 ms, though the last point stored is near 50 ms
        assertEquals(latest, cloud.maxTimeOffsetNanos());
        assertTrue(latest > 99_000_000, "latest point " + latest + " ns");
        assertTrue(cloud.timeOffsetNanos(cloud.size() - 1) < 60_000_000,
                "last stored " + cloud.timeOffsetNanos(cloud.size() - 1));
        // straight ahead is half a sweep in, to the right (-y) three quarters
        assertEquals(50_000_000, KittiScanModel.timeOffsetNanos(10, 0));
        assertEquals(75_000_000, KittiScanModel.timeOffsetNanos(0, -10));
        assertEquals(25_000_000, KittiScanModel.timeOffsetNanos(0, 10));
    }

    @Test
    void rejectsTruncatedScansAndNonFiniteValuesNamingTheOffset() throws Exception {
        byte[] bytes = new byte[16 * 3 + 7];
        KittiBinReader reader = new KittiBinReader(KittiBinReader.Options.DEFAULT);
        PointCloudFormatException e = assertThrows(PointCloudFormatException.class,
                () -> reader.read(bytes, bytes.length, "cut.bin", new PointCloud(4)));
        assertEquals(RejectReason.TRUNCATED, e.reason());
        assertEquals(48, e.byteOffset(), e.getMessage());

        byte[] nan = new byte[32];
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3).putFloat(0)
                .putFloat(4).putFloat(Float.NaN).putFloat(6).putFloat(0);
        KittiBinReader strict = new KittiBinReader(new KittiBinReader.Options(KittiBinReader.RingMode.UNKNOWN,
                KittiBinReader.TimeMode.ZERO, NonFinitePolicy.REJECT_FILE));
        PointCloudFormatException n = assertThrows(PointCloudFormatException.class,
                () -> strict.read(nan, nan.length, "nan.bin", new PointCloud(4)));
        assertEquals(RejectReason.NON_FINITE, n.reason());
        assertEquals(20, n.byteOffset(), n.getMessage());
        assertEquals("y", n.field());

        PointCloud cloud = new PointCloud(4);
        reader.read(nan, nan.length, "nan.bin", cloud);
        assertEquals(1, cloud.size(), "the NaN point is skipped by default");
        assertEquals(1, reader.stats().nonFinitePointsSkipped());
        assertEquals(1, reader.stats().rejected(RejectReason.TRUNCATED));

        PointCloudFormatException full = assertThrows(PointCloudFormatException.class,
                () -> reader.read(new byte[64], 64, "four.bin", new PointCloud(3)));
        assertEquals(RejectReason.CAPACITY, full.reason());
    }
    @Test
    void anEmptyFileIsCutShortNotASweepWithoutPoints() {
        KittiBinReader reader = new KittiBinReader(KittiBinReader.Options.DEFAULT);
        PointCloudFormatException e = assertThrows(PointCloudFormatException.class,
                () -> reader.read(new byte[0], 0, "empty.bin", new PointCloud(4)));
        assertEquals(RejectReason.TRUNCATED, e.reason());
        assertEquals("empty.bin @0: the file is empty: 0 bytes, not one point of 16 bytes", e.getMessage());
        assertEquals(1, reader.stats().rejected(RejectReason.TRUNCATED));
        assertEquals(0, reader.stats().filesAccepted());
    }

    /**
     * Object scan 000000.bin cut to 800,000 bytes, a multiple of 16: its size cannot tell, its laser runs can (the
     * first 50,000 points are the top lasers' runs only). Whole scans show all 64.
     */
    @Test
    void aScanCutAtAPointBoundaryShowsFewerThanSixtyFourLaserRuns() throws Exception {
        Path file = velodyneDir().resolve("000000.bin");
        byte[] cut = Arrays.copyOf(Files.readAllBytes(file), 800_000);
        KittiBinReader hdl64 = new KittiBinReader(KittiBinReader.Options.DEFAULT,
                KittiBinReader.LaserRunCheck.HDL64);
        PointCloud cloud = new PointCloud(130_000);
        PointCloudFormatException e = assertThrows(PointCloudFormatException.class,
                () -> hdl64.read(cut, cut.length, "cut.bin", cloud));
        assertEquals(RejectReason.TRUNCATED, e.reason());
        assertTrue(e.getMessage().startsWith("cut.bin @800000: the sweep is cut short: 27 of 64 laser runs (50000 "
                + "points"), e.getMessage());
        assertEquals(0, cloud.size(), "nothing added");

        assertEquals(115_384, hdl64.read(file, cloud).pointsRead(), "the whole scan passes");
        assertEquals(64, hdl64.countLaserRuns(file));
        assertEquals(1, hdl64.stats().filesAccepted(), "countLaserRuns is not a read");

        PointCloud unchecked = new PointCloud(130_000);
        new KittiBinReader(KittiBinReader.Options.DEFAULT).read(cut, cut.length, "cut.bin", unchecked);
        assertEquals(50_000, unchecked.size(), "without the check the cut scan reads as a smaller one");
    }

    @Test
    void oneRunFewerIsAcceptedWhereMostSweepsShowAStrayRun() throws Exception {
        byte[] whole = Files.readAllBytes(velodyneDir().resolve("000000.bin"));
        KittiBinReader.LaserRunCheck check = KittiBinReader.LaserRunCheck.mostSweepsShow(65);
        assertEquals(new KittiBinReader.LaserRunCheck(65, 64), check);
        new KittiBinReader(KittiBinReader.Options.DEFAULT, check).read(whole, whole.length, "000000.bin",
                new PointCloud(130_000));
        assertThrows(PointCloudFormatException.class, () -> new KittiBinReader(KittiBinReader.Options.DEFAULT,
                KittiBinReader.LaserRunCheck.mostSweepsShow(66)).read(whole, whole.length, "000000.bin",
                        new PointCloud(130_000)));
        assertThrows(IllegalArgumentException.class, () -> new KittiBinReader.LaserRunCheck(64, 65));
    }
}
