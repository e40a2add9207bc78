package org.avfusion.drivers.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * The assembler's cloud pool: a live sensor's clouds are all made up front (nothing allocated once it runs); a
 * recording's are made as the pool runs dry, so a replay whose scans are released quickly holds one.
 */
class ScanAssemblerPoolTest {
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);
    private static final ScanAssemblerConfig CONFIG = new ScanAssemblerConfig(LIDAR, 0.0, 1_000, 8,
            ScanAssemblerConfig.DEFAULT_MAX_SCAN_NANOS);

    /** Three revolutions at 10 Hz, 360 points each; every scan released by the sink as soon as it is published. */
    private static void assembleThreeRevolutions(ScanAssembler a) {
        long t = 0;
        for (int r = 0; r < 3; r++) {
            a.beginPacket(t);
            for (int deg = 0; deg < 360; deg++) {
                float rot = deg + 0.5f;
                a.accept(t, 1, 0, 0, 1, rot, 0, 0, deg % 32, rot);
                t += 100_000_000L / 360;
            }
            a.endPacket();
        }
        a.flush();
    }

    @Test
    void aLiveSensorsCloudsAreAllMadeUpFront() {
        ScanAssembler live = new ScanAssembler(CONFIG, (h, p) -> {
            ((PointCloud) p).release();
            return true;
        }, new LidarStats("live"));
        assertEquals(8, live.pool().createdCount(), "clouds made before the first point");
        assembleThreeRevolutions(live);
        assertEquals(8, live.pool().createdCount(), "clouds made after three scans");
    }

    @Test
    void aRecordingsCloudsAreMadeAsThePoolRunsDry() {
        List<Integer> sizes = new ArrayList<>();
        ScanAssembler replay = new ScanAssembler(CONFIG, (h, p) -> {
            sizes.add(((PointCloud) p).size());
            ((PointCloud) p).release();
            return true;
        }, new LidarStats("replay"), 0);
        assertEquals(0, replay.pool().createdCount(), "clouds made before the first point");
        assembleThreeRevolutions(replay);
        assertEquals(List.of(360, 360, 360), sizes, "scans");
        assertEquals(1, replay.pool().createdCount(), "each scan released before the next: one cloud");
    }

    @Test
    void initialCloudsMustLieWithinThePool() {
        assertThrows(IllegalArgumentException.class,
                () -> new ScanAssembler(CONFIG, (h, p) -> true, new LidarStats("x"), 9));
        assertThrows(IllegalArgumentException.class,
                () -> new ScanAssembler(CONFIG, (h, p) -> true, new LidarStats("x"), -1));
    }
}
