package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link FdlibmAtan2} against {@link StrictMath#atan2} (= {@link Math#atan2} on JDK 17) bit for bit, and
 * {@link KittiBinReader}'s rings and time offsets against the same computed with {@code Math.atan2} on every point of
 * the 20 sweeps of ../shared/data/kitti/raw/2011_09_26/sfnd_sequence_sync.
 */
class FdlibmAtan2Test {
    private static void assertSameBits(double y, double x) {
        assertEquals(Double.doubleToRawLongBits(StrictMath.atan2(y, x)),
                Double.doubleToRawLongBits(FdlibmAtan2.atan2(y, x)), () -> "atan2(" + y + ", " + x + ") = "
                        + StrictMath.atan2(y, x) + ", port " + FdlibmAtan2.atan2(y, x));
    }

    @Test
    void specialValuesAndBranchBoundariesGiveStrictMathsBits() {
        double[] values = {0.0, -0.0, 1.0, -1.0, 0.4375, 0.6875, 1.1875, 2.4375, 0x1p-29, 0x1p-30, 0x1p60, 0x1p61,
            0x1p66, 0x1p-1022, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN, Math.PI, 1e-300, 1e300, 0.5, 1.5, Math.nextUp(1.0), Math.nextDown(1.0)};
        for (double y : values) {
            for (double x : values) {
                for (double sy : new double[] {1, -1}) {
                    for (double sx : new double[] {1, -1}) {
                        assertSameBits(sy * y, sx * x);
                        assertSameBits(Math.nextUp(sy * y), Math.nextDown(sx * x));
                    }
                }
            }
        }
    }

    @Test
    void fourMillionRandomDirectionsGiveStrictMathsBits() {
        SplittableRandom random = new SplittableRandom(20261205L);
        for (int i = 0; i < 1_000_000; i++) {
            // uniform doubles, float lidar coordinates, arbitrary bit patterns, directions near each reduction edge
            assertSameBits(random.nextDouble(-100, 100), random.nextDouble(-100, 100));
            assertSameBits((float) random.nextDouble(-120, 120), (float) random.nextDouble(-120, 120));
            assertSameBits(Double.longBitsToDouble(random.nextLong()), Double.longBitsToDouble(random.nextLong()));
            double[] edges = {7.0 / 16, 11.0 / 16, 19.0 / 16, 39.0 / 16};
            double x = random.nextDouble(0.1, 80);
            double t = edges[i & 3] * (1 + random.nextDouble(-1e-6, 1e-6));
            assertSameBits(((i & 4) == 0 ? 1 : -1) * x * t, ((i & 8) == 0 ? 1 : -1) * x);
        }
    }

    @Test
    void readerRingsAndTimesEqualThoseFromMathAtan2OnAllTwentyKittiSweeps() throws Exception {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "raw", "2011_09_26",
                "sfnd_sequence_sync", "velodyne_points", "data");
        Assumptions.assumeTrue(Files.isDirectory(dir), "KITTI sfnd sequence not found: " + dir.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".bin")).sorted().toList();
        }
        assertEquals(20, files.size());
        KittiBinReader reader = new KittiBinReader(KittiBinReader.Options.DEFAULT);
        long points = 0;
        for (Path file : files) {
            PointCloud cloud = new PointCloud(150_000);
            KittiBinReader.Result result = reader.read(file, cloud);
            assertEquals(64, result.laserRuns(), file.toString());
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int n = buf.capacity() / KittiBinReader.POINT_BYTES;
            assertEquals(n, cloud.size(), file + ": every point finite");
            // the reference: KittiScanModel's own atan2 path, point by point
            KittiScanModel.RunCounter counter = new KittiScanModel.RunCounter();
            int[] runs = new int[n];
            for (int i = 0; i < n; i++) {
                runs[i] = counter.next(buf.getFloat(16 * i), buf.getFloat(16 * i + 4));
            }
            assertEquals(63, runs[n - 1], file.toString());
            for (int i = 0; i < n; i++) {
                float x = buf.getFloat(16 * i);
                float y = buf.getFloat(16 * i + 4);
                assertSameBits(y, x);
                int ring = KittiScanModel.ringOfRun(runs[i], 64);
                int time = KittiScanModel.timeOffsetNanos(x, y);
                if (ring != cloud.ring(i) || time != cloud.timeOffsetNanos(i)) {
                    assertEquals(ring + "/" + time, cloud.ring(i) + "/" + cloud.timeOffsetNanos(i),
                            file + " point " + i + ": ring/time offset");
                }
            }
            points += n;
        }
        assertEquals(2_260_931, points, "points compared");
    }
}
