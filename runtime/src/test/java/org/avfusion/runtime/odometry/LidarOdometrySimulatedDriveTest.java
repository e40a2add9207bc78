package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.scenarios.sim.EgoState;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lidar odometry on the simulator's drives against its ground truth. Every use of the simulator is in this class
 * (the simulator is moving module; only the imports of {@code drivers.sim} change).
 *
 * <p>The simulated lidar spins through each sweep while the ego moves and stamps a sweep at its first point; the
 * odometry's pose holds mid-sweep ({@link OdometryEstimate#poseTimeNanos}), so it is compared with the true lidar pose
 * at the sweep's capture start plus the same offset (the stamp differs from the capture start by the lidar's clock
 * offset and jitter, about 2 ms, the same at every sweep).
 *
 * <p>Disabled: the simulated world defeats point-to-point scan matching. Its ground is an exact plane, walls and car
 * sides are exact planes parallel to the road, the range noise is 1 cm and every sweep has the same beam pattern, so
 * a sweep matches the previous one best at <em>zero</em> motion (the rings on the ground and walls coincide), not at
 * the true motion, which only the few box ends constrain. Measured (2026-12-04, defaults): clear-road 249 m driven,
 * 219 m end error; pedestrian-crossing 107 m, 102 m; also with the first sweep's true velocity given through
 * {@link LidarOdometry#setVelocity}, ICP pulls the 1 m guess back to 0.04 m. Real sweeps (KITTI, see
 * {@link LidarOdometryKittiTest}) have rough ground and clutter and do not alias. Enable this test when the
 * simulator renders ground roughness or clutter.
 */
@Disabled("simulated world aliases to zero motion for point-to-point ICP: flat ground and walls, same beam pattern"
        + " every sweep; see the class comment for the measured drift")
class LidarOdometrySimulatedDriveTest {

    /** One drive: true and estimated lidar poses relative to the first sweep, per sweep. */
    private record Run(List<RigidTransform> truth, List<OdometryEstimate> estimates, OdometryStats stats) {
        double distanceMeters() {
            double d = 0;
            for (int k = 1; k < truth.size(); k++) {
                d += truth.get(k - 1).inverse().compose(truth.get(k)).translationNormMeters();
            }
            return d;
        }

        double errorMeters(int k) {
            return truth.get(k).inverse().compose(estimates.get(k).odomFromLidar()).translationNormMeters();
        }

        double maxErrorMeters() {
            double max = 0;
            for (int k = 0; k < truth.size(); k++) {
                max = Math.max(max, errorMeters(k));
            }
            return max;
        }
    }

    private static Run drive(String scenario) {
        LidarOdometry odometry = new LidarOdometry(OdometryConfig.DEFAULTS);
        List<RigidTransform> truth = new ArrayList<>();
        List<OdometryEstimate> estimates = new ArrayList<>();
        try (SimulatedDrive drive = new SimulatedDrive(ScenarioCatalog.loadBuiltIn(scenario))) {
            RigidTransform baseFromLidar = RigidTransform.fromMountPose(drive.lidarMount());
            long periodNanos = drive.spec().sensors().lidar().timing().periodNanos();
            RigidTransform[] firstFromWorld = new RigidTransform[1];
            while (drive.nextArrivalNanos() != SimulatedDrive.END) {
                drive.emitNext((header, payload) -> {
                    if (payload instanceof PointCloud cloud) {
                        OdometryEstimate e = odometry.process(cloud, header.stampNanos());
                        estimates.add(e);
                        // the pose holds mid-sweep: capture start plus the pose's time after the stamp
                        EgoState ego = drive.groundTruth().egoAt(header.sequence() * periodNanos
                                + e.poseTimeNanos() - e.stampNanos());
                        RigidTransform worldFromLidar = RigidTransform.fromRollPitchYaw(ego.xMeters(), ego.yMeters(),
                                0, 0, 0, ego.yawRad()).compose(baseFromLidar);
                        if (firstFromWorld[0] == null) {
                            firstFromWorld[0] = worldFromLidar.inverse();
                        }
                        truth.add(firstFromWorld[0].compose(worldFromLidar));
                    }
                    if (payload instanceof PooledPayload pooled) {
                        pooled.release();
                    }
                    return true;
                });
            }
        }
        return new Run(truth, estimates, odometry.stats());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"clear-road", "pedestrian-crossing"})
    void driftsLessThanOnePercentOfDistanceTravelled(String scenario) {
        Run run = drive(scenario);
        double distance = run.distanceMeters();
        int last = run.truth().size() - 1;
        System.out.printf(Locale.ROOT, "%s: %d sweeps, %.1f m travelled, end error %.3f m (%.3f %%), max error %.3f m,"
                + " %s%n", scenario, run.estimates().size(), distance, run.errorMeters(last),
                100 * run.errorMeters(last) / distance, run.maxErrorMeters(), run.stats());
        assertTrue(distance > 50, scenario + " should drive somewhere, drove " + distance + " m");
        assertEquals(0, run.stats().predictedSweeps(), "every sweep after the first tracks");
        assertTrue(run.maxErrorMeters() < 0.01 * distance, "max error " + run.maxErrorMeters() + " m over "
                + distance + " m");
    }
}
