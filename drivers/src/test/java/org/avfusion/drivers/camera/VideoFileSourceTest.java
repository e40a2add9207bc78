package org.avfusion.drivers.camera;

import static org.avfusion.drivers.camera.CameraTestData.CAMERA;
import static org.avfusion.drivers.camera.CameraTestData.assertEveryBufferBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.avfusion.drivers.camera.CameraTestData.RecordingSink;
import org.avfusion.drivers.camera.CameraTestData.Seen;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VideoFileSourceTest {
    private static final long BASE_NANOS = 5_000_000_000L;
    private static final long FRAME_40MS = 40_000_000L;

    @TempDir
    Path temp;

    private static List<Seen> replay(VideoFileSource source) {
        RecordingSink sink = new RecordingSink();
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, clock -> { }, Long.MAX_VALUE);
        return sink.frames();
    }

    @ParameterizedTest(name = "video/{0}: {1} frames {2}x{3}, 40 ms apart, from the base stamp")
    @CsvSource({
        "highway-1280x720.mp4, 38,  1280, 720",
        "lane-960x540.mp4,     221, 960,  540",
    })
    void decodesEveryFrameOfARealClipWithPtsSpacing(String name, int frames, int width, int height) {
        try (VideoFileSource source = VideoFileSource.open(CameraTestData.video(name), CAMERA, BASE_NANOS, 0, 4)) {
            assertEquals(frames, source.declaredFrames(), name + ": frames the MP4 sample table declares");
            List<Seen> seen = replay(source);
            assertEquals(frames, seen.size(), name + ": frames decoded");
            for (int i = 0; i < seen.size(); i++) {
                Seen frame = seen.get(i);
                assertEquals(i, frame.header().sequence(), name + ": sequence of frame " + i);
                assertEquals(BASE_NANOS + i * FRAME_40MS, frame.header().stampNanos(), name + ": stamp of frame " + i);
                assertEquals(width, frame.width(), name + ": width of frame " + i);
                assertEquals(height, frame.height(), name + ": height of frame " + i);
                assertTrue(frame.byteStdDev() > 20 && frame.meanByte() > 20 && frame.meanByte() < 235,
                        name + ": frame " + i + " has real picture content, mean " + frame.meanByte() + " std "
                                + frame.byteStdDev());
            }
            Set<Long> distinct = new HashSet<>();
            seen.forEach(s -> distinct.add(s.checksum()));
            assertTrue(distinct.size() > frames * 9 / 10, name + ": frames differ from one another, "
                    + distinct.size() + " distinct of " + frames);
            CameraStats stats = source.stats();
            assertEquals(new CameraStats(frames, 0, 0, 0, 0, ""), stats, name + ": clean health");
            assertEveryBufferBack(source.pool());
        }
    }

    @Test
    void pixelsAreBgrInRowOrder() {
        // the highway clip shows sky at the top and asphalt at the bottom: the top rows are bluer than they are red
        try (VideoFileSource source = VideoFileSource.open(CameraTestData.video("highway-1280x720.mp4"), CAMERA, 0,
                0, 2)) {
            double[] topBgr = new double[3];
            source.emitNext((FrameHeader header, Payload payload) -> {
                CameraImage image = (CameraImage) payload;
                var pixels = image.pixels();
                int rows = image.height() / 10;
                int rowBytes = image.width() * 3;
                for (int i = 0; i < rows * rowBytes; i++) {
                    topBgr[i % 3] += pixels.get(i) & 0xff;
                }
                image.release();
                return true;
            });
            assertTrue(topBgr[0] > topBgr[2], "top tenth of highway frame 0: blue sum " + topBgr[0]
                    + " exceeds red sum " + topBgr[2]);
            assertEveryBufferBack(source.pool());
        }
    }

    @Test
    void addsTheTransportLatencyToArrivalOnly() {
        try (VideoFileSource source = VideoFileSource.open(CameraTestData.video("highway-1280x720.mp4"), CAMERA,
                BASE_NANOS, 30_000_000L, 2)) {
            assertEquals(BASE_NANOS + 30_000_000L, source.nextArrivalNanos());
            RecordingSink sink = new RecordingSink();
            source.emitNext(sink);
            assertEquals(BASE_NANOS, sink.frames().get(0).header().stampNanos());
            assertEquals(BASE_NANOS + FRAME_40MS + 30_000_000L, source.nextArrivalNanos());
        }
    }

    @ParameterizedTest(name = "lane-960x540.mp4 cut after {0} bytes: frames before the cut, then a clear error")
    @ValueSource(ints = {300_000, 1_000_000, 2_000_000})
    void truncatedFileDeliversTheGoodFramesThenReportsTheBreak(int bytes) throws IOException {
        Path cut = temp.resolve("lane-cut-" + bytes + ".mp4");
        try (InputStream in = Files.newInputStream(CameraTestData.video("lane-960x540.mp4"));
                OutputStream out = Files.newOutputStream(cut)) {
            out.write(in.readNBytes(bytes));
        }
        try (VideoFileSource source = VideoFileSource.open(cut, CAMERA, 0, 0, 2)) {
            List<Seen> seen = replay(source);
            assertTrue(seen.size() > 0 && seen.size() < 221, cut + ": some but not all frames delivered, got "
                    + seen.size());
            for (int i = 0; i < seen.size(); i++) {
                assertEquals(i * FRAME_40MS, seen.get(i).header().stampNanos(), "stamp of good frame " + i);
            }
            CameraStats stats = source.stats();
            assertEquals(1, stats.decodeErrors(), "one error for the break: " + stats);
            assertEquals(seen.size(), stats.frames());
            String error = stats.lastError();
            assertTrue(error.contains(cut.toString()), "error names the file: " + error);
            assertTrue(error.contains("frame " + seen.size() + ":"), "error names the first missing frame "
                    + seen.size() + ": " + error);
            assertTrue(error.contains("truncated"), "error says what is wrong: " + error);
            assertEveryBufferBack(source.pool());
        }
    }

    @Test
    void missingFileIsAClearErrorNamingIt() {
        Path missing = temp.resolve("no-such-clip.mp4");
        CameraInputException e = assertThrows(CameraInputException.class,
                () -> VideoFileSource.open(missing, CAMERA, 0, 0, 2));
        assertEquals(missing.toString(), e.input());
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such file"),
                e.getMessage());
    }

    @ParameterizedTest(name = "text in {0} is not a video")
    @ValueSource(strings = {"notes.mp4", "notes.txt"})
    void nonVideoFileIsAClearErrorNamingIt(String name) throws IOException {
        Path text = temp.resolve(name);
        Files.writeString(text, "these are not the frames you are looking for\n".repeat(200), StandardCharsets.UTF_8);
        CameraInputException e = assertThrows(CameraInputException.class,
                () -> VideoFileSource.open(text, CAMERA, 0, 0, 2));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not a video"),
                e.getMessage());
    }

    @Test
    void folderIsNotAVideo() {
        CameraInputException e = assertThrows(CameraInputException.class,
                () -> VideoFileSource.open(temp, CAMERA, 0, 0, 2));
        assertTrue(e.getMessage().contains(temp.toString()), e.getMessage());
    }

    @Test
    void framesAreDroppedAndCountedWhileEveryBufferIsHeldDownstream() {
        List<CameraImage> held = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(CameraTestData.video("highway-1280x720.mp4"), CAMERA, 0,
                0, 3)) {
            for (int i = 0; i < 5; i++) {
                source.emitNext((FrameHeader header, Payload payload) -> {
                    held.add((CameraImage) payload);
                    sequences.add(header.sequence());
                    return true;
                });
            }
            assertEquals(List.of(0L, 1L, 2L), sequences, "three buffers, three frames published");
            assertEquals(2, source.stats().poolExhausted(), "frames 3 and 4 dropped");
            held.forEach(CameraImage::release);
            source.emitNext((FrameHeader header, Payload payload) -> {
                sequences.add(header.sequence());
                ((CameraImage) payload).release();
                return true;
            });
            assertEquals(5L, sequences.get(3), "the gap in sequence numbers shows the two lost frames");
            assertEveryBufferBack(source.pool());
        }
    }

    @Test
    void emittingPastTheEndIsAnError() {
        try (VideoFileSource source = VideoFileSource.open(CameraTestData.video("highway-1280x720.mp4"), CAMERA, 0,
                0, 2)) {
            replay(source);
            assertEquals(RecordedSource.END, source.nextArrivalNanos());
            assertThrows(IllegalStateException.class, () -> source.emitNext(new RecordingSink()));
        }
    }
}
