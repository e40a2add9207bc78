package org.avfusion.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.pipeline.RecordingProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recording's first sweeps that a paced replay's warm-up runs ({@link Replay#firstSweeps}), on real data. */
class WarmUpSweepsTest {
    @TempDir
    Path temp;

    private static List<PointCloud> firstSweeps(ReplayInput input) {
        return Replay.firstSweeps(input, RecordingProfile.request(RuntimeConfig.defaults(), null, 10, Map.of()));
    }

    /** KITTI sfnd sequence: three HDL-64E sweeps of about 120,000 points, the first being the replay's first. */
    @Test
    void aKittiDriveGivesItsFirstThreeSweeps() {
        Path drive = Recordings.sharedData("kitti/raw/2011_09_26/sfnd_sequence_sync");
        List<PointCloud> sweeps = firstSweeps(ReplayInput.recording(drive));
        assertEquals(Replay.WARM_UP_SWEEPS, sweeps.size());
        for (PointCloud s : sweeps) {
            assertTrue(s.size() > 100_000, "points: " + s.size());
        }
        assertTrue(sweeps.get(0).x(0) != sweeps.get(1).x(0) || sweeps.get(0).size() != sweeps.get(1).size(),
                "three different sweeps");
    }

    /** The husky bag has no lidar: none, and the bag is not read through (64 frames at most). */
    @Test
    void aRecordingWithoutLidarGivesNone() {
        Path bag = Recordings.sharedData("rosbag/husky-gps-imu-odom.bag");
        assertEquals(List.of(), firstSweeps(ReplayInput.recording(bag)));
    }

    /** A folder that is no recording gives none: the replay itself reports what is wrong with it. */
    @Test
    void anUnreadableRecordingGivesNone() {
        assertEquals(List.of(), firstSweeps(ReplayInput.recording(temp)));
    }
}
