package org.avfusion.scenarios.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.avfusion.calibration.camera.PinholeIntrinsics;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.calibration.time.ClockOffset;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.gnss.nmea.NmeaDecoder;
import org.avfusion.drivers.gnss.nmea.NmeaWriter;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.scenarios.sim.render.CameraRenderer;
import org.avfusion.scenarios.sim.render.LidarSweepRenderer;
import org.avfusion.scenarios.sim.render.OrientedBoxes;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * A deterministic simulated drive: a {@link RecordedSource} whose frames come from a seeded simulation of a
 * {@link ScenarioSpec}. The same scenario and seed give bit-identical frames.
 *
 * <p>Four sensors, each with a true clock offset (sensor stamp = vehicle time + offset), Gaussian stamp jitter and
 * a transport latency (arrival = end of capture + latency): {@link #LIDAR} (ray-cast spinning lidar; capture
 * ends with the sweep; stamp = first point), {@link #CAMERA} (OpenCV-painted pinhole view of the world at the exposure
 * start, which is its stamp; capture ends with the exposure), {@link #GNSS} (fixes written as NMEA GGA + RMC and parsed back by
 * {@link NmeaDecoder}) and {@link #IMU}. Frame {@code k} of a sensor is captured at vehicle time
 * {@code k * period}; a sensor emits every frame whose capture ends within {@code [0, duration]}. Frames are
 * emitted in arrival order across sensors (ties in the order lidar, camera, GNSS, IMU), with per-sensor
 * sequences from 0. Every random draw comes from one {@link SplittableRandom} seeded with the scenario seed,
 * split once per sensor so each sensor's draws do not depend on the interleaving.
 *
 * <p>Ownership: clouds and images come from pools the drive owns ({@code lidar_top.clouds},
 * {@code camera_front.images}); each published one belongs to the sink. When a pool is exhausted the drive waits
 * (parking {@value SimDefaults#POOL_RETRY_PARK_NANOS} ns between tries) for up to 5 s, then throws
 * {@link IllegalStateException} naming the pool. Not thread-safe: one replay thread drives it;
 * {@link #groundTruth()} may be read from any thread.
 *
 * <p><b>Camera frames without pixels.</b> A drive made with {@code cameraPixels} false (a replay with no consumer of
 * pixels: no detection model, no depth model, no recording) publishes each camera frame with its size, stamp and
 * sequence only ({@link CameraImage#sizeWithoutPixels}), as a recorded source does whose images are not decoded. It
 * makes no {@link CameraRenderer}, so OpenCV's natives are not loaded, and every other sensor's frames are the same
 * bits as with pixels: the camera's render draws no random numbers and changes no state of the world.
 */
public final class SimulatedDrive implements RecordedSource {
    public static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);
    public static final SensorId CAMERA = new SensorId("camera_front", SensorKind.CAMERA);
    public static final SensorId GNSS = new SensorId("gnss", SensorKind.GNSS);
    public static final SensorId IMU = new SensorId("imu", SensorKind.IMU);

    private static final double EGO_REAR_OVERHANG_METERS = 1.0;
    private static final String TALKER = "GP";

    private final ScenarioSpec spec;
    private final ScenarioWorld world;
    private final PinholeIntrinsics intrinsics;
    private final MountPose lidarMount;
    private final MountPose cameraMount;
    private final Map<SensorId, ClockOffset> offsets;
    private final Schedule[] schedules;
    private final BufferPool<PointCloud> clouds;
    private final BufferPool<CameraImage> images;
    private final LidarSweepRenderer lidar;
    /** Null when camera frames carry their size only ({@code cameraPixels} false). */
    private final CameraRenderer camera;
    private final OrientedBoxes cameraBoxes;
    private final LocalTangentPlane tangentPlane;
    private final NmeaDecoder nmea = new NmeaDecoder();
    private final double[] pose = new double[3];
    private final double[] geodetic = new double[3];
    private final long startUtcMillis;
    private final SimulatedDetector detector;

    /**
     * Builds the world and sensors of a scenario, with camera frames rendered.
     *
     * @throws ScenarioException when the scenario cannot be simulated (e.g. an obstacle overlaps the ego at the
     *                           start, or the drive is shorter than one lidar sweep)
     */
    public SimulatedDrive(ScenarioSpec spec) {
        this(spec, true);
    }

    /**
     * Builds the world and sensors of a scenario.
     *
     * @param cameraPixels false: camera frames carry their size only, rendered by no one (see the class comment)
     * @throws ScenarioException when the scenario cannot be simulated (e.g. an obstacle overlaps the ego at the
     *                           start, or the drive is shorter than one lidar sweep)
     */
    public SimulatedDrive(ScenarioSpec spec, boolean cameraPixels) {
        this.spec = Objects.requireNonNull(spec, "spec");
        try {
            world = new ScenarioWorld(spec);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("scenario '" + spec.name() + "': " + e.getMessage(), e);
        }
        ScenarioSpec.Sensors s = spec.sensors();
        lidarMount = s.lidar().mount().toPose();
        cameraMount = s.camera().mount().toPose();
        intrinsics = PinholeIntrinsics.fromHorizontalFov(s.camera().horizontalFovDeg(), s.camera().widthPixels(),
                s.camera().heightPixels());
        long durationNanos = world.durationNanos();
        long sweepNanos = s.lidar().timing().periodNanos();
        if (durationNanos < sweepNanos) {
            throw new ScenarioException("scenario '" + spec.name() + "': durationSeconds " + spec.durationSeconds()
                    + " is shorter than one lidar sweep (" + sweepNanos / 1e9 + " s); write a longer duration");
        }
        checkNothingOverlapsEgo();

        SplittableRandom root = new SplittableRandom(spec.seed());
        schedules = new Schedule[] {
            new Schedule(LIDAR, s.lidar().timing(), sweepNanos, durationNanos, root.split()),
            new Schedule(CAMERA, s.camera().timing(), Math.round(s.camera().exposureMillis() * 1e6), durationNanos,
                    root.split()),
            new Schedule(GNSS, s.gnss().timing(), 0, durationNanos, root.split()),
            new Schedule(IMU, s.imu().timing(), 0, durationNanos, root.split())};
        Map<SensorId, ClockOffset> o = new LinkedHashMap<>();
        for (Schedule schedule : schedules) {
            o.put(schedule.sensor, ClockOffset.ofMillis(schedule.timing.clockOffsetMillis()));
        }
        offsets = Map.copyOf(o);

        ScenarioSpec.Lidar l = s.lidar();
        int boxes = Math.max(1, world.actorCount());
        lidar = new LidarSweepRenderer(l.beams(), l.azimuths(), l.lowestBeamDeg(), l.highestBeamDeg(),
                l.maxRangeMeters(), l.rangeNoiseMeters(), sweepNanos, lidarMount, world, new OrientedBoxes(boxes));
        int points = lidar.maxPoints();
        clouds = new BufferPool<>(LIDAR.name() + ".clouds", () -> new PointCloud(points), 2,
                SimDefaults.POOL_MAX_BUFFERS);
        int w = intrinsics.widthPixels();
        int h = intrinsics.heightPixels();
        images = new BufferPool<>(CAMERA.name() + ".images", () -> new CameraImage(w, h), 2,
                SimDefaults.POOL_MAX_BUFFERS);
        cameraBoxes = new OrientedBoxes(boxes);
        camera = cameraPixels ? new CameraRenderer(intrinsics, cameraMount, world.road(), cameraBoxes) : null;
        tangentPlane = new LocalTangentPlane(spec.origin().latitudeDeg(), spec.origin().longitudeDeg(),
                spec.origin().altitudeMeters());
        startUtcMillis = spec.startUtc().toEpochMilli();
        detector = s.camera().detector().simulated()
                ? new SimulatedDetector(spec, world, intrinsics, cameraMount) : null;
    }

    private void checkNothingOverlapsEgo() {
        EgoState ego = world.egoAt(0);
        double egoHalfLength = (spec.ego().frontOverhangMeters() + EGO_REAR_OVERHANG_METERS) / 2;
        double egoCentreOffset = (spec.ego().frontOverhangMeters() - EGO_REAR_OVERHANG_METERS) / 2;
        double ex = ego.xMeters() + Math.cos(ego.yawRad()) * egoCentreOffset;
        double ey = ego.yMeters() + Math.sin(ego.yawRad()) * egoCentreOffset;
        List<ActorState> actors = world.actorsAt(0);
        for (int i = 0; i < actors.size(); i++) {
            ActorState a = actors.get(i);
            if (rectanglesOverlap(ex, ey, ego.yawRad(), egoHalfLength, spec.ego().widthMeters() / 2,
                    a.centreXMeters(), a.centreYMeters(), a.yawRad(), a.lengthMeters() / 2, a.widthMeters() / 2)) {
                throw new ScenarioException("scenario '" + spec.name() + "': actors[" + i + "] (id '" + a.id()
                        + "') overlaps the ego at t = 0 (ego at x=" + fmt(ego.xMeters()) + ", y=" + fmt(ego.yMeters())
                        + "; actor at x=" + fmt(a.centreXMeters()) + ", y=" + fmt(a.centreYMeters())
                        + "); move the actor or ego.startSMeters");
            }
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /** Separating-axis test of two oriented rectangles given by centre, yaw and half extents. */
    static boolean rectanglesOverlap(double ax, double ay, double ayaw, double ahl, double ahw, double bx, double by,
            double byaw, double bhl, double bhw) {
        double[] axes = {ayaw, ayaw + Math.PI / 2, byaw, byaw + Math.PI / 2};
        for (double axis : axes) {
            double c = Math.cos(axis);
            double s = Math.sin(axis);
            double centre = Math.abs((bx - ax) * c + (by - ay) * s);
            double ra = ahl * Math.abs(Math.cos(ayaw - axis)) + ahw * Math.abs(Math.sin(ayaw - axis));
            double rb = bhl * Math.abs(Math.cos(byaw - axis)) + bhw * Math.abs(Math.sin(byaw - axis));
            if (centre > ra + rb) {
                return false;
            }
        }
        return true;
    }

    public ScenarioSpec spec() {
        return spec;
    }

    public GroundTruth groundTruth() {
        return world;
    }

    /** Whether the ego obeys the runtime's decisions ({@code ego.closedLoop}). */
    public boolean closedLoop() {
        return world.closedLoop() != null;
    }

    /** Where the runtime's decisions go: the closed-loop ego, or {@link EgoCommands#IGNORED} for a scripted one. */
    public EgoCommands egoCommands() {
        return world.closedLoop() != null ? world.closedLoop() : EgoCommands.IGNORED;
    }

    /** Lockstep waits that timed out (0 in a drive that repeats exactly); 0 for a scripted ego. */
    public long lockstepTimeouts() {
        return world.closedLoop() != null ? world.closedLoop().lockstepTimeouts() : 0;
    }

    /** Commands that arrived after they should have acted (0 in lockstep); 0 for a scripted ego. */
    public long lateCommands() {
        return world.closedLoop() != null ? world.closedLoop().lateCommands() : 0;
    }

    /** Whether camera frames carry rendered pixels (else their size only). */
    public boolean cameraPixels() {
        return camera != null;
    }

    /** The simulated camera detector of a scenario with {@code camera.detector.type: simulated}, else null. */
    public SimulatedDetector simulatedDetector() {
        return detector;
    }

    /** The simulated rig's true clock offsets (what a perfect calibration would give), per sensor. */
    public Map<SensorId, ClockOffset> trueClockOffsets() {
        return offsets;
    }

    /** The sensors in tie-break order: lidar, camera, GNSS, IMU. */
    public List<SensorId> sensors() {
        List<SensorId> ids = new ArrayList<>(schedules.length);
        for (Schedule schedule : schedules) {
            ids.add(schedule.sensor);
        }
        return List.copyOf(ids);
    }

    public PinholeIntrinsics cameraIntrinsics() {
        return intrinsics;
    }

    public MountPose lidarMount() {
        return lidarMount;
    }

    public MountPose cameraMount() {
        return cameraMount;
    }

    public double egoFrontOverhangMeters() {
        return spec.ego().frontOverhangMeters();
    }

    public double egoWidthMeters() {
        return spec.ego().widthMeters();
    }

    /** Frames this drive emits for a sensor in total. */
    public long frameCount(SensorId sensor) {
        for (Schedule schedule : schedules) {
            if (schedule.sensor.equals(sensor)) {
                return schedule.count;
            }
        }
        throw new IllegalArgumentException("no sensor " + sensor + " in this drive; sensors: " + sensors());
    }

    @Override
    public long nextArrivalNanos() {
        Schedule next = next();
        return next == null ? END : next.arrivalNanos();
    }

    /**
     * Renders now every frame that arrives by {@code horizonNanos}, before its arrival, as a real sensor's frame is
     * complete when it arrives (the replay clock then releases it without the rendering time). Each sensor renders
     * from its own random stream and the open-loop world is a function of time, so a frame rendered ahead is the
     * frame rendered at release. Open loop only: a closed-loop ego's pose at the capture time depends on the
     * decisions that arrive until then, so a closed-loop drive renders at release. A prepared buffer belongs to this
     * drive until {@link #emitNext} publishes it or {@link #close} releases it.
     */
    @Override
    public void prepareUntil(long horizonNanos) {
        if (world.closedLoop() != null) {
            return;
        }
        for (Schedule schedule : schedules) {
            if (schedule.prepared != null || schedule.index >= schedule.count
                    || schedule.arrivalNanos() > horizonNanos) {
                continue;
            }
            // never wait for a buffer here: the frames that would free one may need the frame due first, which is
            // only published after this; without a free buffer the frame renders at release, as before
            PooledPayload buffer = null;
            if (schedule.sensor.kind() == SensorKind.LIDAR || schedule.sensor.kind() == SensorKind.CAMERA) {
                buffer = schedule.sensor.kind() == SensorKind.LIDAR ? clouds.acquire() : images.acquire();
                if (buffer == null) {
                    continue;
                }
            }
            schedule.prepared = render(schedule, buffer);
        }
    }

    @Override
    public void emitNext(FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        Schedule next = next();
        if (next == null) {
            throw new IllegalStateException(describe() + " is exhausted");
        }
        Rendered frame = next.prepared != null ? next.prepared : render(next, null);
        next.prepared = null;
        next.index++;
        sink.publish(frame.header(), frame.payload());
    }

    /** A frame rendered (ahead or at release), not yet published. */
    private record Rendered(FrameHeader header, Payload payload) {
    }

    /** Whether a frame rendered ahead holds a pooled buffer (tests). */
    boolean preparedIsPooled() {
        for (Schedule schedule : schedules) {
            if (schedule.prepared != null && schedule.prepared.payload() instanceof PooledPayload) {
                return true;
            }
        }
        return false;
    }

    /** Free buffers in the lidar and camera pools (tests). */
    int freePooledBuffers() {
        return clouds.freeCount() + images.freeCount();
    }

    /**
     * The frame of {@code next}'s current index, into a pooled buffer (lidar, camera; {@code buffer} when given, else
     * one waited for) or a new value.
     */
    private Rendered render(Schedule next, PooledPayload buffer) {
        long captureNanos = next.captureStartNanos();
        SplittableRandom rng = next.rng;
        long stamp = captureNanos + next.offsetNanos
                + Math.round(next.timing.stampJitterMillis() * 1e6 * rng.nextGaussian());
        if (world.closedLoop() != null) {
            world.closedLoop().advanceTo(captureNanos + next.captureNanos);
        }
        FrameHeader header = new FrameHeader(next.sensor, stamp, next.index);
        Payload payload = switch (next.sensor.kind()) {
            case LIDAR -> {
                PointCloud cloud = buffer != null ? (PointCloud) buffer : acquire(clouds);
                try {
                    lidar.render(captureNanos, rng, cloud);
                } catch (RuntimeException e) {
                    cloud.release();
                    throw e;
                }
                yield cloud;
            }
            case CAMERA -> {
                CameraImage image = buffer != null ? (CameraImage) buffer : acquire(images);
                if (camera == null) {
                    image.sizeWithoutPixels(intrinsics.widthPixels(), intrinsics.heightPixels());
                    yield image;
                }
                try {
                    world.egoPose(captureNanos, pose);
                    world.updateBoxes(captureNanos, cameraBoxes);
                    camera.render(pose[0], pose[1], pose[2], world.egoS(captureNanos), image);
                } catch (RuntimeException e) {
                    image.release();
                    throw e;
                }
                yield image;
            }
            case GNSS -> gnssFix(captureNanos, rng);
            case IMU -> imuSample(captureNanos, rng);
            default -> throw new IllegalStateException("a simulated drive has no " + next.sensor.kind() + " sensor");
        };
        return new Rendered(header, payload);
    }

    private GnssFix gnssFix(long vehicleNanos, SplittableRandom rng) {
        EgoState ego = world.egoAt(vehicleNanos);
        double noise = spec.sensors().gnss().positionNoiseMeters();
        tangentPlane.toGeodetic(ego.xMeters() + noise * rng.nextGaussian(), ego.yMeters() + noise * rng.nextGaussian(),
                0, geodetic);
        double track = (90 - Math.toDegrees(ego.yawRad())) % 360;
        if (track < 0) {
            track += 360;
        }
        ScenarioSpec.Gnss g = spec.sensors().gnss();
        GnssFix truth = new GnssFix(startUtcMillis + vehicleNanos / 1_000_000, geodetic[0], geodetic[1],
                spec.origin().altitudeMeters(), ego.speedMetersPerSecond(), track, FixMode.FIX_3D, g.hdop(),
                g.satellitesUsed());
        GnssFix fix = nmea.accept(NmeaWriter.gga(truth, TALKER));
        if (fix == null) {
            fix = nmea.accept(NmeaWriter.rmc(truth, TALKER));
        }
        if (fix == null) {
            fix = nmea.flush();
        }
        if (fix == null) {
            throw new IllegalStateException("NMEA decoder gave no fix for a GGA + RMC epoch at vehicle time "
                    + vehicleNanos + " ns; decoder stats: " + nmea.stats());
        }
        return fix;
    }

    private ImuSample imuSample(long vehicleNanos, SplittableRandom rng) {
        EgoState ego = world.egoAt(vehicleNanos);
        ScenarioSpec.Imu imu = spec.sensors().imu();
        double gyro = imu.gyroNoiseRadPerSec();
        double accel = imu.accelNoiseMetersPerSec2();
        return new ImuSample(gyro * rng.nextGaussian(), gyro * rng.nextGaussian(),
                ego.yawRateRadPerSec() + gyro * rng.nextGaussian(),
                ego.accelMetersPerSec2() + accel * rng.nextGaussian(),
                ego.speedMetersPerSecond() * ego.yawRateRadPerSec() + accel * rng.nextGaussian(),
                SimDefaults.GRAVITY_METERS_PER_SEC2 + accel * rng.nextGaussian());
    }

    private static <T extends PooledPayload> T acquire(BufferPool<T> pool) {
        T buffer = pool.acquire();
        if (buffer != null) {
            return buffer;
        }
        long start = System.nanoTime();
        while ((buffer = pool.acquire()) == null) {
            if (System.nanoTime() - start > SimDefaults.POOL_WAIT_LIMIT_NANOS) {
                throw new IllegalStateException("pool " + pool.name() + " exhausted for "
                        + SimDefaults.POOL_WAIT_LIMIT_NANOS / 1_000_000_000 + " s: all " + pool.createdCount()
                        + " buffers are still held downstream; release frames after use");
            }
            LockSupport.parkNanos(SimDefaults.POOL_RETRY_PARK_NANOS);
        }
        return buffer;
    }

    private Schedule next() {
        Schedule best = null;
        for (Schedule schedule : schedules) {
            if (schedule.index < schedule.count && (best == null || schedule.arrivalNanos() < best.arrivalNanos())) {
                best = schedule;
            }
        }
        return best;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "simulated drive '%s' (%.1f s, seed %d)", spec.name(),
                spec.durationSeconds(), spec.seed());
    }

    @Override
    public void close() {
        for (Schedule schedule : schedules) {
            if (schedule.prepared != null && schedule.prepared.payload() instanceof PooledPayload pooled) {
                pooled.release(); // rendered ahead, never published
            }
            schedule.prepared = null;
        }
        if (camera != null) {
            camera.close();
        }
    }

    /** One sensor's frame times: frame k is captured over [k * period, k * period + capture]. */
    private static final class Schedule {
        final SensorId sensor;
        final ScenarioSpec.Timing timing;
        final long periodNanos;
        final long captureNanos;
        final long latencyNanos;
        final long offsetNanos;
        final long count;
        final SplittableRandom rng;
        long index;
        /** Frame {@code index} rendered ahead ({@link #prepareUntil}), or null. */
        Rendered prepared;

        Schedule(SensorId sensor, ScenarioSpec.Timing timing, long captureNanos, long durationNanos,
                SplittableRandom rng) {
            this.sensor = sensor;
            this.timing = timing;
            this.periodNanos = timing.periodNanos();
            this.captureNanos = captureNanos;
            this.latencyNanos = Math.round(timing.latencyMillis() * 1e6);
            this.offsetNanos = ClockOffset.ofMillis(timing.clockOffsetMillis()).offsetNanos();
            this.count = durationNanos < captureNanos ? 0 : (durationNanos - captureNanos) / periodNanos + 1;
            this.rng = rng;
        }

        long captureStartNanos() {
            return index * periodNanos;
        }

        long arrivalNanos() {
            return captureStartNanos() + captureNanos + latencyNanos;
        }
    }
}
