package org.avfusion.scenarios.sim;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.gnss.nmea.NmeaDecoder;
import org.avfusion.drivers.gnss.nmea.NmeaWriter;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.drivers.map.MapConfig;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.drivers.map.Route;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.scenarios.sim.render.LidarSweepRenderer;
import org.avfusion.scenarios.sim.render.OrientedBoxes;

/**
 * A deterministic closed-loop drive on a real street map ({@link MapScenario}): the ego follows the car route from
 * the scenario's start to its destination, planned on the OSM file with GraphHopper ({@link RoadNetwork}), at the
 * speed the runtime's decisions allow ({@link #egoCommands()}), and switches to every route the runtime publishes
 * ({@link #followRoute}: the vehicle follows its navigation). Trucks parked on the planned route block the street.
 *
 * <p>Three sensors with the ids of {@link SimulatedDrive} and no clock offsets: {@link SimulatedDrive#LIDAR} (the
 * ray-cast spinning lidar of the built-in scenarios: 32 beams, flat ground, the trucks as boxes; buildings are not
 * modelled), {@link SimulatedDrive#GNSS} (NMEA GGA + RMC parsed back, with Gaussian position noise) and
 * {@link SimulatedDrive#IMU}. The world's ENU origin is the planned route's first point. Frames are emitted in
 * arrival order; every random draw comes from the scenario seed, split per sensor. Lockstep as in
 * {@link ClosedLoopEgo}: at full replay speed the drive repeats exactly.
 *
 * <p>Not thread-safe except {@link #followRoute} and {@link #egoCommands()} (the runtime's publish thread) and the
 * ground truth (any thread).
 */
public final class MapDrive implements RecordedSource {
    private static final long LIDAR_PERIOD_NANOS = 100_000_000L;
    private static final long LIDAR_LATENCY_NANOS = 8_000_000L;
    private static final long GNSS_PERIOD_NANOS = 100_000_000L;
    private static final long GNSS_LATENCY_NANOS = 20_000_000L;
    private static final long IMU_PERIOD_NANOS = 10_000_000L;
    private static final long IMU_LATENCY_NANOS = 2_000_000L;
    private static final int AZIMUTHS = 900;
    private static final String TALKER = "GP";
    private static final long START_UTC_MILLIS = java.time.Instant.parse(SimDefaults.START_UTC).toEpochMilli();

    private final MapScenario scenario;
    private final Route planned;
    private final MapWorld world;
    private final LocalTangentPlane plane;
    private final MountPose lidarMount = new MountPose(SimDefaults.LIDAR_MOUNT_X_METERS, 0,
            SimDefaults.LIDAR_MOUNT_Z_METERS, 0, 0, 0);
    private final ScenarioSpec.Ego ego;
    private final LidarSweepRenderer lidar;
    private final BufferPool<PointCloud> clouds;
    private final NmeaDecoder nmea = new NmeaDecoder();
    private final double[] geodetic = new double[3];
    private final SplittableRandom lidarRng;
    private final SplittableRandom gnssRng;
    private final SplittableRandom imuRng;
    private final long durationNanos;
    private long lidarIndex;
    private long gnssIndex;
    private long imuIndex;

    /**
     * Plans the route on {@code network} and builds the world.
     *
     * @param network the scenario's map, loaded by the caller (who closes it)
     * @throws ScenarioException when there is no route from start to destination, or a block lies beyond it
     */
    public MapDrive(MapScenario scenario, RoadNetwork network) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(network, "network");
        try {
            planned = network.route(scenario.from(), scenario.to());
        } catch (RuntimeException e) {
            throw new ScenarioException("map scenario '" + scenario.name() + "': no route from " + scenario.from()
                    + " to " + scenario.to() + " on " + scenario.mapFile() + ": " + e.getMessage(), e);
        }
        GeoPoint origin = planned.path().get(0);
        plane = new LocalTangentPlane(origin.latitudeDeg(), origin.longitudeDeg(), 0);
        ego = new ScenarioSpec.Ego(0.0, SimDefaults.EGO_FRONT_OVERHANG_METERS, SimDefaults.EGO_WIDTH_METERS,
                List.of(new ScenarioSpec.Keyframe(0.0, scenario.cruiseSpeedMetersPerSec())), true, null, null, null);
        world = new MapWorld(scenario, planned.path(), plane, LIDAR_PERIOD_NANOS, ego);
        durationNanos = world.durationNanos();
        lidar = new LidarSweepRenderer(SimDefaults.LIDAR_BEAMS, AZIMUTHS, SimDefaults.LIDAR_LOWEST_BEAM_DEG,
                SimDefaults.LIDAR_HIGHEST_BEAM_DEG, SimDefaults.LIDAR_MAX_RANGE_METERS,
                SimDefaults.LIDAR_RANGE_NOISE_METERS, LIDAR_PERIOD_NANOS, lidarMount, world,
                new OrientedBoxes(Math.max(1, scenario.blocks().size())));
        int points = lidar.maxPoints();
        clouds = new BufferPool<>(SimulatedDrive.LIDAR.name() + ".clouds", () -> new PointCloud(points), 2,
                SimDefaults.POOL_MAX_BUFFERS);
        SplittableRandom root = new SplittableRandom(scenario.seed());
        lidarRng = root.split();
        gnssRng = root.split();
        imuRng = root.split();
    }

    /** The route the ego starts on (GraphHopper's car route from start to destination). */
    public Route plannedRoute() {
        return planned;
    }

    public MapScenario scenario() {
        return scenario;
    }

    /** Where the runtime's decisions go (speed limit and deceleration). */
    public EgoCommands egoCommands() {
        return world.closedLoop();
    }

    /**
     * A route the runtime published (its {@code route} topic), planned at vehicle time {@code planStampNanos}: the
     * ego drives it from that stamp plus its reaction delay on. Call before the decision of the same stamp is
     * commanded, in stamp order.
     */
    public void followRoute(long planStampNanos, List<GeoPoint> route) {
        world.followRoute(planStampNanos, route);
    }

    /** Routes driven so far, the planned one included. */
    public int routesDriven() {
        return world.legCount();
    }

    public GroundTruth groundTruth() {
        return world;
    }

    /** Where the ego is at {@code vehicleNanos} (already simulated), WGS-84. */
    public GeoPoint egoPosition(long vehicleNanos) {
        return world.egoPosition(vehicleNanos);
    }

    /** Where block {@code i} stands (its centre), WGS-84. */
    public GeoPoint blockPosition(int i) {
        return world.blockPosition(i);
    }

    /** Metres to the end of the route being driven at {@code vehicleNanos}. */
    public double remainingOnRouteMeters(long vehicleNanos) {
        return world.remainingOnPathMeters(vehicleNanos);
    }

    public long lockstepTimeouts() {
        return world.closedLoop().lockstepTimeouts();
    }

    public long lateCommands() {
        return world.closedLoop().lateCommands();
    }

    /** Lidar, GNSS, IMU. */
    public List<SensorId> sensors() {
        return List.of(SimulatedDrive.LIDAR, SimulatedDrive.GNSS, SimulatedDrive.IMU);
    }

    public MountPose lidarMount() {
        return lidarMount;
    }

    public double egoFrontOverhangMeters() {
        return ego.frontOverhangMeters();
    }

    public double egoWidthMeters() {
        return ego.widthMeters();
    }

    private long count(long period, long capture) {
        return durationNanos < capture ? 0 : (durationNanos - capture) / period + 1;
    }

    private long lidarArrival() {
        return lidarIndex < count(LIDAR_PERIOD_NANOS, LIDAR_PERIOD_NANOS)
                ? lidarIndex * LIDAR_PERIOD_NANOS + LIDAR_PERIOD_NANOS + LIDAR_LATENCY_NANOS : END;
    }

    private long gnssArrival() {
        return gnssIndex < count(GNSS_PERIOD_NANOS, 0) ? gnssIndex * GNSS_PERIOD_NANOS + GNSS_LATENCY_NANOS : END;
    }

    private long imuArrival() {
        return imuIndex < count(IMU_PERIOD_NANOS, 0) ? imuIndex * IMU_PERIOD_NANOS + IMU_LATENCY_NANOS : END;
    }

    @Override
    public long nextArrivalNanos() {
        return Math.min(lidarArrival(), Math.min(gnssArrival(), imuArrival()));
    }

    @Override
    public void emitNext(FrameSink sink) {
        long l = lidarArrival();
        long g = gnssArrival();
        long i = imuArrival();
        long next = Math.min(l, Math.min(g, i));
        if (next == END) {
            throw new IllegalStateException(describe() + " is exhausted");
        }
        if (l == next) {
            long start = lidarIndex * LIDAR_PERIOD_NANOS;
            world.closedLoop().advanceTo(start + LIDAR_PERIOD_NANOS);
            PointCloud cloud = acquire();
            try {
                lidar.render(start, lidarRng, cloud);
            } catch (RuntimeException e) {
                cloud.release();
                throw e;
            }
            sink.publish(new FrameHeader(SimulatedDrive.LIDAR, start, lidarIndex++), cloud);
        } else if (g == next) {
            long t = gnssIndex * GNSS_PERIOD_NANOS;
            world.closedLoop().advanceTo(t);
            sink.publish(new FrameHeader(SimulatedDrive.GNSS, t, gnssIndex++), gnssFix(t));
        } else {
            long t = imuIndex * IMU_PERIOD_NANOS;
            world.closedLoop().advanceTo(t);
            sink.publish(new FrameHeader(SimulatedDrive.IMU, t, imuIndex++), imuSample(t));
        }
    }

    private GnssFix gnssFix(long vehicleNanos) {
        EgoState e = world.egoAt(vehicleNanos);
        double noise = scenario.gnssNoiseMeters();
        plane.toGeodetic(e.xMeters() + noise * gnssRng.nextGaussian(), e.yMeters() + noise * gnssRng.nextGaussian(), 0,
                geodetic);
        double track = (90 - Math.toDegrees(e.yawRad())) % 360;
        if (track < 0) {
            track += 360;
        }
        GnssFix truth = new GnssFix(START_UTC_MILLIS + vehicleNanos / 1_000_000, geodetic[0], geodetic[1], 0,
                e.speedMetersPerSecond(), track, FixMode.FIX_3D, SimDefaults.GNSS_HDOP,
                SimDefaults.GNSS_SATELLITES_USED);
        GnssFix fix = nmea.accept(NmeaWriter.gga(truth, TALKER));
        if (fix == null) {
            fix = nmea.accept(NmeaWriter.rmc(truth, TALKER));
        }
        if (fix == null) {
            fix = nmea.flush();
        }
        if (fix == null) {
            throw new IllegalStateException("NMEA decoder gave no fix at vehicle time " + vehicleNanos + " ns; "
                    + nmea.stats());
        }
        return fix;
    }

    private ImuSample imuSample(long vehicleNanos) {
        EgoState e = world.egoAt(vehicleNanos);
        double gyro = SimDefaults.IMU_GYRO_NOISE_RAD_PER_SEC;
        double accel = SimDefaults.IMU_ACCEL_NOISE_METERS_PER_SEC2;
        return new ImuSample(gyro * imuRng.nextGaussian(), gyro * imuRng.nextGaussian(),
                e.yawRateRadPerSec() + gyro * imuRng.nextGaussian(),
                e.accelMetersPerSec2() + accel * imuRng.nextGaussian(),
                e.speedMetersPerSecond() * e.yawRateRadPerSec() + accel * imuRng.nextGaussian(),
                SimDefaults.GRAVITY_METERS_PER_SEC2 + accel * imuRng.nextGaussian());
    }

    private PointCloud acquire() {
        PointCloud cloud = clouds.acquire();
        long start = System.nanoTime();
        while (cloud == null) {
            if (System.nanoTime() - start > SimDefaults.POOL_WAIT_LIMIT_NANOS) {
                throw new IllegalStateException("pool " + clouds.name() + " exhausted for "
                        + SimDefaults.POOL_WAIT_LIMIT_NANOS / 1_000_000_000 + " s: release frames after use");
            }
            LockSupport.parkNanos(SimDefaults.POOL_RETRY_PARK_NANOS);
            cloud = clouds.acquire();
        }
        return cloud;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "map drive '%s' on %s (%.0f m route, %.1f s, seed %d)", scenario.name(),
                scenario.mapFile().getFileName(), planned.distanceMeters(), scenario.durationSeconds(),
                scenario.seed());
    }
}
