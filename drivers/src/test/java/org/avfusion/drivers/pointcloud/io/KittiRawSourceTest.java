package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A KITTI raw velodyne folder replayed: the real timestamps of drive 2011_09_26_0001 (../shared/data/kitti/raw; its
 * scans are not in the data set) over scans this test writes.
 */
class KittiRawSourceTest {
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);

    private static void writeScan(Path file, int points, int extraBytes) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(points * 16 + extraBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < points; i++) {
            b.putFloat(10 + i).putFloat(i % 3).putFloat(-1.5f).putFloat(0.25f);
        }
        Files.write(file, b.array());
    }

    private static Path realVelodyneDir() {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "raw", "2011_09_26",
                "2011_09_26_drive_0001_sync", "velodyne_points");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("timestamps_start.txt")),
                "../shared/data/kitti/raw/.../velodyne_points not found: " + dir.toAbsolutePath());
        return dir;
    }

    @Test
    void replaysScansStampedAtSweepStartArrivingAtSweepEndAndSkipsABadOne(@TempDir Path dir) throws Exception {
        Path real = realVelodyneDir();
        for (String name : new String[] {"timestamps.txt", "timestamps_start.txt", "timestamps_end.txt"}) {
            List<String> lines = Files.readAllLines(real.resolve(name));
            Files.write(dir.resolve(name), lines.subList(0, 4));
        }
        Files.createDirectory(dir.resolve("data"));
        writeScan(dir.resolve("data/0000000000.bin"), 5, 0);
        writeScan(dir.resolve("data/0000000001.bin"), 7, 3); // truncated
        writeScan(dir.resolve("data/0000000002.bin"), 6, 0);
        // 0000000003.bin missing
        BufferPool<PointCloud> pool = new BufferPool<>("lidar_top.clouds", () -> new PointCloud(16), 2, 2);
        KittiRawSource source = KittiRawSource.open(dir, LIDAR, pool, KittiBinReader.Options.DEFAULT);
        List<FrameHeader> headers = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        long frames = new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 50_000_000L).run(source,
                (header, payload) -> {
                    headers.add(header);
                    sizes.add(((PointCloud) payload).size());
                    ((PointCloud) payload).release();
                    return true;
                }, now -> arrivals.add(now), Long.MAX_VALUE);
        assertEquals(4, frames, "four scans listed, each emitted once");
        assertEquals(2, headers.size());
        assertEquals(List.of(5, 6), sizes);
        assertEquals(List.of(0L, 2L), headers.stream().map(FrameHeader::sequence).toList(), "a gap for scan 1");
        // 2011-09-26 13:02:25.899635528 UTC and 13:02:26.105800175 (timestamps_start.txt lines 1 and 3)
        assertEquals(1_317_042_145_899_635_528L, headers.get(0).stampNanos());
        assertEquals(1_317_042_146_105_800_175L, headers.get(1).stampNanos());
        KittiRawSource.Stats stats = source.stats();
        assertEquals(2, stats.framesPublished());
        assertEquals(1, stats.files().rejected(RejectReason.TRUNCATED));
        assertEquals(1, stats.files().rejected(RejectReason.UNREADABLE));
        assertTrue(stats.files().lastError().contains("0000000003.bin"), stats.files().lastError());
        assertEquals(2, pool.freeCount(), "every cloud back in its pool");
        assertEquals(RejectReason.TRUNCATED, assertThrows(PointCloudFormatException.class, () -> new KittiBinReader(
                KittiBinReader.Options.DEFAULT).read(dir.resolve("data/0000000001.bin"), new PointCloud(16))).reason());
    }

    @Test
    void withoutStartAndEndFilesTheSweepIsCentredOnTheForwardStamp(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("timestamps.txt"), "2011-09-26 13:02:25.951199337\n");
        Files.createDirectory(dir.resolve("data"));
        writeScan(dir.resolve("data/0000000000.bin"), 1, 0);
        KittiRawSource source = KittiRawSource.open(dir, LIDAR,
                new BufferPool<>("c", () -> new PointCloud(4), 1, 1), KittiBinReader.Options.DEFAULT);
        assertEquals(1_317_042_145_951_199_337L + 50_000_000L, source.nextArrivalNanos());
        List<Long> stamps = new ArrayList<>();
        source.emitNext((h, p) -> stamps.add(h.stampNanos()));
        assertEquals(List.of(1_317_042_145_951_199_337L - 50_000_000L), stamps);
        assertEquals(KittiRawSource.END, source.nextArrivalNanos());
    }

    @Test
    void aMalformedTimestampFailsOpenNamingFileAndOffset(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("timestamps.txt"), "2011-09-26 13:02:25.951199337\n2011-09-26 25:61:00.0\n");
        PointCloudFormatException e = assertThrows(PointCloudFormatException.class, () -> KittiRawSource.open(dir,
                LIDAR, new BufferPool<>("c", () -> new PointCloud(4), 1, 1), KittiBinReader.Options.DEFAULT));
        assertEquals(30, e.byteOffset(), e.getMessage());
        assertEquals("timestamp", e.field());
        assertTrue(e.getMessage().contains("timestamps.txt"), e.getMessage());
    }
}
