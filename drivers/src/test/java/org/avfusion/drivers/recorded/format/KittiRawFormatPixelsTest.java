package org.avfusion.drivers.recorded.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KittiRawFormat} opened with {@link RecordingRequest#decodeImagePixels()} false, on the KITTI sfnd sequence
 * (a synced folder without timestamps, replayed through {@code FrameFolderSource}): the same frames as with decoding,
 * camera frames without pixels; damaged PNGs still counted.
 */
class KittiRawFormatPixelsTest {
    private static Path sequence() {
        return CollectingSink.sharedData("kitti/raw/2011_09_26/sfnd_sequence_sync");
    }

    /** Every frame as "sensor stamp #sequence", images with "WxH pixels|size only", clouds with their size. */
    private static List<String> frames(RecordingSource source, List<IllegalStateException> refused) {
        List<String> out = new ArrayList<>();
        CollectingSink sink = new CollectingSink((h, payload) -> {
            String what = "";
            if (payload instanceof CameraImage image) {
                what = " " + image.width() + "x" + image.height() + (image.hasPixels() ? " pixels" : " size only");
                if (!image.hasPixels()) {
                    refused.add(assertThrows(IllegalStateException.class, image::pixels));
                }
            } else if (payload instanceof PointCloud cloud) {
                what = " " + cloud.size() + " points";
            }
            out.add(h.sensor().name() + " " + h.stampNanos() + " #" + h.sequence() + what);
        });
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { }, Long.MAX_VALUE);
        return out;
    }

    @Test
    void sfndSequenceWithoutPixelsHasTheSameFramesAndSizesAsDecoded() throws Exception {
        RecordingRequest decode = RecordingRequest.defaults();
        assertTrue(decode.decodeImagePixels(), "decoding is the default");
        List<IllegalStateException> refused = new ArrayList<>();
        List<String> decoded;
        try (RecordingSource s = new KittiRawFormat().open(sequence(), decode)) {
            decoded = frames(s, refused);
        }
        assertEquals(List.of(), refused);
        List<String> sizeOnly;
        try (RecordingSource s = new KittiRawFormat().open(sequence(), decode.withDecodeImagePixels(false))) {
            sizeOnly = frames(s, refused);
        }
        assertEquals(40, decoded.size());
        assertEquals(20, decoded.stream().filter(f -> f.endsWith(" 1242x375 pixels")).count(), decoded.toString());
        assertEquals(decoded.stream().map(f -> f.replace(" pixels", " size only")).toList(), sizeOnly);
        assertEquals(20, refused.size());
        assertFalse(decode.withDecodeImagePixels(false).withRateHz(5).withTopics(java.util.Map.of())
                .decodeImagePixels(), "withRateHz and withTopics keep the choice");
    }

    /**
     * The folder sources read each frame ahead of its arrival when the pacer asks (prepareUntil): the same frames, point
     * counts and image sizes as read at release (emitNext alone), and every pooled buffer back after close.
     */
    @Test
    void sfndSequenceReadAheadGivesTheFramesReadAtRelease() throws Exception {
        RecordingRequest decode = RecordingRequest.defaults();
        List<String> ahead;
        try (RecordingSource s = new KittiRawFormat().open(sequence(), decode)) {
            ahead = frames(s, new ArrayList<>());
        }
        List<String> atRelease = new ArrayList<>();
        try (RecordingSource s = new KittiRawFormat().open(sequence(), decode)) {
            CollectingSink sink = new CollectingSink((h, payload) -> atRelease.add(h.sensor().name() + " "
                    + h.stampNanos() + " #" + h.sequence() + (payload instanceof CameraImage image ? " " + image.width()
                            + "x" + image.height() + " pixels" : " " + ((PointCloud) payload).size() + " points")));
            while (s.nextArrivalNanos() != RecordingSource.END) {
                s.emitNext(sink);
            }
        }
        assertEquals(atRelease, ahead);
        try (RecordingSource s = new KittiRawFormat().open(sequence(), decode)) {
            s.prepareUntil(Long.MAX_VALUE); // each folder's first frame read ahead, never published
            s.close();
            for (var pool : s.pools()) {
                assertEquals(pool.createdCount(), pool.freeCount(), pool.name());
            }
        }
    }

    @Test
    void aDamagedPngInAFolderWithoutTimestampsIsCountedUnreadable(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("seq/image_02/data"));
        byte[] png = Files.readAllBytes(sequence().resolve("image_02/data/0000000000.png"));
        Files.write(images.resolve("0000000000.png"), png);
        Files.write(images.resolve("0000000001.png"), Arrays.copyOf(png, 16));
        byte[] wrongChunk = png.clone();
        wrongChunk[12] = 'i';
        Files.write(images.resolve("0000000002.png"), wrongChunk);
        Files.write(images.resolve("0000000003.png"), png);
        List<IllegalStateException> refused = new ArrayList<>();
        OpenedRecording opened = (OpenedRecording) new KittiRawFormat().open(dir.resolve("seq"),
                RecordingRequest.defaults().withDecodeImagePixels(false));
        List<String> frames;
        try (opened) {
            frames = frames(opened, refused);
        }
        assertEquals(List.of("image_02 0 #0 1242x375 size only", "image_02 300000000 #3 1242x375 size only"), frames);
        List<String> messages = opened.skipMessages();
        assertEquals(2, opened.skippedFrames(), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains(images.resolve("0000000001.png")
                + ": PNG file ends at byte 16, inside its IHDR chunk (33 bytes)")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains(images.resolve("0000000002.png")
                + ": PNG's first chunk is not a 13-byte IHDR")), messages.toString());
        assertTrue(messages.stream().allMatch(m -> m.contains(RejectReason.UNREADABLE_FILE.name())),
                messages.toString());
    }
}
