package org.avfusion.runtime.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StageWarmupTest {
    private static final RuntimeConfig CONFIG = RuntimeConfig.defaults();

    @Test
    void runsTheSweepsWithoutADetector() {
        WarmupReport r = new StageWarmup(CONFIG, 5, 1).run(null, 0, 0);
        assertEquals(5, r.sweeps());
        assertEquals(0, r.inferences());
        assertTrue(Double.isNaN(r.firstInferenceMillis()));
        assertTrue(r.firstSweepMillis() > 0 && r.lastSweepMillis() > 0, r.consoleLine());
        assertTrue(r.wallNanos() > 0, r.consoleLine());
        assertTrue(r.consoleLine().startsWith("warm-up: 5 sweeps + 0 inferences in "), r.consoleLine());
    }

    /** The synthetic sweep is ground plus the column: segmentation keeps the column and only it. */
    @ParameterizedTest(name = "column at {0} m")
    @CsvSource({"30", "10", "4"})
    void theSyntheticColumnIsTheOnlyObstacle(double columnX) {
        MountPose mount = CONFIG.vehicle().lidarMount().toPose();
        PointCloud cloud = new PointCloud(40_000);
        StageWarmup.fillSweep(cloud, mount.zMeters(), columnX);
        ObstacleScan scan = GroundSegmenter.segmentOnce(CONFIG.perception(), cloud, mount);
        assertTrue(scan.obstacleCount() > 0, "no obstacle found at " + columnX + " m");
        for (int i = 0; i < scan.obstacleCount(); i++) {
            assertTrue(Math.abs(scan.obstacleX(i) - (columnX + mount.xMeters())) < 1.0,
                    "obstacle " + i + " at x " + scan.obstacleX(i));
        }
    }

    @ParameterizedTest(name = "sweeps {0}, inferences {1}")
    @CsvSource({"0, 1", "1001, 1", "1, 0", "1, 101"})
    void refusesCountsOutOfRange(int sweeps, int inferences) {
        assertThrows(IllegalArgumentException.class, () -> new StageWarmup(CONFIG, sweeps, inferences));
    }
}
