package org.avfusion.runtime.pipeline;

import com.lmax.disruptor.TimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.align.AlignerSensor;
import org.avfusion.runtime.align.TimeAligner;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.avfusion.runtime.health.LatencyHistogram;
import org.avfusion.runtime.occupancy.GridUpdater;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.runtime.output.json.JsonWriter;
import org.avfusion.runtime.output.json.PayloadEncoder;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionPolicy;
import org.avfusion.runtime.ring.FrameRing;
import org.avfusion.runtime.ring.RingFrameSink;
import org.avfusion.runtime.stage.AlignStage;
import org.avfusion.runtime.stage.DecideStage;
import org.avfusion.runtime.stage.DecisionListener;
import org.avfusion.runtime.stage.FuseStage;
import org.avfusion.runtime.stage.PerceiveStage;
import org.avfusion.runtime.stage.PublishStage;
import org.avfusion.runtime.stage.StageTimer;
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
 *  sources --&gt; sink --&gt; [ring] --&gt; align --&gt; perceive --&gt; fuse --&gt; track --&gt; decide --&gt; publish
 *                                                                                                  --&gt; clear
 *  ticks   --&gt; tick --^
 * </pre>
 */
public final class Pipeline implements AutoCloseable {
    /** Scan and grid snapshot buffers in flight between stages. */
    private static final int STAGE_BUFFERS = 16;

    private final RuntimeConfig config;
    private final FrameRing ring;
    private final RingFrameSink sink;
    private final AlignStage align;
    private final PerceiveStage perceive;
    private final FuseStage fuse;
    private final TrackStage track;
    private final DecideStage decide;
    private final PublishStage publish;
    private final OutputChannel output;
    private final VehicleClock nowClock;
    private final Consumer<JsonWriter> extraHealth;
    private final long startWallNanos = System.nanoTime();
    private volatile boolean finished;

    /**
     * @param arrivalClock    stamps frame arrivals (vehicle clock; the replay clock in replay)
     * @param nowClock        reads vehicle time at publication, for latency
     * @param listener        in-process observer of decisions
     * @param cameraDetection what decisions say about camera detection
     * @param extraHealth     adds the output's own counters (e.g. MQTT) to each health report
     */
    public Pipeline(RuntimeConfig config, OutputChannel output, VehicleClock arrivalClock, VehicleClock nowClock,
            DecisionListener listener, String cameraDetection, Consumer<JsonWriter> extraHealth) {
        this(config, output, arrivalClock, nowClock, listener, null, cameraDetection, extraHealth);
    }

    /**
     * @param detector camera detector run by the perceive stage on the first camera's image of each set (the stage
     *                 owns and closes it), or null for none
     */
    public Pipeline(RuntimeConfig config, OutputChannel output, VehicleClock arrivalClock, VehicleClock nowClock,
            DecisionListener listener, ObjectDetector detector, String cameraDetection,
            Consumer<JsonWriter> extraHealth) {
        this(config, output, arrivalClock, nowClock, listener, detector, null, cameraDetection, extraHealth);
    }

    /**
     * @param cameraProjector lidar frame to the detecting camera's image, for fusing clusters with detections; null
     *                        when unknown (clusters are then tracked as {@code unknown})
     */
    public Pipeline(RuntimeConfig config, OutputChannel output, VehicleClock arrivalClock, VehicleClock nowClock,
            DecisionListener listener, ObjectDetector detector, PointProjector cameraProjector, String cameraDetection,
            Consumer<JsonWriter> extraHealth) {
        this.config = Objects.requireNonNull(config, "config");
        this.output = Objects.requireNonNull(output, "output");
        this.nowClock = nowClock;
        this.extraHealth = extraHealth;
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

        align = new AlignStage(new TimeAligner(alignerSensors, reference, config.alignment()));
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
        perceive = new PerceiveStage(new GroundSegmenter(config.perception()),
                config.vehicle().lidarMount().toPose(), scans, detector, camera);
        BufferPool<OccupancyGrid> grids = new BufferPool<>("occupancy.snapshots",
                () -> new OccupancyGrid(config.occupancy()), 4, STAGE_BUFFERS);
        fuse = new FuseStage(new GridUpdater(config.occupancy()), new OccupancyGrid(config.occupancy()), grids);
        MountPose lidarMount = config.vehicle().lidarMount().toPose();
        BufferPool<TrackSnapshot> trackSnapshots = new BufferPool<>("track.snapshots",
                () -> new TrackSnapshot(config.tracker().maxTracks()), 4, STAGE_BUFFERS);
        track = new TrackStage(new LidarObstaclePipeline(ClusterConfig.DEFAULTS),
                GroundPrior.level(lidarMount.zMeters()), lidarMount, detector == null ? null : cameraProjector,
                new RoiClusterFusion(config.fusion()), new KalmanTracker(config.tracker()), new DeadReckoning(),
                trackSnapshots);
        decide = new DecideStage(new DecisionPolicy(config.decision(), config.traffic()), criticalIdx,
                detector == null ? -1 : camera);
        PayloadEncoder encoder = new PayloadEncoder(config.vehicle().id(), names, cameraDetection);
        publish = new PublishStage(output, encoder, nowClock, listener, this::appendHealth,
                Math.round(config.mqtt().healthPeriodMillis() * 1e6), config.mqtt().occupancyEverySets());
        ring = new FrameRing(config.ring(), sensors.size(), config.occupancy().maxObjects(), List.of(
                new FrameRing.Stage("align", align),
                new FrameRing.Stage("perceive", perceive),
                new FrameRing.Stage("fuse", fuse),
                new FrameRing.Stage("track", track),
                new FrameRing.Stage("decide", decide),
                new FrameRing.Stage("publish", publish)));
        List<SensorId> ids = sensors.stream().map(SensorConfig::id).toList();
        sink = new RingFrameSink(ring, ids, sensors.stream().map(SensorConfig::ringFullPolicy).toList(), arrivalClock);
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

    /** Waits until everything published went through every stage, then publishes a last health report. */
    public void finish(long timeoutMillis) {
        if (finished) {
            return;
        }
        finished = true;
        sink.discardPending();
        try {
            ring.drainAndStop(timeoutMillis);
        } catch (TimeoutException e) {
            throw new IllegalStateException("pipeline did not drain within " + timeoutMillis + " ms", e);
        }
        publish.publishHealth(nowClock.nowNanos());
    }

    private void appendHealth(JsonWriter w) {
        w.field("uptimeSeconds", (System.nanoTime() - startWallNanos) / 1e9, 1);
        TimeAligner aligner = align.aligner();
        w.beginObject("sensors");
        for (int i = 0; i < sink.sensorCount(); i++) {
            w.beginObject(sink.sensor(i).name())
                    .field("published", sink.publishedCount(i))
                    .field("droppedRingFull", sink.droppedCount(i))
                    .field("stalledRingFull", sink.stalledCount(i))
                    .field("rejected", sink.rejectedCount(i))
                    .field("aligned", aligner.receivedCount(i))
                    .field("outOfOrder", aligner.outOfOrderCount(i))
                    .field("late", aligner.lateCount(i))
                    .field("silent", aligner.isSilent(i))
                    .endObject();
        }
        w.endObject();
        w.field("unknownSensorFrames", sink.unknownSensorCount());
        w.beginObject("sets")
                .field("total", aligner.setCount())
                .field("partial", aligner.partialSetCount())
                .field("withoutReference", aligner.silentReferenceSetCount())
                .field("perceptionSkipped", perceive.skippedCount())
                .field("gridSnapshotsMissed", fuse.snapshotsMissedCount())
                .field("trackSnapshotsMissed", track.snapshotsMissedCount())
                .endObject();
        w.beginObject("tracking").field("fusedObjects", track.fusedObjectCount())
                .field("cameraMatched", track.cameraMatchedCount())
                .field("tracksConfirmed", track.confirmedTrackCount()).endObject();
        w.beginObject("cameraDetections").field("images", perceive.detectedImageCount())
                .field("detections", perceive.detectionCount()).endObject();
        w.beginObject("decisions");
        for (DecisionKind k : DecisionKind.values()) {
            w.field(k.name(), decide.decisionCount(k));
        }
        w.endObject();
        w.beginObject("stageErrors");
        ring.stageErrors().forEach(w::field);
        w.endObject();
        w.beginObject("ring").field("size", ring.size()).field("remainingCapacity", ring.remainingCapacity())
                .field("droppedTicks", ring.droppedTickCount()).endObject();
        LatencyHistogram e2e = publish.endToEndLatency();
        w.beginObject("latencyMillis").field("p50", e2e.quantileMillis(0.5), 3).field("p99", e2e.quantileMillis(0.99), 3)
                .endObject();
        if (extraHealth != null) {
            extraHealth.accept(w);
        }
    }

    /** Per-stage processing time histograms, in stage order. */
    public Map<String, LatencyHistogram> stageLatencies() {
        Map<String, LatencyHistogram> m = new LinkedHashMap<>();
        for (StageTimer t : List.of(align.timer(), perceive.timer(), fuse.timer(), track.timer(), decide.timer(),
                publish.timer())) {
            m.put(t.stage(), t.histogram());
        }
        return m;
    }

    public LatencyHistogram endToEndLatency() {
        return publish.endToEndLatency();
    }

    /** Reference stamp (first point of the sweep) to decision published. */
    public LatencyHistogram referenceAge() {
        return publish.referenceAge();
    }

    public LatencyHistogram pipelineLatency() {
        return publish.pipelineLatency();
    }

    public long decisionCount(DecisionKind kind) {
        return decide.decisionCount(kind);
    }

    public Map<String, Long> stageErrors() {
        return ring.stageErrors();
    }

    public RingFrameSink frameSink() {
        return sink;
    }

    public TimeAligner aligner() {
        return align.aligner();
    }

    public RuntimeConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            sink.discardPending();
            ring.close();
        }
        output.close();
    }
}
