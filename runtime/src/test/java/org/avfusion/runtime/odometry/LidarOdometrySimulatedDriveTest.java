package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.scenarios.sim.EgoState;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.ScenarioSpec;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.junit.jupiter.api.Test;

/**
 * Lidar odometry on the simulator's drives against its ground truth. Every use of the simulator is in this class
 * (the simulator is a moving module; only its imports change).
 *
 * <p>The simulated lidar spins through each sweep while the ego moves and stamps a sweep at its first point; the
 * odometry's pose holds mid-sweep ({@link OdometryEstimate#poseTimeNanos}), so it is compared with the true lidar pose
 * at the sweep's capture start plus the same offset (the stamp differs from the capture start by the lidar's clock
 * offset and jitter, about 2 ms, the same at every sweep).
 *
 * <p>Two worlds. {@code street-with-buildings.yaml} (next to this class) is a street as odometry meets it: buildings
 * broken by gaps, poles and parked cars on both sides, a 90 degree curve. The built-in {@code clear-road} is a road
 * with one 20 m wall and seven parked cars: nothing but a few box ends fixes the motion along it.
 *
 * <p>The simulator's ground is an exact plane and every sweep has the same beam pattern, so KISS-ICP's point-to-point
 * residual is pulled to where the scan lines on the ground coincide with the last sweep's, i.e. to zero motion.
 * Measured on the street (2026-12-05, KISS-ICP's 1 m voxels, the ego's start speed given): point-to-point 117 m end
 * error over 249 m (47 %: it stays at standstill until the curve); with 0.5 m voxels point-to-point tracks but
 * drifts 12.0 m (4.8 %), nearly all in height from a slow pitch drift. So the checks use
 * {@link IcpResidual#POINT_TO_PLANE_ON_PLANES} (street: 0.54 m, 0.22 %, of which 0.535 m in height) with the
 * degeneracy check at {@link OdometryConfig#DEFAULT_MIN_CONSTRAINT_FRACTION}, and give the ego's true speed at t = 0
 * as a wheel-speed sensor would ({@link LidarOdometry#setVelocity}; afterwards the velocity is the odometry's own).
 * Without that start velocity the first sweep aliases to standstill as well (81 % with 0.5 m voxels, 158 of 249
 * sweeps degraded). On {@code clear-road} every sweep after the first is {@link OdometryQuality#DEGRADED} (weakest
 * direction 0-1.2 % of the weight, the street's 6.0-26 %); its pose is still wrong (the check keeps the
 * prediction along the road, but the yaw, which it does not check, drifts), which is what the quality says.
 */
class LidarOdometrySimulatedDriveTest {
    private static final OdometryConfig CONFIG = OdometryConfig.DEFAULTS
            .withResidual(IcpResidual.POINT_TO_PLANE_ON_PLANES)
            .withMinConstraintFraction(OdometryConfig.DEFAULT_MIN_CONSTRAINT_FRACTION);

    /** One drive: true and estimated lidar poses relative to the first sweep, per sweep. */
    private record Run(List<RigidTransform> truth, List<OdometryEstimate> estimates, List<Double> weakest,
            OdometryStats stats) {
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

        long count(OdometryQuality quality) {
            return estimates.stream().filter(e -> e.quality() == quality).count();
        }

        void print(String scenario) {
            int last = truth.size() - 1;
            RigidTransform end = truth.get(last).inverse().compose(estimates.get(last).odomFromLidar());
            double minWeakest = weakest.stream().filter(w -> !w.isNaN()).mapToDouble(Double::doubleValue).min()
                    .orElse(Double.NaN);
            double maxWeakest = weakest.stream().filter(w -> !w.isNaN()).mapToDouble(Double::doubleValue).max()
                    .orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "%s: %d sweeps, %.1f m travelled, end error %.3f m (%.3f %%; in the end"
                    + " lidar frame x %.3f, y %.3f, z %.3f), max error %.3f m, weakest constraint %.4f-%.4f, %s%n",
                    scenario, estimates.size(), distanceMeters(), errorMeters(last),
                    100 * errorMeters(last) / distanceMeters(), end.txMeters(), end.tyMeters(), end.tzMeters(),
                    maxErrorMeters(), minWeakest, maxWeakest, stats);
        }
    }

    static ScenarioSpec spec(String scenario) {
        if (ScenarioCatalog.builtInNames().contains(scenario)) {
            return ScenarioCatalog.loadBuiltIn(scenario);
        }
        try {
            return ScenarioCatalog.load(Path.of(LidarOdometrySimulatedDriveTest.class.getResource(scenario + ".yaml")
                    .toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run drive(String scenario) {
        LidarOdometry odometry = new LidarOdometry(CONFIG);
        List<RigidTransform> truth = new ArrayList<>();
        List<OdometryEstimate> estimates = new ArrayList<>();
        List<Double> weakest = new ArrayList<>();
        try (SimulatedDrive drive = new SimulatedDrive(spec(scenario))) {
            RigidTransform baseFromLidar = RigidTransform.fromMountPose(drive.lidarMount());
            long periodNanos = drive.spec().sensors().lidar().timing().periodNanos();
            // the lidar faces forward on base_link and the drive starts straight: the start speed is along lidar x
            odometry.setVelocity(drive.groundTruth().egoAt(0).speedMetersPerSecond(), 0, 0, 0, 0, 0);
            RigidTransform[] firstFromWorld = new RigidTransform[1];
            while (drive.nextArrivalNanos() != SimulatedDrive.END) {
                drive.emitNext((header, payload) -> {
                    if (payload instanceof PointCloud cloud) {
                        OdometryEstimate e = odometry.process(cloud, header.stampNanos());
                        estimates.add(e);
                        weakest.add(odometry.lastWeakestConstraintFraction());
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
        return new Run(truth, estimates, weakest, odometry.stats());
    }

    @Test
    void driftsLessThanOnePercentOfDistanceTravelledOnAStreet() {
        Run run = drive("street-with-buildings");
        run.print("street-with-buildings");
        double distance = run.distanceMeters();
        assertTrue(distance > 200, "the drive should go somewhere, drove " + distance + " m");
        assertEquals(0, run.stats().predictedSweeps(), "every sweep after the first registers");
        assertEquals(run.estimates().size() - 1, run.count(OdometryQuality.TRACKING),
                "the street constrains every direction in every sweep");
        assertTrue(run.maxErrorMeters() < 0.01 * distance, "max error " + run.maxErrorMeters() + " m over "
                + distance + " m");
    }

    @Test
    void reportsDegradedQualityWhereNothingFixesTheMotionAlongTheRoad() {
        Run run = drive("clear-road");
        run.print("clear-road");
        long degraded = run.count(OdometryQuality.DEGRADED);
        assertTrue(degraded >= 0.9 * (run.estimates().size() - 1), degraded + " of " + run.estimates().size()
                + " sweeps degraded: a road between a wall and a few cars does not constrain the motion along it");
        assertEquals(degraded, run.stats().degradedSweeps());
    }
}
