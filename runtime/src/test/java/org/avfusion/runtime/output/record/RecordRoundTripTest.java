package org.avfusion.runtime.output.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.recorded.foxglove.McapRecordingSource;
import org.avfusion.drivers.recorded.mcap.McapChunkIndex;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.avfusion.runtime.pipeline.RecordedProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record -> replay: a simulated drive recorded with {@code --record} and replayed from the MCAP file decides exactly
 * as the drive did (same kinds, reasons, reference stamps, distances, in order); cut short, up to the cut.
 */
class RecordRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void pedestrianCrossingRecordedAndReplayedGivesTheSameDecisionStream() throws Exception {
        Path file = dir.resolve("pedestrian.mcap");
        RecordedDrives.Run live = RecordedDrives.simulate("pedestrian-crossing", Long.MAX_VALUE,
                List.of(McapFileSink.file(file, RecordConfig.defaults().withMinFreeBytes(0))));
        assertEquals(0, live.recorder().dropped(), "recorder dropped " + live.recorder().droppedByTopic());
        assertTrue(live.recorder().stoppedSinks().isEmpty(), live.recorder().stoppedSinks().toString());
        assertTrue(live.decisions().stream().anyMatch(d -> d.kind().equals("STOP")), "the drive stops for the pedestrian");

        // the replay takes its rig (clock offsets, body, lidar mount) from the recording, not from the scenario
        RecordedDrives.Run replayed = RecordedDrives.replay(file, RuntimeConfig.defaults());
        assertEquals(live.config().sensors(), replayed.config().sensors(), "sensors with their clock offsets");
        assertEquals(live.config().vehicle().lidarMount(), replayed.config().vehicle().lidarMount(), "lidar mount");

        assertEquals(live.decisions().size(), replayed.decisions().size(), "decision count");
        for (int i = 0; i < live.decisions().size(); i++) {
            assertEquals(live.decisions().get(i), replayed.decisions().get(i), "decision " + i);
        }
    }

    /**
     * A recording cut short as a crash leaves it (no summary, the file ending inside a chunk): the replay knows
     * every sensor of the drive before the first frame and decides as the drive did up to the cut, which it counts.
     */
    @Test
    void aRecordingCutShortDecidesAsTheDriveDidUpToTheCut() throws Exception {
        Path file = dir.resolve("drive.mcap");
        RecordedDrives.Run live = RecordedDrives.simulate("pedestrian-crossing", 300,
                List.of(McapFileSink.file(file, RecordConfig.defaults().withMinFreeBytes(0))));
        List<McapChunkIndex> chunks;
        try (McapReader reader = McapReader.open(file)) {
            chunks = reader.summary().chunkIndexes();
        }
        McapChunkIndex cutChunk = chunks.get(chunks.size() / 2);
        Path cut = Files.write(dir.resolve("cut.mcap"), Arrays.copyOf(Files.readAllBytes(file),
                (int) (cutChunk.chunkStartOffset() + cutChunk.chunkLength() / 2)));

        RecordedHealth health = new RecordedHealth("cut.mcap");
        RecordedDrives.Run replayed;
        try (McapRecordingSource source = McapRecordingSource.open(cut, McapRecordingSource.Config.defaults(),
                health)) {
            assertEquals(live.config().sensors().stream().map(SensorConfig::id).toList(), source.sensors(),
                    "every sensor of the drive, not only those of the first chunk");
            RuntimeConfig config = RecordedProfile.apply(RuntimeConfig.defaults(),
                    source.metadata(RecordedProfile.NAME));
            replayed = RecordedDrives.run(source, config, Long.MAX_VALUE, null);
        }
        assertEquals(1, health.rejected(RejectReason.TRUNCATED_FILE), health.toString());
        assertEquals(1, health.rejected(), health.toString());
        int n = replayed.decisions().size();
        assertTrue(n >= 4 && n < live.decisions().size(), n + " of " + live.decisions().size() + " decisions");
        // the last set before the cut may lack the frames beyond it: every earlier one is the drive's
        assertEquals(live.decisions().subList(0, n - 1), replayed.decisions().subList(0, n - 1));
    }
}
