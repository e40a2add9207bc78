package org.avfusion.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.recorded.format.RecordingFormats;
import org.avfusion.drivers.recorded.format.RecordingRequest;
import org.avfusion.drivers.recorded.format.RecordingSource;
import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.pipeline.RecordingProfile;
import org.avfusion.runtime.warmup.WarmUpFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The recording's first sweeps and camera images that a paced replay's warm-up runs ({@link Replay#firstFrames}), on
 * real data.
 */
class WarmUpSweepsTest {
    private static final String KITTI_SEQUENCE = "kitti/raw/2011_09_26/sfnd_sequence_sync";

    @TempDir
    Path temp;

    private static RecordingRequest request(boolean decodePixels) {
        return RecordingProfile.request(RuntimeConfig.defaults(), null, 10, Map.of())
                .withDecodeImagePixels(decodePixels);
    }

    private static List<PointCloud> firstSweeps(ReplayInput input) {
        return Replay.firstFrames(input, request(false), false).sweeps();
    }

    /** KITTI sfnd sequence: three HDL-64E sweeps of about 120,000 points, the first being the replay's first. */
    @Test
    void aKittiDriveGivesItsFirstThreeSweeps() {
        Path drive = Recordings.sharedData(KITTI_SEQUENCE);
        List<PointCloud> sweeps = firstSweeps(ReplayInput.recording(drive));
        assertEquals(Replay.WARM_UP_SWEEPS, sweeps.size());
        for (PointCloud s : sweeps) {
            assertTrue(s.size() > 100_000, "points: " + s.size());
        }
        assertTrue(sweeps.get(0).x(0) != sweeps.get(1).x(0) || sweeps.get(0).size() != sweeps.get(1).size(),
                "three different sweeps");
    }

    /**
     * KITTI sfnd sequence (no timestamps: image and sweep i both stamped i x 100 ms): with pixels decoded, sweep i
     * comes with a copy of image i, pixel for pixel the frame the replay's own source publishes as image i.
     */
    @Test
    void aKittiDriveGivesImageIWithSweepI() throws Exception {
        Path drive = Recordings.sharedData(KITTI_SEQUENCE);
        WarmUpFrames frames = Replay.firstFrames(ReplayInput.recording(drive), request(true), true);
        assertEquals(Replay.WARM_UP_SWEEPS, frames.sweeps().size());
        assertEquals(Replay.WARM_UP_SWEEPS, frames.images().size(), "one image per sweep");
        Map<Long, byte[]> published = new HashMap<>();
        Map<Long, Integer> sweepSizes = new HashMap<>();
        try (RecordingSource source = RecordingFormats.detect(drive).open(drive, request(true))) {
            for (int n = 0; n < 12 && source.nextArrivalNanos() != RecordedSource.END; n++) {
                source.emitNext((header, payload) -> {
                    if (payload instanceof CameraImage image) {
                        published.put(header.sequence(), bytes(image));
                    } else if (payload instanceof PointCloud cloud) {
                        sweepSizes.put(header.sequence(), cloud.size());
                    }
                    ((PooledPayload) payload).release();
                    return true;
                });
            }
        }
        for (int i = 0; i < Replay.WARM_UP_SWEEPS; i++) {
            CameraImage image = frames.images().get(i);
            assertEquals(1242, image.width(), "image " + i);
            assertEquals(375, image.height(), "image " + i);
            assertTrue(java.util.Arrays.equals(published.get((long) i), bytes(image)), "image " + i + " of sweep " + i);
            assertEquals(sweepSizes.get((long) i), frames.sweeps().get(i).size(), "sweep " + i);
        }
        assertFalse(java.util.Arrays.equals(bytes(frames.images().get(0)), bytes(frames.images().get(1))),
                "different images");
    }

    /** No images where the warm-up has no detector to run on them, or the replay decodes no pixels. */
    @ParameterizedTest(name = "images wanted {0}, pixels decoded {1}")
    @CsvSource({"false, true", "true, false", "false, false"})
    void aKittiDriveGivesNoImagesWithoutADetectorOrPixels(boolean withImages, boolean decodePixels) {
        Path drive = Recordings.sharedData(KITTI_SEQUENCE);
        WarmUpFrames frames = Replay.firstFrames(ReplayInput.recording(drive), request(decodePixels), withImages);
        assertEquals(Replay.WARM_UP_SWEEPS, frames.sweeps().size());
        assertEquals(List.of(), frames.images());
    }

    /** The husky bag has no lidar: none, and the bag is not read through (64 frames at most). */
    @Test
    void aRecordingWithoutLidarGivesNone() {
        Path bag = Recordings.sharedData("rosbag/husky-gps-imu-odom.bag");
        assertEquals(List.of(), firstSweeps(ReplayInput.recording(bag)));
        assertEquals(WarmUpFrames.NONE, Replay.firstFrames(ReplayInput.recording(bag), request(true), true));
    }

    /** A folder that is no recording gives none: the replay itself reports what is wrong with it. */
    @Test
    void anUnreadableRecordingGivesNone() {
        assertEquals(List.of(), firstSweeps(ReplayInput.recording(temp)));
        assertEquals(WarmUpFrames.NONE, Replay.firstFrames(ReplayInput.recording(temp), request(true), true));
    }

    private static byte[] bytes(CameraImage image) {
        ByteBuffer b = image.pixels();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
