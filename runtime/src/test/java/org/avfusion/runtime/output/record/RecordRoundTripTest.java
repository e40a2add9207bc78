package org.avfusion.runtime.output.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.avfusion.runtime.config.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record -> replay: a simulated drive recorded with {@code --record} and replayed from the MCAP file decides exactly
 * as the drive did (same kinds, reasons, reference stamps, distances, in order).
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
}
