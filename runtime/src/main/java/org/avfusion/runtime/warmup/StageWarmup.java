package org.avfusion.runtime.warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoMeasurement;
import org.avfusion.runtime.ego.EgoMotionFilter;
import org.avfusion.runtime.health.HealthReporter;
import org.avfusion.runtime.inference.CameraDetector;
import org.avfusion.runtime.occupancy.GridUpdater;
import org.avfusion.runtime.occupancy.ObstacleExtractor;
import org.avfusion.runtime.occupancy.ObstacleList;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.odometry.LidarOdometry;
import org.avfusion.runtime.odometry.OdometryConfig;
import org.avfusion.runtime.odometry.OdometryEstimate;
import org.avfusion.runtime.odometry.OdometryQuality;
import org.avfusion.runtime.output.file.DecisionFileWriter;
import org.avfusion.runtime.output.json.PayloadEncoder;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionPolicy;
import org.avfusion.runtime.plan.EgoDegradedMode;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.ring.FrameEvent;
import org.avfusion.runtime.stage.TrackStage;
import org.avfusion.runtime.track.TrackSnapshot;

/**
 * Runs synthetic sweeps through every stage's algorithms, the publish path's encoders and a few inferences through
 * the detector before the first real frame, so that the first real decisions do not pay for class loading,
 * interpretation, JIT compilation and the detector's first-run initialisation (issue #17: the first decisions took
 * 53-215 ms; the track and publish stages' maxima, 28-68 and 16-41 ms, came from their first sets).
 *
 * <p>The sweeps go through <em>fresh</em> instances built from the same config: the ego-motion filter and lidar
 * odometry when configured (align), ground segmentation (perceive, unless the ring's is given), grid update and ego
 * motion and obstacle extraction (fuse), the track stage's clustering, camera association and Kalman tracker ({@link
 * Stages#track()}, a fresh {@link TrackStage} whose {@link TrackStage#update} is the code the ring runs), the decision
 * policy with the tracks, and the publish path's decision, objects, occupancy and health encoders plus the
 * decisions-file writer, into discarded buffers (nothing reaches the output channel or a broker). The JIT compiles
 * code, not instances, so the stages' own state (live grid, tracks, last decision, counters) stays untouched and a
 * replay decides exactly as without warm-up. The detector is the pipeline's own instance, since its session's first
 * inference is what has to be paid; call this before any frame is published (the perceive stage uses the detector
 * afterwards, from its own thread; the ring's publication orders the two). So, given in {@link Stages}, are the
 * instances that hold nothing from one sweep to the next, whose buffers should grow here rather than on the first real
 * sweeps: the perceive stage's ground segmentation, and the cluster stage's obstacle pipeline and the track stage's
 * depth image (which the fresh track stage borrows). The ring's own lidar odometry runs nothing here; it takes the
 * buffers the warm-up's odometry grew on the recorded sweeps.
 *
 * <p>The synthetic sweep is a 32-beam, 1,000-azimuth ring scan of flat ground seen from the configured lidar mount
 * with a pedestrian-sized column that approaches from 30 m to 4 m over the sweeps (so decisions go through GO, SLOW
 * and STOP) and a parked car in the next lane, at 10 m/s ego speed: the tracker sees births, confirmations, matches
 * and footprints. With a camera projector (a detector or a simulated detector configured), each sweep also carries a
 * person and a car detection: the two objects' boxes projected into the image, so that the association runs and the
 * tracker's class-specific (pedestrian, vehicle) paths too.
 *
 * <p>A replay adds the recording's own first frames ({@link WarmUpFrames}): its first sweeps run through the align,
 * perceive, fuse and track algorithms after the synthetic ones and, with a detector, the detector's inferences run
 * on the recording's first camera images and each recorded sweep reaches the track stage with its image's
 * detections, so that the association, the boxes' depth and the tracker see real boxes over real clusters before the
 * first real set. Not thread-safe; one call at a time.
 */
public final class StageWarmup {
    /** Default number of synthetic sweeps: enough for C2 to compile the per-point loops (OSR) on a loaded CPU. */
    public static final int DEFAULT_SWEEPS = 30;
    /** Default number of inferences: the first (initialisation) plus two to measure the warm per-image cost. */
    public static final int DEFAULT_INFERENCES = 3;
    /** Sweeps of a recording run after the synthetic ones when the replay gives some (see {@link #run}). */
    public static final int RECORDED_SWEEPS = 12;
    /** A health report is encoded every this many sweeps (the real one comes every second or so). */
    static final int HEALTH_EVERY_SWEEPS = 5;
    /** The grid (the largest payload, published every few sets) is encoded every this many sweeps. */
    static final int OCCUPANCY_EVERY_SWEEPS = 3;
    private static final int BEAMS = 32;
    private static final int AZIMUTHS = 1000;
    private static final long SWEEP_PERIOD_NANOS = 100_000_000L;
    /** The parked car: rear face x from 35 m to 6 m over the sweeps, centre line y, length, width, height (m). */
    static final double CAR_START_X = 35.0;
    static final double CAR_END_X = 6.0;
    static final double CAR_Y = -4.0;
    static final double CAR_LENGTH = 4.5;
    static final double CAR_WIDTH = 1.8;
    static final double CAR_HEIGHT = 1.5;
    /** The pedestrian column: x from 30 m to 4 m, y from 0.2 to 0.8 m, 1.7 m tall. */
    static final double PEDESTRIAN_START_X = 30.0;
    static final double PEDESTRIAN_END_X = 4.0;

    /**
     * The stages beyond the algorithms StageWarmup builds itself, each a fresh instance the caller made for warm-up
     * only (never one the ring runs); any may be null, and is then not warmed.
     *
     * @param track           a fresh track stage built like the pipeline's (same clustering, fusion, tracker config,
     *                        same camera projector)
     * @param cameraProjector the projector the track stage fuses with (lidar frame to the detecting camera's image),
     *                        or null when camera association is off: then no synthetic detections
     * @param encoder         a fresh payload encoder built like the publish stage's
     * @param health          the pipeline's health sections (read-only, thread-safe snapshots), encoded with
     *                        {@code encoder} into a discarded payload
     * @param sensorNames     the pipeline's sensors in index order (decision payload, decisions file)
     * @param ringOdometry    the ring's own lidar odometry, or null: it registers nothing here (it keeps its state),
     *                        but takes the per-sweep buffers the warm-up's odometry grew on the recorded sweeps
     *                        ({@link LidarOdometry#adoptScratchOf}), so that the first real sweeps do not grow them
     * @param ringSegmenter   the perceive stage's own ground segmentation, or null for a fresh one: it holds nothing
     *                        from one sweep to the next, so the warm-up runs it and its buffers grow once, to the
     *                        recorded sweeps, before the clock
     */
    public record Stages(TrackStage track, PointProjector cameraProjector, PayloadEncoder encoder,
            HealthReporter health, List<String> sensorNames, LidarOdometry ringOdometry,
            GroundSegmenter ringSegmenter) {
        public Stages {
            sensorNames = List.copyOf(sensorNames);
        }

        /** The stages with none of the ring's own instances beyond the track stage's borrowed ones. */
        public Stages(TrackStage track, PointProjector cameraProjector, PayloadEncoder encoder, HealthReporter health,
                List<String> sensorNames) {
            this(track, cameraProjector, encoder, health, sensorNames, null, null);
        }

        /** Nothing beyond the algorithms (the warm-up of issue #17's first version). */
        public static final Stages NONE = new Stages(null, null, null, null, List.of());
    }

    private final RuntimeConfig config;
    private final int sweeps;
    private final int inferences;

    /**
     * @param sweeps     synthetic sweeps, in [1, 1000]
     * @param inferences detector inferences when a detector is given, in [1, 100]
     */
    public StageWarmup(RuntimeConfig config, int sweeps, int inferences) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        if (sweeps < 1 || sweeps > 1000) {
            throw new IllegalArgumentException("warm-up sweeps must be in [1, 1000], was " + sweeps);
        }
        if (inferences < 1 || inferences > 100) {
            throw new IllegalArgumentException("warm-up inferences must be in [1, 100], was " + inferences);
        }
        this.sweeps = sweeps;
        this.inferences = inferences;
    }

    public StageWarmup(RuntimeConfig config) {
        this(config, DEFAULT_SWEEPS, DEFAULT_INFERENCES);
    }

    /** As {@link #run(CameraDetector, int, int, Stages)} with {@link Stages#NONE}. */
    public WarmupReport run(CameraDetector detector, int cameraWidth, int cameraHeight) {
        return run(detector, cameraWidth, cameraHeight, Stages.NONE);
    }

    /**
     * Runs the warm-up.
     *
     * @param detector     the pipeline's detector, or null for none
     * @param cameraWidth  width of the camera images the detector will see, or 0 for the model's input width
     * @param cameraHeight height likewise
     * @param stages       the fresh track stage and publish encoder to warm as well
     */
    public WarmupReport run(CameraDetector detector, int cameraWidth, int cameraHeight, Stages stages) {
        return run(detector, cameraWidth, cameraHeight, stages, List.of());
    }

    /** As {@link #run(CameraDetector, int, int, Stages, WarmUpFrames)} with sweeps and no images. */
    public WarmupReport run(CameraDetector detector, int cameraWidth, int cameraHeight, Stages stages,
            List<PointCloud> recordedSweeps) {
        return run(detector, cameraWidth, cameraHeight, stages, WarmUpFrames.sweepsOnly(recordedSweeps));
    }

    /**
     * Runs the warm-up, then the recording's frames: {@link #RECORDED_SWEEPS} more sweeps taken in turn from
     * {@code recorded.sweeps()} (a recording's first sweeps, read by the replay) through the align, perceive and track
     * algorithms, so that the JIT compiles the per-point loops with the profile of the sensor that will come (an
     * HDL-64E sweep of 120,000 points takes other branches, and far longer loops, than the synthetic 32-beam one).
     *
     * <p>With a detector and {@code recorded.images()}, the detector's inferences run on those images (each distinct
     * image once, then in turn up to the configured number of inferences; the first inference is then on a real
     * image) instead of the synthetic one, and each recorded sweep reaches the track stage with its image's
     * detections, in the image's pixels as the perceive stage hands them down the ring: the camera association,
     * the depth of the boxes and the tracker's class-specific paths then run on real boxes over real clusters
     * (issue #17: the first real set's track stage recompiled them). Without images the recorded sweeps carry no
     * detections.
     *
     * @param recorded real sweeps in recording order with, optionally, their camera images; not modified
     */
    public WarmupReport run(CameraDetector detector, int cameraWidth, int cameraHeight, Stages stages,
            WarmUpFrames recorded) {
        java.util.Objects.requireNonNull(stages, "stages");
        java.util.Objects.requireNonNull(recorded, "recorded");
        List<PointCloud> recordedSweeps = recorded.sweeps();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long cpu0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
        long wall0 = System.nanoTime();

        MountPose mount = config.vehicle().lidarMount().toPose();
        GroundSegmenter segmenter = stages.ringSegmenter() != null ? stages.ringSegmenter()
                : new GroundSegmenter(config.perception());
        ObstacleScan scan = new ObstacleScan(config.perception().azimuthBins(), 131_072);
        GridUpdater updater = new GridUpdater(config.occupancy());
        OccupancyGrid live = new OccupancyGrid(config.occupancy());
        OccupancyGrid snapshot = new OccupancyGrid(config.occupancy());
        ObstacleExtractor extractor = new ObstacleExtractor();
        ObstacleList obstacles = new ObstacleList(config.occupancy().maxObjects());
        boolean gnss = config.sensors().stream().anyMatch(s -> s.kind() == SensorKind.GNSS);
        // ego motion sourced: the policy's full paths (a policy without a source only says EGO_MOTION_UNKNOWN)
        DecisionPolicy policy = new DecisionPolicy(config.decision(), config.traffic(), true,
                new EgoDegradedMode(gnss, config.ego().deadReckonedMaxMillis()));
        EgoMotionFilter egoFilter = config.ego().filterEnabled() ? new EgoMotionFilter(config.ego().filter()) : null;
        LidarOdometry odometry = config.ego().filterEnabled() && config.ego().lidarOdometry()
                ? new LidarOdometry(OdometryConfig.forMaxRange(config.perception().maxRangeMeters())) : null;
        TrackSnapshot tracks = stages.track() == null ? null : new TrackSnapshot(config.tracker().maxTracks());
        DetectionList detections = new DetectionList(64);
        AlignedSet set = new AlignedSet(Math.max(1, stages.sensorNames().size()));
        DecisionFileWriter decisionsFile = stages.encoder() == null ? null
                : new DecisionFileWriter(OutputStream.nullOutputStream(), "(warm-up)", stages.sensorNames());
        int camera = stages.cameraProjector() == null ? 0 : Modality.CAMERA.bit();
        BufferPool<PointCloud> clouds = new BufferPool<>("warmup.clouds", () -> new PointCloud(BEAMS * AZIMUTHS + 4096),
                1, 1);
        double speed = 10.0;
        double[] sweepMs = {Double.NaN, Double.NaN};
        double[] trackMs = {Double.NaN, Double.NaN};
        double[] publishMs = {Double.NaN, Double.NaN};
        long encodedBytes = 0;
        long trackNanos = 0;
        long publishNanos = 0;
        for (int i = 0; i < sweeps; i++) {
            double f = (double) i / Math.max(1, sweeps - 1);
            double pedestrianX = PEDESTRIAN_START_X - (PEDESTRIAN_START_X - PEDESTRIAN_END_X) * f;
            double carX = CAR_START_X - (CAR_START_X - CAR_END_X) * f;
            PointCloud cloud = clouds.acquire(); // cleared by the pool
            fillSweep(cloud, mount.zMeters(), pedestrianX, carX);
            long stamp = (i + 1) * SWEEP_PERIOD_NANOS;
            long t0 = System.nanoTime();
            EgoEstimate ego = null;
            if (egoFilter != null) {
                ego = feedEgo(egoFilter, odometry, cloud, stamp, speed);
            }
            segmenter.segment(cloud, mount, scan);
            if (i > 0) {
                updater.moveWithEgo(live, speed * SWEEP_PERIOD_NANOS / 1e9, 0.0);
            }
            updater.integrate(live, scan);
            live.stampNanos(stamp);
            snapshot.copyFrom(live);
            extractor.extract(live, obstacles);
            long t1 = System.nanoTime();
            detections.clear();
            if (stages.track() != null) {
                if (stages.cameraProjector() != null) {
                    addDetections(stages.cameraProjector(), mount.zMeters(), pedestrianX, carX, detections);
                }
                stages.track().update(stamp, cloud, detections, null, speed, 0.0);
                stages.track().snapshotInto(tracks);
            }
            long t2 = System.nanoTime();
            Decision d = policy.decide(stamp, true, false, speed, 0.0, ego, snapshot, tracks,
                    Modality.LIDAR.bit() | camera);
            long t3 = System.nanoTime();
            if (stages.encoder() != null) {
                set.egoEstimate(ego);
                encodedBytes += stages.encoder().decision(d, set, stamp + 5_000_000L, 5.0, 5.0, null).length;
                encodedBytes += stages.encoder().objects(stamp, obstacles, detections, tracks).length;
                if (i % OCCUPANCY_EVERY_SWEEPS == 0) {
                    encodedBytes += stages.encoder().occupancy(snapshot).length;
                }
                if (stages.health() != null && i % HEALTH_EVERY_SWEEPS == 0) {
                    encodedBytes += stages.health().report(stages.encoder(), stamp).length;
                }
                decisionsFile.onDecision(d, set, 5.0);
            }
            long t4 = System.nanoTime();
            cloud.release();
            record(sweepMs, i, ((t1 - t0) + (t3 - t2)) / 1e6);
            if (stages.track() != null) {
                record(trackMs, i, (t2 - t1) / 1e6);
                trackNanos += t2 - t1;
            }
            if (stages.encoder() != null) {
                record(publishMs, i, (t4 - t3) / 1e6);
                publishNanos += t4 - t3;
            }
        }
        if (decisionsFile != null) {
            decisionsFile.close();
        }
        // the detector before the recorded sweeps: they take the detections of their images
        double firstInference = Double.NaN;
        double warmInference = Double.NaN;
        int ran = 0;
        List<CameraImage> recordedImages = detector == null || !recorded.hasImages() ? List.of()
                : distinct(recorded.images().subList(0, Math.min(recorded.images().size(), RECORDED_SWEEPS)));
        java.util.Map<CameraImage, DetectionList> boxes = new java.util.IdentityHashMap<>();
        if (detector != null) {
            List<CameraImage> images = recordedImages;
            if (images.isEmpty()) {
                int w = cameraWidth > 0 ? cameraWidth : detector.config().inputWidth();
                int h = cameraHeight > 0 ? cameraHeight : detector.config().inputHeight();
                CameraImage image = new CameraImage(w, h);
                fillImage(image.prepare(w, h), w, h);
                images = List.of(image);
            }
            int count = Math.max(inferences, recordedImages.size());
            for (int i = 0; i < count; i++) {
                CameraImage image = images.get(i % images.size());
                // a recorded image's own list, as the ring's slot holds the set's detections; the synthetic one's
                // results are discarded
                DetectionList out = boxes.computeIfAbsent(image, k -> new DetectionList(FrameEvent.MAX_DETECTIONS));
                long t0 = System.nanoTime();
                detector.detect(image, out);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (i == 0) {
                    firstInference = ms;
                } else {
                    warmInference = Double.isNaN(warmInference) ? ms : Math.min(warmInference, ms);
                }
                ran++;
            }
        }

        int recordedSweepCount = 0;
        long recordedDetections = 0;
        // the synthetic part's odometry (its map and scratch, sized to the synthetic sweeps) and sweep buffer are done
        // with: garbage before the recorded part grows a second odometry's (heap peak of a KITTI replay's warm-up)
        odometry = null;
        clouds = null;
        if (!recordedSweeps.isEmpty()) {
            // a fresh odometry and filter: the synthetic sweeps' map would not match the recording's scene
            EgoMotionFilter realFilter = config.ego().filterEnabled() ? new EgoMotionFilter(config.ego().filter()) : null;
            LidarOdometry realOdometry = realFilter != null && config.ego().lidarOdometry()
                    ? new LidarOdometry(OdometryConfig.forMaxRange(config.perception().maxRangeMeters())) : null;
            TrackStage track = stages.track(); // a warm-up instance: its synthetic tracks simply end
            if (track != null) {
                // what the pipeline reserves for the ring's clustering follows the recording, not the synthetic scene
                track.resetClusterPeaks();
            }
            DetectionList none = new DetectionList(1);
            for (int i = 0; i < RECORDED_SWEEPS; i++) {
                // forward through the sweeps, then back: consecutive sweeps, as the odometry will see them
                int period = Math.max(1, 2 * recordedSweeps.size() - 2);
                int k = i % period;
                int index = k < recordedSweeps.size() ? k : period - k;
                PointCloud cloud = recordedSweeps.get(index);
                // the sweep's image's detections; none without a detector, images or a camera projector (the ring's
                // track stage has no projector then either, and the perceive stage no detections)
                DetectionList seen = stages.cameraProjector() == null || !recorded.hasImages() ? null
                        : boxes.get(recorded.images().get(index));
                if (seen == null) {
                    seen = none;
                }
                long stamp = (sweeps + i + 1) * SWEEP_PERIOD_NANOS;
                EgoEstimate ego = realFilter == null ? null : feedEgo(realFilter, realOdometry, cloud, stamp, speed);
                segmenter.segment(cloud, mount, scan);
                // the fuse stage's work on the real scan (its grid moves with the ego, the obstacles come out of it)
                updater.moveWithEgo(live, speed * SWEEP_PERIOD_NANOS / 1e9, 0.0);
                updater.integrate(live, scan);
                live.stampNanos(stamp);
                snapshot.copyFrom(live);
                extractor.extract(live, obstacles);
                if (track != null) {
                    track.update(stamp, cloud, seen, null, speed, 0.0);
                    track.snapshotInto(tracks);
                    recordedDetections += seen.size();
                }
                policy.decide(stamp, true, false, speed, 0.0, ego, snapshot, tracks,
                        Modality.LIDAR.bit() | (seen.size() > 0 ? camera : 0));
                recordedSweepCount++;
            }
            if (realOdometry != null && stages.ringOdometry() != null) {
                stages.ringOdometry().adoptScratchOf(realOdometry); // discarded next: its buffers go to the ring's
            }
        }

        long wall = System.nanoTime() - wall0;
        long cpuNanos = cpu ? threads.getCurrentThreadCpuTime() - cpu0 : 0;
        return new WarmupReport(wall, cpuNanos, sweeps + recordedSweepCount, sweepMs[0], sweepMs[1], ran,
                firstInference, warmInference, trackMs[0], trackMs[1], publishMs[0], publishMs[1], trackNanos / 1e6,
                publishNanos / 1e6, encodedBytes, recordedImages.size(), recordedDetections);
    }

    /** {@code images} without repeats (the same instance may serve two sweeps), in order. */
    private static List<CameraImage> distinct(List<CameraImage> images) {
        List<CameraImage> out = new java.util.ArrayList<>();
        for (CameraImage image : images) {
            if (out.stream().noneMatch(o -> o == image)) {
                out.add(image);
            }
        }
        return out;
    }

    /** Keeps the first (index 0) and the last (index 1) of a series. */
    private static void record(double[] firstLast, int i, double ms) {
        if (i == 0) {
            firstLast[0] = ms;
        }
        firstLast[1] = ms;
    }

    /**
     * What the align stage's ego feed does for one sweep: ten IMU yaw rates, a vehicle speed, a GNSS fix (position
     * and velocity, heading north at {@code speed}), lidar odometry on the sweep when configured, and the estimate at
     * the sweep's stamp.
     */
    private static EgoEstimate feedEgo(EgoMotionFilter filter, LidarOdometry odometry, PointCloud cloud, long stamp,
            double speed) {
        for (int k = 0; k < 10; k++) {
            filter.update(new EgoMeasurement.ImuYawRate(stamp - SWEEP_PERIOD_NANOS + k * SWEEP_PERIOD_NANOS / 10,
                    0.0, 0.0));
        }
        filter.update(new EgoMeasurement.VehicleSpeed(stamp, speed));
        double north = speed * stamp / 1e9;
        filter.update(new EgoMeasurement.GnssPosition(stamp, 48.0 + north / 111_111.0, 11.0, 1.0));
        filter.update(new EgoMeasurement.GnssVelocity(stamp, speed, 0.0));
        if (odometry != null) {
            OdometryEstimate e = odometry.process(cloud, stamp);
            if (e.quality() == OdometryQuality.TRACKING && e.intervalNanos() > 0) { // as EgoFeed
                filter.update(new EgoMeasurement.OdometryTwist(e.poseTimeNanos(),
                        Math.max(0, e.forwardSpeedMetersPerSec()), e.yawRateRadPerSec()));
            }
        }
        return filter.estimateAt(stamp);
    }

    /**
     * A person detection around the pedestrian column and a car detection around the parked car: each object's box
     * corners (lidar frame) projected into the image, when all are visible.
     */
    static void addDetections(PointProjector projector, double mountHeight, double pedestrianX, double carX,
            DetectionList out) {
        addBox(projector, pedestrianX, pedestrianX + 0.3, 0.2, 0.8, -mountHeight, -mountHeight + 1.7, 0.85f, 0, out);
        addBox(projector, carX, carX + CAR_LENGTH, CAR_Y - CAR_WIDTH / 2, CAR_Y + CAR_WIDTH / 2, -mountHeight,
                -mountHeight + CAR_HEIGHT, 0.9f, 2, out);
    }

    private static void addBox(PointProjector projector, double x0, double x1, double y0, double y1, double z0,
            double z1, float score, int cocoClass, DetectionList out) {
        double[] uvd = new double[3];
        double u0 = Double.POSITIVE_INFINITY;
        double v0 = Double.POSITIVE_INFINITY;
        double u1 = Double.NEGATIVE_INFINITY;
        double v1 = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 8; c++) {
            if (!projector.projectPoint((c & 1) == 0 ? x0 : x1, (c & 2) == 0 ? y0 : y1, (c & 4) == 0 ? z0 : z1, uvd)) {
                return;
            }
            u0 = Math.min(u0, uvd[0]);
            v0 = Math.min(v0, uvd[1]);
            u1 = Math.max(u1, uvd[0]);
            v1 = Math.max(v1, uvd[1]);
        }
        out.add((float) u0, (float) v0, (float) u1, (float) v1, score, cocoClass);
    }

    /**
     * Flat ground {@code mountHeight} below the sensor (beams from -25 to +2 degrees, ranges beyond 80 m dropped)
     * plus a 0.6 m wide, 1.7 m tall column at {@code obstacleX} metres ahead, slightly left of the centre line.
     */
    static void fillSweep(PointCloud cloud, double mountHeight, double obstacleX) {
        fillSweep(cloud, mountHeight, obstacleX, Double.NaN);
    }

    /**
     * As above, plus a parked car ({@value #CAR_LENGTH} x {@value #CAR_WIDTH} x {@value #CAR_HEIGHT} m, centred on
     * y = {@value #CAR_Y} m) whose rear face is at {@code carX} metres ahead: its rear and its near side, sampled
     * every 0.1 m; NaN for none.
     */
    static void fillSweep(PointCloud cloud, double mountHeight, double obstacleX, double carX) {
        for (int a = 0; a < AZIMUTHS; a++) {
            double az = 2 * Math.PI * a / AZIMUTHS;
            double ca = Math.cos(az);
            double sa = Math.sin(az);
            int offset = (int) (SWEEP_PERIOD_NANOS * a / AZIMUTHS);
            for (int b = 0; b < BEAMS; b++) {
                double elev = Math.toRadians(-25.0 + 27.0 * b / (BEAMS - 1));
                if (elev >= -0.01) {
                    continue;
                }
                double range = mountHeight / Math.tan(-elev);
                if (range > 80) {
                    continue;
                }
                cloud.add((float) (range * ca), (float) (range * sa), (float) -mountHeight, 20f, offset, b);
            }
        }
        for (int k = 0; k < 400 && cloud.size() < cloud.capacity(); k++) {
            float y = (float) (0.2 + 0.6 * (k % 20) / 19.0);
            float z = (float) (-mountHeight + 1.7 * (k / 20) / 19.0);
            cloud.add((float) obstacleX, y, z, 40f, 0, k % BEAMS);
        }
        if (Double.isNaN(carX)) {
            return;
        }
        double near = CAR_Y + CAR_WIDTH / 2; // the side facing the ego's lane
        for (int hz = 0; hz <= (int) Math.round(CAR_HEIGHT * 10); hz++) {
            float z = (float) (-mountHeight + 0.05 + hz * 0.1);
            for (int k = 0; k <= (int) Math.round(CAR_WIDTH * 10) && cloud.size() < cloud.capacity(); k++) {
                cloud.add((float) carX, (float) (CAR_Y - CAR_WIDTH / 2 + k * 0.1), z, 30f, 0, hz % BEAMS);
            }
            for (int k = 1; k <= (int) Math.round(CAR_LENGTH * 10) && cloud.size() < cloud.capacity(); k++) {
                cloud.add((float) (carX + k * 0.1), (float) near, z, 30f, 0, hz % BEAMS);
            }
        }
    }

    /** A deterministic gradient with a dark box in the middle: enough structure for the detector's post-processing. */
    static void fillImage(ByteBuffer bgr, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean box = x > w * 2 / 5 && x < w * 3 / 5 && y > h / 3 && y < h * 5 / 6;
                byte v = box ? (byte) 30 : (byte) ((x + y) & 0xff);
                bgr.put(v).put((byte) (box ? 30 : 128)).put((byte) (box ? 30 : (y & 0xff)));
            }
        }
        bgr.flip();
    }
}
