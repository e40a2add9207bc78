package org.avfusion.drivers.recorded.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KittiRawFormat} on the first sweeps of the KITTI sequence in ../shared/data with one cut to 800,000 bytes (a
 * multiple of 16, so its size cannot tell) and one emptied: both counted and named, with and without a
 * {@code timestamps.txt}, since KITTI's lidar is an HDL-64E whose whole sweeps show 64 laser runs.
 */
class KittiRawFormatSweepsTest {
    private static Path drive(Path dir, boolean timestamps) throws Exception {
        Path real = CollectingSink.sharedData("kitti/raw/2011_09_26/sfnd_sequence_sync/velodyne_points/data");
        Path data = Files.createDirectories(dir.resolve("seq/velodyne_points/data"));
        for (int i = 0; i < 4; i++) {
            String name = String.format("%010d.bin", i);
            Files.copy(real.resolve(name), data.resolve(name));
        }
        Files.write(data.resolve("0000000001.bin"), Arrays.copyOf(Files.readAllBytes(data.resolve("0000000001.bin")),
                800_000));
        Files.write(data.resolve("0000000002.bin"), new byte[0]);
        if (timestamps) {
            Files.writeString(dir.resolve("seq/velodyne_points/timestamps.txt"), "2011-09-26 13:02:25.95\n"
                    + "2011-09-26 13:02:26.05\n2011-09-26 13:02:26.15\n2011-09-26 13:02:26.25\n");
        }
        return dir.resolve("seq");
    }

    @Test
    void aSweepCutAtAPointBoundaryAndAnEmptyOneAreCountedWithoutTimestamps(@TempDir Path dir) throws Exception {
        assertCutAndEmptyCounted(drive(dir, false));
    }

    @Test
    void aSweepCutAtAPointBoundaryAndAnEmptyOneAreCountedWithTimestamps(@TempDir Path dir) throws Exception {
        assertCutAndEmptyCounted(drive(dir, true));
    }

    private static void assertCutAndEmptyCounted(Path drive) throws Exception {
        Path data = drive.resolve("velodyne_points/data");
        OpenedRecording opened = (OpenedRecording) new KittiRawFormat().open(drive, RecordingRequest.defaults());
        List<Integer> sizes = new java.util.ArrayList<>();
        try (opened) {
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(opened,
                    new CollectingSink((h, p) -> sizes.add(((PointCloud) p).size())), t -> { }, Long.MAX_VALUE);
        }
        assertEquals(List.of(114_278, 113_719), sizes, "the two whole sweeps");
        List<String> messages = opened.skipMessages();
        assertEquals(2, opened.skippedFrames(), messages.toString());
        assertTrue(messages.contains("MALFORMED: " + data.resolve("0000000001.bin") + " @800000: the sweep is cut "
                + "short: 29 of 64 laser runs (50000 points; a sweep is stored laser by laser, so one cut short lacks "
                + "the last lasers)"), messages.toString());
        assertTrue(messages.contains("MALFORMED: " + data.resolve("0000000002.bin") + " @0: the file is empty: 0 "
                + "bytes, not one point of 16 bytes"), messages.toString());
    }
}
