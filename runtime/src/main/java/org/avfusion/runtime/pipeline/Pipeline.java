package org.avfusion.runtime.pipeline;

import com.lmax.disruptor.TimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.align.AlignerCounters;
import org.avfusion.runtime.align.AlignerSensor;
import org.avfusion.runtime.align.TimeAligner;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.avfusion.runtime.ego.EgoConfig;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoHealth;
import org.avfusion.runtime.ego.EgoMotionFilter;
import org.avfusion.runtime.ego.EgoQuality;
import org.avfusion.runtime.ego.EgoSource;
import org.avfusion.runtime.odometry.LidarOdometry;
import org.avfusion.runtime.odometry.OdometryConfig;
import org.avfusion.runtime.plan.EgoDegradedMode;
import org.avfusion.runtime.stage.EgoFeed;
import org.avfusion.runtime.health.HealthReporter;
import org.avfusion.runtime.health.LatencyRecorder;
import org.avfusion.runtime.health.LatencySummary;
import org.avfusion.runtime.occupancy.GridUpdater;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.runtime.output.json.JsonPayload;
import org.avfusion.runtime.output.json.PayloadEncoder;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.perceive.depth.LidarDepthImage;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionPolicy;
import org.avfusion.runtime.ring.FrameEvent;
import org.avfusion.runtime.ring.FrameRing;
import org.avfusion.runtime.ring.RingFrameSink;
import org.avfusion.runtime.stage.AlignStage;
import org.avfusion.runtime.stage.DeadlineGuard;
import org.avfusion.runtime.stage.DecideStage;
import org.avfusion.runtime.watchdog.DecisionWatchdog;
import org.avfusion.runtime.stage.DepthStage;
import org.avfusion.runtime.fusion.DepthModelConfig;
import org.avfusion.runtime.inference.ModelLoadException;
import org.avfusion.runtime.inference.SessionConfig;
import org.avfusion.runtime.inference.depth.DepthModel;
import org.avfusion.runtime.perceive.depth.DepthFitConfig;
import org.avfusion.runtime.perceive.depth.ModelDepthImage;
import org.avfusion.runtime.perceive.depth.ModelDepthScaler;
import org.avfusion.runtime.output.DecisionListener;
import org.avfusion.runtime.stage.FuseStage;
import org.avfusion.runtime.stage.PerceiveStage;
import org.avfusion.runtime.stage.ClusterHandoff;
import org.avfusion.runtime.stage.ClusterStage;
import org.avfusion.runtime.stage.DetectStage;
import org.avfusion.runtime.stage.DetectionCache;
import org.avfusion.runtime.stage.SharedDetector;
import org.avfusion.runtime.stage.PublishStage;
import org.avfusion.runtime.stage.StageTimer;
import org.avfusion.runtime.warmup.BudgetCheck;
import org.avfusion.runtime.warmup.StageWarmup;
import org.avfusion.runtime.warmup.WarmUpFrames;
import org.avfusion.runtime.warmup.WarmupReport;
import org.avfusion.runtime.stage.TrackStage;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.runtime.fusion.RoiClusterFusion;
import org.avfusion.runtime.perceive.detect.ObjectDetector;
import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.track.DeadReckoning;
import org.avfusion.runtime.track.KalmanTracker;
import org.avfusion.runtime.track.TrackSnapshot;

/**
 * The running fusion pipeline: ring, stages and output, built from a config. Sources publish into {@link #sink()};
 * a clock source calls {@link #tick(long)} every {@code ring.tickPeriodMillis} of vehicle time.
 *
 * <pre>
 *  sources --&gt; sink --&gt; [ring] --&gt; align --&gt; perceive --&gt; (depth) --&gt; fuse --&gt; track --&gt; decide --&gt; publish
 *                                                                                                  --&gt; clear
 *  ticks   --&gt; tick --^
 * </pre>
 *
 * <p>With {@link Supervision#ENFORCED} the publish stage holds every decision to {@code deadline.budgetMillis} of
 * age (older PROCEED / SLOW: STOP {@code DEADLINE_MISSED}, counted with the slowest stage in health's
 * {@code deadline}), and a {@link DecisionWatchdog} on its own thread, started by {@link #start()}, publishes STOP
 * {@code WATCHDOG_NO_DECISION} when no decision came for {@code deadline.watchdogPeriodMillis}.
 */
public final class Pipeline implements AutoCloseable {
    /** Scan and grid snapshot buffers in flight between stages. */
    private static final int STAGE_BUFFERS = 16;

    private final RuntimeConfig config;
    private final FrameRing ring;
    private final RingFrameSink sink;
    private final AlignStage align;
    private final PerceiveStage perceive;
    /** Camera detection on arrival (beside the chain), or null without a network detector. */
    private final DetectStage detectStage;
    private final DetectionCache detectionCache;
    /** Camera frames whose detections the cache keeps: more than a set reaches back (0.5 s at 30 Hz is 15). */
    static final int DETECTION_CACHE_FRAMES = 32;
    private final FuseStage fuse;
    private final TrackStage track;
    /** Clustering of the reference sweeps beside align, handed to the track stage. */
    private final ClusterStage clusterStage;
    private final ClusterHandoff clusterHandoff;
    /** The cluster stage's obstacle pipeline; the warm-up's track stage borrows it before {@link #start()}. */
    private final LidarObstaclePipeline clusterLidar;
    /** The track stage's lidar depth image (null without a camera projector); borrowed likewise. */
    private final LidarDepthImage trackDepth;
    /** The perceive stage's ground segmentation: the warm-up runs it (it holds nothing between sweeps). */
    private final GroundSegmenter perceiveSegmenter;
    private volatile boolean started;
    /**
     * Sweeps' clusters held between the cluster and track stages: at real time one or two; as fast as possible the
     * cluster stage runs ahead by as many sweeps as the source has pooled clouds in flight (a recording's 4,
     * {@link RecordingProfile#CLOUD_BUFFERS_AS_FAST_AS_POSSIBLE}), plus READY buffers of sweeps that never became a set until the next
     * take frees them. 8 cover both, so the track stage does not cluster a sweep itself and never grows a second
     * clustering's scratch (about 9 MB on HDL-64E sweeps); when they do not, it still does, with the same result.
     */
    static final int CLUSTER_HANDOFF_BUFFERS = 8;
    /**
     * Voxels the lidar odometry's local map has room for from the start (about 4 MB at the default 20 points a
     * voxel): what the KITTI raw sequence's map reaches in its 20 sweeps (2 s). The map doubles from 1,024 otherwise,
     * and its last doublings (1.9 and 3.8 MB arrays) came while the sweeps were registered, each a humongous
     * allocation and a collection in the replay (docs/PERFORMANCE.md, "KITTI with YOLOX-Nano at --speed 1"). A
     * longer drive still grows it, by doubling, and never shrinks it.
     */
    static final int ODOMETRY_MAP_VOXELS = 16_384;
    /**
     * Room the cluster stage's buffers get before the clock, as a multiple of the most voxels and cluster members a
     * warm-up sweep had (the recording's first three): the KITTI raw sequence's last sweep has 1.35 times the voxels
     * and 1.48 times the cluster members of the largest of its first three, as the street opens up
     * (docs/PERFORMANCE.md, "The ring's own buffers before the clock").
     */
    static final double CLUSTER_HEADROOM = 1.5;
    /** Null unless {@code fusion.depthModel.file} is set. */
    private final DepthStage depth;
    private final DecideStage decide;
    private final PublishStage publish;
    private final OutputChannel output;
    private final VehicleClock nowClock;
    private final long startWallNanos = System.nanoTime();
    private final ObjectDetector detector;
    /** The camera projector the track stage fuses with (null without detection). */
    private final PointProjector trackProjector;
    private final List<String> sensorNames;
    private final String cameraDetection;
    private final HealthReporter health;
    private volatile WarmupReport warmup;
    private volatile List<String> budgetWarnings = List.of();
    /** Start-up warnings from before the pipeline was built (the heap estimate), listed first. */
    private volatile List<String> startUpWarnings = List.of();
    private volatile boolean finished;
    private final Supervision supervision;
    /** The latency budget in the publish stage; null when not {@link Supervision#ENFORCED}. */
    private final DeadlineGuard deadline;
    /** The fail-safe outside the ring; null when not {@link Supervision#ENFORCED}. */
    private final DecisionWatchdog watchdog;
    private boolean watchdogStarted;
    private final org.avfusion.runtime.config.MapStartup.LoadedMap map;
    private final org.avfusion.runtime.stage.RouteLoop routeLoop;

    /**
     * @param arrivalClock    stamps frame arrivals (vehicle clock; the replay clock in replay)
     * @param nowClock        reads vehicle time at publication, for latency
     * @param listener        in-process observer of decisions
     * @param cameraDetection what decisions say about camera detection
     * @param extraHealth     adds the output's own counters (e.g. MQTT) to each health report, from thread-safe
     *                        snapshots only (see {@link HealthReporter}); null for none
     */
    public Pipeline(RuntimeConfig config, OutputChannel output, VehicleClock arrivalClock, VehicleClock nowClock,
            DecisionListener listener, String cameraDetection, HealthReporter.Section extraHealth) {
        this(config, output, arrivalClock, nowClock, listener, null, cameraDetection, extraHealth);
    }

    /**
     * @param detector camera detector run by the perceive stage on the first camera's image of each set (the stage
     *                 owns and closes it), or null for none
     */
    public Pipeline(RuntimeConfig config, OutputChannel output, VehicleClock arrivalClock, VehicleClock nowClock,
            DecisionListener listener, ObjectDetector detector, String cameraDetection,
            HealthReporter.Section extraHealth) {
        this(config, output, arrivalClock, nowClock, listener, detector, null, cameraDetection, extraHealth);
    }

    /**
     * @param cameraProjector lidar frame to the detecting camera's image, for fusing clusters with detections; null
     *                        when unknown (clusters are then tracked as {@code unknown})
     */
    public Pipeline(RuntimeConfig config, OutputChannel output, VehicleClock arrivalClock, VehicleClock nowClock,
            DecisionListener listener, ObjectDetector detector, PointProjector cameraProjector, String cameraDetection,
            HealthReporter.Section extraHealth) {
        this(config, output, arrivalClock, nowClock, listener, detector, cameraProjector, cameraDetection, extraHealth,
                Supervision.OFF);
    }

    /**
     * @param supervision whether the latency budget and the watchdog of {@code config.deadline()} apply, on
     *                    {@code nowClock} ({@link Supervision#OFF} in the constructors without it: they serve tests
     *                    and tools replaying as fast as possible). The watchdog starts with {@link #start()}; it
     *                    publishes on {@code output} from its own thread, so {@code output.decision} must be
     *                    thread-safe (every channel here is).
     */
    public Pipeline(RuntimeConfig config, OutputChannel output, VehicleClock arrivalClock, VehicleClock nowClock,
            DecisionListener listener, ObjectDetector detector, PointProjector cameraProjector, String cameraDetection,
            HealthReporter.Section extraHealth, Supervision supervision) {
        this.config = Objects.requireNonNull(config, "config");
        this.supervision = Objects.requireNonNull(supervision, "supervision");
        this.output = Objects.requireNonNull(output, "output");
        this.nowClock = nowClock;
        this.detector = detector;
        List<SensorConfig> sensors = config.sensors();
        List<AlignerSensor> alignerSensors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int reference = config.referenceIndex();
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig s = sensors.get(i);
            alignerSensors.add(new AlignerSensor(s.id(), s.clockOffsetNanos(), s.timeoutNanos()));
            names.add(s.name());
        }
        int[] criticalIdx = java.util.stream.IntStream.range(0, sensors.size())
                .filter(i -> i != reference && sensors.get(i).critical()).toArray();

        align = new AlignStage(new TimeAligner(alignerSensors, reference, config.alignment()), egoFeed(config));
        BufferPool<ObstacleScan> scans = new BufferPool<>("perception.scans",
                () -> new ObstacleScan(config.perception().azimuthBins(), 131_072), 4, STAGE_BUFFERS);
        int camera = -1;
        for (int i = 0; i < sensors.size() && camera < 0; i++) {
            if (sensors.get(i).kind() == org.avfusion.drivers.frame.SensorKind.CAMERA) {
                camera = i;
            }
        }
        if (detector != null && camera < 0) {
            detector.close();
            throw new ConfigException("a detection model is given but no CAMERA is configured in sensors[]");
        }
        // a network detector runs on the camera frames a set can take as they arrive, beside the ring's chain (off the
        // decision's critical path; fusion.detectOnArrival); the perceive stage takes its result. The simulated
        // detector stays at the set: it costs next to nothing, and in a closed loop it reads the ego's state at the
        // frame's stamp, which the decisions until then decide.
        SharedDetector shared = detector == null ? null : new SharedDetector(detector);
        DetectionCache cache = config.fusion().detectOnArrival()
                && detector instanceof org.avfusion.runtime.inference.CameraDetector
                ? new DetectionCache(DETECTION_CACHE_FRAMES, FrameEvent.MAX_DETECTIONS) : null;
        detectStage = cache == null ? null : new DetectStage(shared, camera, cache, FrameEvent.MAX_DETECTIONS,
                new org.avfusion.runtime.align.SetFramePredictor(
                        Math.round(config.alignment().cameraToleranceMillis() * 1e6)),
                reference, sensors.get(reference).clockOffsetNanos(), sensors.get(camera).clockOffsetNanos());
        detectionCache = cache;
        perceiveSegmenter = new GroundSegmenter(config.perception());
        perceive = new PerceiveStage(perceiveSegmenter,
                config.vehicle().lidarMount().toPose(), scans, shared, cache, camera);
        try {
            depth = depthStage(config, detector, cameraProjector, camera);
        } catch (RuntimeException e) {
            if (detector != null) {
                detector.close();
            }
            throw e;
        }
        BufferPool<OccupancyGrid> grids = new BufferPool<>("occupancy.snapshots",
                () -> new OccupancyGrid(config.occupancy()), 4, STAGE_BUFFERS);
        GridUpdater gridUpdater = new GridUpdater(config.occupancy());
        OccupancyGrid liveGrid = new OccupancyGrid(config.occupancy());
        MountPose rayOrigin = config.vehicle().lidarMount().toPose(); // where the perceive stage's scans start
        gridUpdater.prepareRays(liveGrid, config.perception().azimuthBins(), rayOrigin.xMeters(), rayOrigin.yMeters());
        fuse = new FuseStage(gridUpdater, liveGrid, grids);
        boolean gnssConfigured = sensors.stream().anyMatch(s -> s.kind() == org.avfusion.drivers.frame.SensorKind.GNSS);
        boolean egoMotionSourced = sensors.stream().anyMatch(s -> s.kind() == org.avfusion.drivers.frame.SensorKind.GNSS
                || s.kind() == org.avfusion.drivers.frame.SensorKind.IMU
                || s.kind() == org.avfusion.drivers.frame.SensorKind.ODOMETRY)
                || (config.ego().filterEnabled() && config.ego().lidarOdometry());
        MountPose lidarMount = config.vehicle().lidarMount().toPose();
        BufferPool<TrackSnapshot> trackSnapshots = new BufferPool<>("track.snapshots",
                () -> new TrackSnapshot(config.tracker().maxTracks()), 4, STAGE_BUFFERS);
        trackProjector = detector == null ? null : cameraProjector;
        // clustering beside the align stage (the sweep alone, in the lidar frame: it needs nothing align computes), so
        // that it runs while the lidar odometry does, not after perception and fusion; handed to the track stage
        clusterHandoff = new ClusterHandoff(CLUSTER_HANDOFF_BUFFERS);
        MountPose clusterMount = config.vehicle().lidarMount().toPose();
        clusterLidar = new LidarObstaclePipeline(ClusterConfig.DEFAULTS);
        clusterStage = new ClusterStage(clusterLidar, GroundPrior.level(clusterMount.zMeters()), clusterHandoff,
                reference, sensors.get(reference).clockOffsetNanos());
        trackDepth = trackProjector == null ? null : TrackStage.newDepthImage(trackProjector);
        track = newTrackStage(config, trackProjector, trackSnapshots, clusterHandoff,
                new LidarObstaclePipeline(ClusterConfig.DEFAULTS), trackDepth);
        map = config.map().enabled() ? org.avfusion.runtime.config.MapStartup.load(config.map(), null, null) : null;
        routeLoop = map == null ? null : new org.avfusion.runtime.stage.RouteLoop(
                new org.avfusion.runtime.route.RouteFollower(map.roads(), config.map(), map.lanelets(), config.decision()),
                new org.avfusion.runtime.route.DestinationCommands(org.avfusion.runtime.stage.RouteLoop.AUTHENTICATOR));
        decide = new DecideStage(new DecisionPolicy(config.decision(), config.traffic(),
                egoMotionSourced, new EgoDegradedMode(gnssConfigured, config.ego().deadReckonedMaxMillis())), criticalIdx,
                detector == null ? -1 : camera, routeLoop);
        sensorNames = List.copyOf(names);
        this.cameraDetection = cameraDetection;
        PayloadEncoder encoder = new PayloadEncoder(config.vehicle().id(), names, cameraDetection);
        health = new HealthReporter(extraHealth == null ? List.of(this::writeHealth)
                : List.of(this::writeHealth, extraHealth));
        StageTimer publishTimer = new StageTimer("publish");
        if (supervision == Supervision.ENFORCED) {
            List<StageTimer> timers = new ArrayList<>(List.of(align.timer(), perceive.timer(), fuse.timer(),
                    track.timer(), decide.timer(), publishTimer));
            if (depth != null) {
                timers.add(2, depth.timer());
            }
            deadline = new DeadlineGuard(config.deadline().budget(), timers);
            watchdog = new DecisionWatchdog(config.vehicle().id(), config.deadline().watchdogPeriodNanos(),
                    nowClock::nowNanos, output::decision);
        } else {
            deadline = null;
            watchdog = null;
        }
        publish = new PublishStage(output, encoder, nowClock, listener, health,
                Math.round(config.mqtt().healthPeriodMillis() * 1e6), config.mqtt().occupancyEverySets(), publishTimer,
                deadline, watchdog);
        List<FrameRing.Stage> stages = new ArrayList<>(List.of(
                new FrameRing.Stage("align", align),
                new FrameRing.Stage("cluster", clusterStage, FrameRing.Placement.BESIDE_PREVIOUS),
                new FrameRing.Stage("perceive", perceive),
                new FrameRing.Stage("fuse", fuse),
                new FrameRing.Stage("track", track),
                new FrameRing.Stage("decide", decide),
                new FrameRing.Stage("publish", publish)));
        if (depth != null) {
            stages.add(3, new FrameRing.Stage("depth", depth)); // after perceive (detections), before track
        }
        if (detectStage != null) {
            // beside the chain: no stage waits for it (the frame it is detecting is the next set's, not this one's)
            stages.add(2, new FrameRing.Stage("detect", detectStage, FrameRing.Placement.BESIDE_CHAIN));
        }
        // without a detector no stage writes a slot's detection list: one entry instead of 128 per slot (13 MB of heap
        // at 4,096 slots, docs/PERFORMANCE.md "Replay memory")
        ring = new FrameRing(config.ring(), sensors.size(), config.occupancy().maxObjects(),
                detector == null ? 1 : FrameEvent.MAX_DETECTIONS, stages);
        List<SensorId> ids = sensors.stream().map(SensorConfig::id).toList();
        sink = new RingFrameSink(ring, ids, sensors.stream().map(SensorConfig::ringFullPolicy).toList(), arrivalClock);
    }

    /** The ego-motion filter's adapter for the align stage, or null when {@code ego.filterEnabled} is false. */
    private static EgoFeed egoFeed(RuntimeConfig config) {
        EgoConfig ego = config.ego();
        if (!ego.filterEnabled()) {
            return null;
        }
        List<SensorConfig> sensors = config.sensors();
        org.avfusion.drivers.frame.SensorKind[] kinds = new org.avfusion.drivers.frame.SensorKind[sensors.size()];
        long[] offsets = new long[sensors.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = sensors.get(i).kind();
            offsets[i] = sensors.get(i).clockOffsetNanos();
        }
        LidarOdometry odometry = ego.lidarOdometry()
                ? new LidarOdometry(OdometryConfig.forMaxRange(config.perception().maxRangeMeters())) : null;
        if (odometry != null) {
            odometry.reserveMapVoxels(ODOMETRY_MAP_VOXELS);
        }
        return new EgoFeed(new EgoMotionFilter(ego.filter()), kinds, offsets, config.referenceIndex(), odometry);
    }

    /**
     * The track stage as the ring runs it (with the cluster stage's hand-off) and as warm-up runs a fresh one (null:
     * it clusters each sweep itself, with {@code lidar}).
     */
    private static TrackStage newTrackStage(RuntimeConfig config, PointProjector projector,
            BufferPool<TrackSnapshot> snapshots, ClusterHandoff handoff, LidarObstaclePipeline lidar,
            LidarDepthImage depth) {
        MountPose lidarMount = config.vehicle().lidarMount().toPose();
        return new TrackStage(lidar,
                GroundPrior.level(lidarMount.zMeters()), lidarMount, projector,
                new RoiClusterFusion(config.fusion()), new KalmanTracker(config.tracker()), new DeadReckoning(),
                snapshots, handoff, depth);
    }

    /**
     * Warms every stage's algorithms with synthetic sweeps and the detector with a few inferences (see
     * {@link StageWarmup}); call once, after construction and before any source publishes. The report goes into
     * every health message ({@code warmUp}) and is returned for the console.
     *
     * @param cameraWidth  camera image width the detector will see, or 0 for the model's input size
     * @param cameraHeight likewise
     */
    public WarmupReport warmUp(int cameraWidth, int cameraHeight) {
        return warmUp(cameraWidth, cameraHeight, WarmUpFrames.NONE);
    }

    /**
     * As {@link #warmUp(int, int)}, then {@code recorded} (a recording's first sweeps and, with a detector, its
     * detecting camera's images; not modified) through the detector, the lidar algorithms and the track stage's
     * camera association too ({@link StageWarmup#run(org.avfusion.runtime.inference.CameraDetector, int, int,
     * StageWarmup.Stages, WarmUpFrames)}).
     */
    public WarmupReport warmUp(int cameraWidth, int cameraHeight, WarmUpFrames recorded) {
        // fresh instances built like the ring's: the JIT compiles their code, the ring's stages keep their state. The
        // warm-up's track stage clusters with the cluster stage's own obstacle pipeline (it holds no state from one
        // sweep to the next, and the ring does not run before start()): its scratch grows once, not twice (about 9 MB
        // on HDL-64E sweeps), and is grown to the recording's sweeps when the first one arrives; it renders into the
        // ring's track stage's depth image likewise (10 MB at 1242 x 375)
        if (started) {
            throw new IllegalStateException("warmUp after start(): the cluster stage's pipeline and the track stage's"
                    + " depth image are the ring's now");
        }
        StageWarmup.Stages stages = new StageWarmup.Stages(
                newTrackStage(config, trackProjector, new BufferPool<>("warmup.tracks",
                        () -> new TrackSnapshot(config.tracker().maxTracks()), 1, 1), null, clusterLidar,
                        trackDepth),
                trackProjector, new PayloadEncoder(config.vehicle().id(), sensorNames, cameraDetection), health,
                sensorNames, align.ego() == null ? null : align.ego().odometry(), perceiveSegmenter);
        WarmupReport report = new StageWarmup(config).run(
                detector instanceof org.avfusion.runtime.inference.CameraDetector network ? network : null,
                cameraWidth, cameraHeight, stages, recorded);
        if (!recorded.sweeps().isEmpty()) {
            // the ring's own buffers, grown before the clock to the recorded sweeps: the perceive stage's segmenter
            // and the odometry's scratch did in the warm-up (Stages). The cluster stage's pipeline clustered them
            // (through the warm-up's track stage, its peaks reset before them): room for somewhat larger sweeps than
            // those, in it and in each hand-off buffer. Without a recording (a live run) these grow on the sensor's
            // first sweeps: the synthetic ones say nothing of its size.
            clusterLidar.reserveHeadroom(CLUSTER_HEADROOM);
            int members = (int) Math.ceil(clusterLidar.mostMembers() * CLUSTER_HEADROOM);
            clusterHandoff.reserveMembers(members);
            track.reserveMembers(members); // its camera association and the tracker's footprints take as many
        }
        warmup = report;
        budgetWarnings = BudgetCheck.check(config, report);
        return report;
    }

    /**
     * What the start-up checks found: {@link #noteStartUpWarnings} (the heap estimate, before the pipeline was built)
     * and {@link BudgetCheck} after {@link #warmUp}; one line per setting that breaks the budget.
     */
    public List<String> budgetWarnings() {
        if (startUpWarnings.isEmpty()) {
            return budgetWarnings;
        }
        List<String> all = new ArrayList<>(startUpWarnings);
        all.addAll(budgetWarnings);
        return List.copyOf(all);
    }

    /**
     * Sets the warnings found before the pipeline was built ({@code HeapBudget.check}), listed first in
     * {@link #budgetWarnings}.
     */
    public void noteStartUpWarnings(List<String> warnings) {
        startUpWarnings = List.copyOf(warnings);
    }

    /** The warm-up's report, or null when {@link #warmUp} was not called. */
    public WarmupReport warmupReport() {
        return warmup;
    }

    /**
     * Publishes a health report now, before the first frame: the runtime is up (and warmed, with {@code warmUpMillis})
     * for whoever watches the health topic, and the output's publish path (the MQTT client's first QoS 1 message) has
     * run once before the first decision needs it. Call from the thread that starts the sources, before they start.
     *
     * @param vehicleNanos the report's vehicle time (a replay: its first frame's arrival)
     */
    public void publishReadyHealth(long vehicleNanos) {
        publish.publishHealth(vehicleNanos);
    }

    /**
     * Starts the watchdog (when supervision is {@link Supervision#ENFORCED}; otherwise nothing): call after
     * {@link #warmUp} and just before the sources start, so that start-up is not taken for a stall. Idempotent.
     */
    public synchronized Pipeline start() {
        started = true;
        if (watchdog != null && !watchdogStarted && !finished) {
            watchdogStarted = true;
            watchdog.start();
        }
        return this;
    }

    /** Whether the latency budget and the watchdog apply. */
    public Supervision supervision() {
        return supervision;
    }

    /** Decisions past the latency budget (0 when not enforced). */
    public long deadlineMissedCount() {
        return deadline == null ? 0 : deadline.missed();
    }

    /** PROCEED / SLOW decisions published as STOP DEADLINE_MISSED instead (0 when not enforced). */
    public long deadlineStopCount() {
        return deadline == null ? 0 : deadline.convertedToStop();
    }

    /** Missed decisions by the stage that was slowest on them ({@code "queue"}: none stood out); empty when none. */
    public Map<String, Long> deadlineMissedByStage() {
        return deadline == null ? Map.of() : deadline.missedBySlowestStage();
    }

    /** Fail-safe STOPs the watchdog published (0 when not enforced). */
    public long watchdogFailSafeCount() {
        return watchdog == null ? 0 : watchdog.failSafes();
    }

    /** Where sources publish. */
    public FrameSink sink() {
        return sink;
    }

    /** The vehicle clock reached {@code vehicleNanos}: publishes a tick and retries frames waiting for a slot. */
    public void tick(long vehicleNanos) {
        sink.flushPending();
        ring.publishTick(vehicleNanos);
    }

    /**
     * As {@link #tick}, but waits for a free ring slot instead of dropping the tick (replay at full speed: nothing
     * lost, the same ticks on every replay).
     */
    public void tickWaiting(long vehicleNanos) {
        sink.flushPending();
        ring.publishTickWaiting(vehicleNanos);
    }

    /** Waits until everything published went through every stage, then publishes a last health report. */
    public void finish(long timeoutMillis) {
        if (finished) {
            return;
        }
        finished = true;
        stopWatchdog(); // a stop on purpose is no stall
        sink.discardPending();
        try {
            ring.drainAndStop(timeoutMillis);
        } catch (TimeoutException e) {
            throw new IllegalStateException("pipeline did not drain within " + timeoutMillis + " ms", e);
        }
        publish.publishHealth(nowClock.nowNanos());
    }

    /**
     * The pipeline's part of the health report, from thread-safe state only: the sink's and stages' atomic counters,
     * the aligner's published {@link AlignerCounters} snapshot, and the end-to-end latency recorder's summary.
     */
    private void writeHealth(JsonPayload health) throws IOException {
        JsonGenerator w = health.generator();
        health.fixed("uptimeSeconds", (System.nanoTime() - startWallNanos) / 1e9, 1);
        WarmupReport warm = warmup;
        if (warm != null) {
            health.fixed("warmUpMillis", warm.wallMillis(), 1);
        }
        AlignerCounters aligner = align.counters();
        w.writeObjectFieldStart("sensors");
        for (int i = 0; i < sink.sensorCount(); i++) {
            w.writeObjectFieldStart(sink.sensor(i).name());
            w.writeNumberField("published", sink.publishedCount(i));
            w.writeNumberField("droppedRingFull", sink.droppedCount(i));
            w.writeNumberField("stalledRingFull", sink.stalledCount(i));
            w.writeNumberField("rejected", sink.rejectedCount(i));
            w.writeNumberField("aligned", aligner.receivedCount(i));
            w.writeNumberField("outOfOrder", aligner.outOfOrderCount(i));
            w.writeNumberField("late", aligner.lateCount(i));
            w.writeBooleanField("silent", aligner.isSilent(i));
            w.writeEndObject();
        }
        w.writeEndObject();
        w.writeNumberField("unknownSensorFrames", sink.unknownSensorCount());
        w.writeObjectFieldStart("sets");
        w.writeNumberField("total", aligner.sets());
        w.writeNumberField("partial", aligner.partialSets());
        w.writeNumberField("withoutReference", aligner.silentReferenceSets());
        w.writeNumberField("perceptionSkipped", perceive.skippedCount());
        w.writeNumberField("gridSnapshotsMissed", fuse.snapshotsMissedCount());
        w.writeNumberField("trackSnapshotsMissed", track.snapshotsMissedCount());
        w.writeEndObject();
        w.writeObjectFieldStart("tracking");
        w.writeNumberField("fusedObjects", track.fusedObjectCount());
        w.writeNumberField("cameraMatched", track.cameraMatchedCount());
        w.writeNumberField("tracksConfirmed", track.confirmedTrackCount());
        // sets whose sweep the cluster stage clustered as it arrived; the rest the track stage clustered itself
        w.writeNumberField("clusteredOnArrival", track.clustersHandedOverCount());
        w.writeNumberField("clusterStageSkipped", clusterStage.skippedCount());
        w.writeEndObject();
        w.writeObjectFieldStart("cameraDetections");
        w.writeNumberField("images", perceive.detectedImageCount());
        w.writeNumberField("detections", perceive.detectionCount());
        if (detectStage != null) {
            // on arrival: frames detected as they came, sets that found their image there, sets detected late
            w.writeNumberField("detectedOnArrival", detectStage.detectedCount());
            w.writeNumberField("skippedBehind", detectStage.skippedBehindCount());
            w.writeNumberField("skippedUnwanted", detectStage.skippedUnwantedCount());
            w.writeNumberField("skippedTaken", detectStage.skippedTakenCount());
            w.writeNumberField("setsFromArrival", detectionCache.hitCount());
            w.writeNumberField("setsWaitedForArrival", detectionCache.waitCount());
            w.writeNumberField("setsDetectedLate", detectionCache.missCount());
        }
        w.writeEndObject();
        w.writeObjectFieldStart("decisions");
        for (DecisionKind k : DecisionKind.values()) {
            w.writeNumberField(k.name(), decide.decisionCount(k));
        }
        w.writeEndObject();
        w.writeObjectFieldStart("stageErrors");
        for (Map.Entry<String, Long> e : ring.stageErrors().entrySet()) {
            w.writeNumberField(e.getKey(), e.getValue());
        }
        w.writeEndObject();
        w.writeObjectFieldStart("ring");
        w.writeNumberField("size", ring.size());
        w.writeNumberField("remainingCapacity", ring.remainingCapacity());
        w.writeNumberField("droppedTicks", ring.droppedTickCount());
        w.writeEndObject();
        writeEgoHealth(health);
        if (routeLoop != null) {
            org.avfusion.runtime.stage.RouteHealth.write(health, routeLoop);
        }
        LatencySummary e2e = publish.endToEndLatency().summary();
        w.writeObjectFieldStart("latencyMillis");
        health.fixed("p50", e2e.p50Millis(), 3).fixed("p99", e2e.p99Millis(), 3);
        w.writeEndObject();
        writeDeadlineHealth(health);
    }

    /**
     * {@code deadline}: whether the budget and watchdog are enforced; if so the budget, decisions past it, those
     * turned into STOP, the slowest stage on the last miss and the misses by slowest stage, the watchdog's period,
     * stalls and fail-safes. From the guard's and watchdog's atomic counters.
     */
    private void writeDeadlineHealth(JsonPayload health) throws IOException {
        JsonGenerator w = health.generator();
        w.writeObjectFieldStart("deadline");
        w.writeBooleanField("enforced", deadline != null);
        if (deadline != null) {
            health.fixed("budgetMillis", config.deadline().budgetMillis(), 1);
            w.writeNumberField("missed", deadline.missed());
            w.writeNumberField("convertedToStop", deadline.convertedToStop());
            String slow = deadline.lastSlowStage();
            if (slow == null) {
                w.writeNullField("lastSlowStage");
            } else {
                w.writeStringField("lastSlowStage", slow);
            }
            health.fixed("lastMissAgeMillis", deadline.lastMissAgeNanos() / 1e6, 1);
            w.writeObjectFieldStart("missedBySlowestStage");
            for (Map.Entry<String, Long> e : deadline.missedBySlowestStage().entrySet()) {
                w.writeNumberField(e.getKey(), e.getValue());
            }
            w.writeEndObject();
            health.fixed("watchdogPeriodMillis", config.deadline().watchdogPeriodMillis(), 1);
            w.writeNumberField("watchdogStalls", watchdog.stalls());
            w.writeNumberField("watchdogFailSafes", watchdog.failSafes());
        }
        w.writeEndObject();
    }

    /**
     * {@code ego}: whether the filter is on; the last estimate's quality, stamp, sources in use with their ages (s),
     * GNSS fix age and covariance diagonal; per-source counters (fused, gated, time backwards, too old, out of order,
     * stuck), re-anchorings, values refused before the filter, the GNSS position's gate status ({@code gnssPosition}:
     * OK, REJECTED while a jump is refused, NONE), lidar odometry use; decisions per ego quality. Reads
     * the snapshots {@link EgoFeed} publishes after each set.
     */
    private void writeEgoHealth(JsonPayload health) throws IOException {
        JsonGenerator w = health.generator();
        EgoFeed feed = align.ego();
        w.writeObjectFieldStart("ego");
        w.writeBooleanField("filterEnabled", feed != null);
        if (feed == null) {
            w.writeEndObject();
            return;
        }
        EgoEstimate e = feed.lastEstimate();
        if (e == null) {
            w.writeStringField("quality", EgoQuality.UNKNOWN.name());
            w.writeNullField("stampNanos");
        } else {
            w.writeStringField("quality", e.quality().name());
            w.writeNumberField("stampNanos", e.stampNanos());
            health.fixed("speedMetersPerSecond", e.speedMetersPerSec(), 3)
                    .fixed("yawRateRadPerSec", e.yawRateRadPerSec(), 4)
                    .fixed("headingDeg", e.headingDeg(), 2)
                    .fixed("gnssFixAgeSeconds", e.absoluteFixAgeSeconds(), 3);
            w.writeObjectFieldStart("sourcesInUse");
            for (EgoSource src : EgoSource.values()) { // enum order: a stable layout
                Double age = e.sourceAgesSeconds().get(src);
                if (age != null) {
                    health.fixed(src.name(), age, 3);
                }
            }
            w.writeEndObject();
            w.writeObjectFieldStart("covarianceDiagonal");
            health.fixed("east", e.varianceEast(), 6).fixed("north", e.varianceNorth(), 6)
                    .fixed("heading", e.varianceHeading(), 8).fixed("speed", e.varianceSpeed(), 6)
                    .fixed("yawRate", e.varianceYawRate(), 8);
            w.writeEndObject();
        }
        EgoHealth h = feed.lastHealth();
        w.writeObjectFieldStart("perSource");
        for (EgoSource src : EgoSource.values()) {
            EgoHealth.SourceCounters c = h.of(src);
            w.writeObjectFieldStart(src.name());
            w.writeNumberField("fused", c.fused());
            w.writeNumberField("gated", c.gated());
            w.writeNumberField("timeBackwards", c.timeBackwards());
            w.writeNumberField("tooOld", c.tooOld());
            w.writeNumberField("outOfOrder", c.outOfOrder());
            w.writeNumberField("stuck", c.stuck());
            w.writeEndObject();
        }
        w.writeEndObject();
        w.writeNumberField("reanchors", h.reanchors());
        w.writeNumberField("rejectedValues", feed.rejectedCount());
        w.writeNumberField("gnssWithoutEpoch", feed.gnssWithoutEpochCount());
        // the gate's verdict on the GNSS positions: REJECTED (a jump) while refused or refused since the last report
        w.writeObjectFieldStart("gnssPosition");
        w.writeStringField("status", feed.gnssPositionStatus(true).name());
        w.writeNumberField("consecutiveGated", feed.gnssConsecutiveGated());
        w.writeNumberField("rejections", feed.gnssRejections());
        w.writeEndObject();
        if (feed.lidarOdometry()) {
            w.writeObjectFieldStart("lidarOdometry");
            w.writeNumberField("used", feed.odometryUsedCount());
            w.writeNumberField("notTracked", feed.odometryRefusedCount());
            w.writeEndObject();
        }
        w.writeObjectFieldStart("decisionsByQuality");
        for (EgoQuality q : EgoQuality.values()) {
            w.writeNumberField(q.name(), decide.decisionCount(q));
        }
        w.writeEndObject();
        w.writeEndObject();
    }

    /** Per-stage processing time recorders, in stage order. */
    public Map<String, LatencyRecorder> stageLatencies() {
        Map<String, LatencyRecorder> m = new LinkedHashMap<>();
        for (StageTimer t : List.of(align.timer(), perceive.timer(), fuse.timer(), track.timer(), decide.timer(),
                publish.timer())) {
            m.put(t.stage(), t.latency());
        }
        m.put(clusterStage.timer().stage(), clusterStage.timer().latency());
        if (depth != null) {
            m.put(depth.timer().stage(), depth.timer().latency());
        }
        if (detectStage != null) {
            m.put(detectStage.timer().stage(), detectStage.timer().latency());
        }
        return m;
    }

    /** The depth stage, or null when no depth model is configured (for tests and reports). */
    public DepthStage depthStage() {
        return depth;
    }

    /**
     * The depth stage when {@code fusion.depthModel.file} is set, else null. Start-up fails with a
     * {@link ConfigException} naming the key when the file is missing or does not load as a depth model of the
     * configured input size, or when there is no camera detection with a lidar-to-camera projection for its depth to
     * place.
     */
    private static DepthStage depthStage(RuntimeConfig config, ObjectDetector detector, PointProjector projector,
            int camera) {
        DepthModelConfig m = config.fusion().depthModel();
        if (!m.configured()) {
            return null;
        }
        java.nio.file.Path file = java.nio.file.Path.of(m.file());
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new ConfigException("fusion.depthModel.file: no such file: " + file.toAbsolutePath() + " (give a "
                    + "MiDaS-style ONNX depth model, or \"\" for none: detections without lidar depth are then placed "
                    + "by the flat-ground range)");
        }
        if (detector == null || projector == null) {
            throw new ConfigException("fusion.depthModel.file is set (" + file + ") but " + (detector == null
                    ? "camera detection is off" : "the camera has no lidar-to-camera projection")
                    + ": the model's depth places camera detections; give a detection model on a rig with a calibrated "
                    + "camera, or set fusion.depthModel.file: \"\"");
        }
        DepthModel model;
        try {
            model = DepthModel.open(SessionConfig.besidePipeline(file, Runtime.getRuntime().availableProcessors()),
                    m.inputHeightPixels(), m.inputWidthPixels());
        } catch (ModelLoadException e) {
            throw new ConfigException("fusion.depthModel.file: " + e.getMessage(), e);
        }
        int w = projector.intrinsics().widthPixels();
        int h = projector.intrinsics().heightPixels();
        return new DepthStage(model, camera, projector, new ModelDepthScaler(DepthFitConfig.DEFAULT, w, h),
                new BufferPool<>("depth.images", () -> new ModelDepthImage(w * h), 2, STAGE_BUFFERS));
    }

    public LatencyRecorder endToEndLatency() {
        return publish.endToEndLatency();
    }

    /** Reference stamp (first point of the sweep) to decision published. */
    public LatencyRecorder referenceAge() {
        return publish.referenceAge();
    }

    public LatencyRecorder pipelineLatency() {
        return publish.pipelineLatency();
    }

    public long decisionCount(DecisionKind kind) {
        return decide.decisionCount(kind);
    }

    /** Camera images the detector ran on. */
    public long detectedImageCount() {
        return perceive.detectedImageCount();
    }

    public Map<String, Long> stageErrors() {
        return ring.stageErrors();
    }

    public RingFrameSink frameSink() {
        return sink;
    }

    /** The aligner: its counters are the align thread's; read them here only after {@link #finish}. */
    public TimeAligner aligner() {
        return align.aligner();
    }

    public RuntimeConfig config() {
        return config;
    }

    /**
     * Stops the watchdog: the job is stopping on purpose (sources closing), which is no stall. {@link #finish} and
     * {@link #close} do it too. Idempotent.
     */
    public void stopWatchdog() {
        if (watchdog != null) {
            watchdog.close();
        }
    }

    /**
     * The map in the loop, or null when the profile has no {@code map.file}: where destination commands go
     * ({@link org.avfusion.runtime.stage.RouteLoop#offerCommand}) and its counters.
     */
    public org.avfusion.runtime.stage.RouteLoop routeLoop() {
        return routeLoop;
    }

    @Override
    public void close() {
        stopWatchdog();
        if (!finished) {
            finished = true;
            sink.discardPending();
            ring.close();
        }
        try {
            output.close();
        } finally {
            if (map != null) {
                map.close();
            }
        }
    }
}
