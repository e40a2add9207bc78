package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.PcdReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lidar odometry on ../shared/data/kitti/tracking/0000/pcd (frames 0-29 of KITTI raw drive 2011_09_26_0005, an
 * HDL-64E at 10 Hz, 98-124k points a sweep, no per-point times). There is no reference trajectory, so the checks
 * are consistency (the sequence run backwards undoes the forward run) and plausibility (the car drives forward at
 * a town speed, level).
 */
class LidarOdometryKittiTest {
    private static final long PERIOD_NANOS = 100_000_000L;
    private static List<PointCloud> sweeps;

    @BeforeAll
    static void readSweeps() throws Exception {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "tracking", "0000",
                "pcd");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/kitti/tracking/0000/pcd not found: "
                + dir.toAbsolutePath());
        sweeps = new ArrayList<>();
        PcdReader reader = new PcdReader();
        for (int k = 0; k < 30; k++) {
            PointCloud cloud = new PointCloud(130_000);
            reader.read(dir.resolve(String.format(Locale.ROOT, "%010d.pcd", k)), cloud);
            sweeps.add(cloud);
        }
    }

    private static List<OdometryEstimate> run(boolean backwards) {
        LidarOdometry odometry = new LidarOdometry(OdometryConfig.DEFAULTS);
        List<OdometryEstimate> out = new ArrayList<>();
        for (int k = 0; k < sweeps.size(); k++) {
            PointCloud cloud = sweeps.get(backwards ? sweeps.size() - 1 - k : k);
            out.add(odometry.process(cloud, k * PERIOD_NANOS));
        }
        return out;
    }

    @Test
    void forwardAndBackwardRunsAgreeAndTheCarDrivesForward() {
        List<OdometryEstimate> forward = run(false);
        List<OdometryEstimate> backward = run(true);
        double distance = 0;
        for (OdometryEstimate e : forward) {
            distance += e.lastFromCurrent().translationNormMeters();
        }
        RigidTransform lastFromFirst = forward.get(forward.size() - 1).odomFromLidar(); // frame 0 <- frame 29
        RigidTransform firstFromLast = backward.get(backward.size() - 1).odomFromLidar(); // frame 29 <- frame 0
        RigidTransform loop = lastFromFirst.compose(firstFromLast);
        double[] rpy = lastFromFirst.rollPitchYawRad();
        System.out.printf(Locale.ROOT, "KITTI tracking 0000, 30 sweeps: forward end (%.3f, %.3f, %.3f) m, yaw %.4f rad,"
                        + " %.2f m travelled; backward end (%.3f, %.3f, %.3f) m; forward o backward: %.4f m, %.5f rad%n",
                lastFromFirst.txMeters(), lastFromFirst.tyMeters(), lastFromFirst.tzMeters(), rpy[2], distance,
                firstFromLast.txMeters(), firstFromLast.tyMeters(), firstFromLast.tzMeters(),
                loop.translationNormMeters(), loop.rotationAngleRad());
        for (int k = 0; k < forward.size(); k++) {
            OdometryEstimate f = forward.get(k);
            OdometryEstimate b = backward.get(k);
            assertEquals(k == 0 ? OdometryQuality.INITIALIZED : OdometryQuality.TRACKING, f.quality(), "forward " + k);
            assertEquals(k == 0 ? OdometryQuality.INITIALIZED : OdometryQuality.TRACKING, b.quality(), "backward " + k);
            if (k > 0) {
                assertTrue(f.forwardSpeedMetersPerSec() > 0 && f.forwardSpeedMetersPerSec() < 20,
                        "sweep " + k + ": forward speed " + f.forwardSpeedMetersPerSec() + " m/s");
                assertTrue(b.forwardSpeedMetersPerSec() < 0, "backwards run, sweep " + k + ": the car reverses, "
                        + b.forwardSpeedMetersPerSec() + " m/s");
                assertTrue(f.converged(), "sweep " + k + " converged");
            }
        }
        assertTrue(lastFromFirst.txMeters() > 5, "drove forward, x = " + lastFromFirst.txMeters());
        assertTrue(Math.abs(lastFromFirst.tzMeters()) < 0.05 * distance, "level, z = " + lastFromFirst.tzMeters());
        assertTrue(loop.translationNormMeters() < 0.02 * distance, "forward o backward: " + loop); // measured 0.094 m of 9.44
        assertTrue(loop.rotationAngleRad() < 0.005, "forward o backward: " + loop);
    }
}
