package org.avfusion.drivers.recorded.kitti;

import static org.avfusion.drivers.camera.CameraTestData.CAMERA;
import static org.avfusion.drivers.camera.CameraTestData.assertEveryBufferBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avfusion.drivers.camera.CameraTestData.RecordingSink;
import org.avfusion.drivers.camera.CameraTestData.Seen;
import org.avfusion.drivers.camera.CameraInputException;
import org.avfusion.drivers.camera.CameraStats;
import org.avfusion.drivers.camera.CameraTestData;
import org.avfusion.drivers.source.ReplayPacer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageSequenceSourceTest {
    private static final long BASE_NANOS = 2_000_000_000L;

    @TempDir
    Path temp;

    /** Seconds within the minute of a KITTI line, exactly, by a route independent of the parser under test. */
    private static BigDecimal secondsOf(String line) {
        String[] time = line.strip().split(" ")[1].split(":");
        return new BigDecimal(time[0]).multiply(BigDecimal.valueOf(3600))
                .add(new BigDecimal(time[1]).multiply(BigDecimal.valueOf(60))).add(new BigDecimal(time[2]));
    }

    @Test
    void kittiImage02YieldsSixFramesWithTheTimestampsSpacing() throws IOException {
        Path folder = CameraTestData.kittiImage02();
        List<String> lines = Files.readAllLines(folder.resolve("timestamps.txt"));
        try (ImageSequenceSource source = ImageSequenceSource.open(folder, CAMERA, BASE_NANOS, 0, 3)) {
            RecordingSink sink = new RecordingSink();
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, c -> { }, Long.MAX_VALUE);
            List<Seen> seen = sink.frames();
            assertEquals(6, seen.size(), "kitti/raw image_02: 6 frames");
            BigDecimal first = secondsOf(lines.get(0));
            for (int i = 0; i < 6; i++) {
                Seen frame = seen.get(i);
                long expected = BASE_NANOS + secondsOf(lines.get(i)).subtract(first).movePointRight(9).longValueExact();
                assertEquals(expected, frame.header().stampNanos(), "stamp of frame " + i + " (" + lines.get(i) + ")");
                assertEquals(i, frame.header().sequence());
                assertEquals(497, frame.width(), "width of frame " + i);
                assertEquals(150, frame.height(), "height of frame " + i);
                assertTrue(frame.byteStdDev() > 20, "frame " + i + " has picture content, std " + frame.byteStdDev());
            }
            long spacing = seen.get(1).header().stampNanos() - seen.get(0).header().stampNanos();
            assertTrue(spacing > 100_000_000L && spacing < 106_000_000L, "about 10 Hz: " + spacing + " ns");
            assertEquals(new CameraStats(6, 0, 0, 0, 0, ""), source.stats());
            assertEveryBufferBack(source.pool());
        }
    }

    private Path folderWith(int images, String timestamps) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("image_00"));
        Path data = Files.createDirectories(folder.resolve("data"));
        for (int i = 0; i < images; i++) {
            try (Mat image = new Mat(30, 40, opencv_core.CV_8UC3, new Scalar(10 * i, 100, 200, 0))) {
                opencv_imgcodecs.imwrite(data.resolve(String.format("%010d.png", i)).toString(), image);
            }
        }
        Files.writeString(folder.resolve("timestamps.txt"), timestamps, StandardCharsets.US_ASCII);
        return folder;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "more timestamps than images  | 2 | 2011-09-26 13:02:25.1\\n2011-09-26 13:02:25.2\\n2011-09-26 13:02:25.3\\n"
                + " | has 3 timestamps but",
        "a line that is not a time    | 2 | 2011-09-26 13:02:25.1\\n13:02:25.2\\n | timestamps.txt:2: '13:02:25.2'",
        "time going backwards         | 2 | 2011-09-26 13:02:25.2\\n2011-09-26 13:02:25.1\\n"
                + " | timestamps.txt:2: '2011-09-26 13:02:25.1' is not later",
        "no images                    | 0 | 2011-09-26 13:02:25.1\\n | no .png or .jpg images in",
    })
    void badFolderFailsAtOpenNamingTheFileAndLine(String what, int images, String timestamps, String expected)
            throws IOException {
        Path folder = folderWith(images, timestamps.replace("\\n", "\n"));
        CameraInputException e = assertThrows(CameraInputException.class,
                () -> ImageSequenceSource.open(folder, CAMERA, 0, 0, 2), what);
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(folder.toString()), e.getMessage());
    }

    @Test
    void missingTimestampsFileFailsAtOpenNamingIt() throws IOException {
        Path folder = folderWith(1, "2011-09-26 13:02:25.1\n");
        Files.delete(folder.resolve("timestamps.txt"));
        CameraInputException e = assertThrows(CameraInputException.class,
                () -> ImageSequenceSource.open(folder, CAMERA, 0, 0, 2));
        assertTrue(e.getMessage().contains(folder.resolve("timestamps.txt").toString()), e.getMessage());
    }

    @Test
    void corruptImageIsSkippedAndCountedWithItsName() throws IOException {
        Path folder = folderWith(3, "2011-09-26 13:02:25.0\n2011-09-26 13:02:25.1\n2011-09-26 13:02:25.2\n");
        Path broken = folder.resolve("data/0000000001.png");
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        try (ImageSequenceSource source = ImageSequenceSource.open(folder, CAMERA, 0, 0, 2)) {
            RecordingSink sink = new RecordingSink();
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, c -> { }, Long.MAX_VALUE);
            assertEquals(List.of(0L, 2L), sink.frames().stream().map(s -> s.header().sequence()).toList());
            assertEquals(200_000_000L, sink.frames().get(1).header().stampNanos());
            CameraStats stats = source.stats();
            assertEquals(1, stats.decodeErrors());
            assertTrue(stats.lastError().contains(broken.toString()) && stats.lastError().contains("frame 1"),
                    stats.lastError());
            assertEveryBufferBack(source.pool());
        }
    }
}
