package org.avfusion.runtime.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.calibration.time.ClockOffset;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.recorded.format.RecordingSource;
import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.drivers.source.RecordedWindow;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.output.file.DecisionFileWriter;
import org.avfusion.runtime.plan.DecisionReason;
import org.avfusion.runtime.ring.RingFrameSink;
import org.avfusion.scenarios.sim.ScenarioSpec;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.MqttConfig;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.avfusion.runtime.config.VehicleConfig;
import org.avfusion.runtime.health.LatencyRecorder;
import org.avfusion.runtime.health.LatencySummary;
import org.avfusion.runtime.inference.CameraDetector;
import org.avfusion.runtime.inference.DetectorConfig;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.UncheckedIOException;
import org.avfusion.runtime.output.json.JsonPayload;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.runtime.perceive.detect.ObjectDetector;
import org.avfusion.scenarios.sim.EgoCommands;
import org.avfusion.scenarios.sim.GroundTruth;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.runtime.output.record.RecordRequest;
import org.avfusion.runtime.output.record.Recorder;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.warmup.HeapBudget;
import org.avfusion.runtime.warmup.Rehearsal;
import org.avfusion.runtime.warmup.WarmUpFrames;
import org.avfusion.runtime.warmup.WarmupReport;
import org.avfusion.runtime.health.GcPauseMonitor;
import org.avfusion.runtime.health.JitCompileTime;
import org.avfusion.runtime.output.DecisionListener;

/**
 * Replays a simulated drive or a recorded one through the whole pipeline and out over MQTT: the main job of
 * {@code avfusion replay}.
 *
 * <p><b>Nothing lost at full speed.</b> As fast as possible, every sensor's ring policy is BLOCK, clock ticks wait
 * for a slot, the recording's pools wait for a buffer and the MQTT client for room in its in-flight window (each up
 * to {@link #BACK_PRESSURE_MAX_WAIT_NANOS}, so a stuck consumer ends in a counted drop, not a hang): the replay slows
 * to the pipeline's pace instead of dropping, and two replays give the same decisions. The MQTT client waits only
 * while connected: with the broker unreachable (from the start or for a while) the replay runs on as the vehicle
 * would, decisions into the outbox and other output dropped, counted, and the end says how many decisions were lost.
 * At a finite speed the vehicle's drop policies apply and every drop is counted, as live.
 *
 * <p><b>Deadlines.</b> At real time or slower the latency budget and the watchdog apply, on the replay's vehicle clock
 * ({@link Supervision#forReplaySpeed}); faster than real time they are off, so that such replays stay deterministic.
 * At the end the MQTT outbox gets its chance to empty and any decision lost on the way to the broker is counted in the
 * summary ({@code decisionsLost}) and {@link Result#decisionsLost()}; the CLI then exits {@link #EXIT_DECISIONS_LOST}.
 *
 * <p>The simulated rig is its own calibration: its sensors' true clock offsets, its lidar mount and the ego's body
 * replace those of the profile, so that a scenario replays correctly under any profile.
 */
public final class ReplayJob {
    /**
     * Pooled buffers per recorded stream made before a paced replay's clock starts (with the warm-up): at real time a
     * stream holds its frame being read and the one the ring is on, so KITTI's first two sweeps' clouds (2.5 MB
     * each) were made while its first frames played (docs/PERFORMANCE.md, "The ring's own buffers before the
     * clock"). As fast as possible the pools fill within the first sweeps anyway.
     */
    static final int PACED_BUFFERS_PER_STREAM = 2;

    /** What the job prints about camera detection until a detector model is configured. */
    public static final String CAMERA_DETECTION_OFF = "off (no --model given; decisions use lidar, GNSS and IMU)";

    /**
     * @param speed     replay speed factor, or {@link ReplayPacer#AS_FAST_AS_POSSIBLE}
     * @param maxFrames stop after this many frames
     * @param console   where decision changes and the summary go, or null for none
     * @param sinkDecorator wraps the ring's sink (fault injection, HIL taps); identity for a plain replay
     * @param listener  in-process observer of every decision (in addition to the console)
     * @param output    opens the output channel of this replay (e.g. an in-process one: no broker, no port), or null
     *                  for MQTT as the profile's {@code mqtt} section says
     */
    public record Options(double speed, long maxFrames, PrintStream console, Path reportFile,
            UnaryOperator<FrameSink> sinkDecorator, DecisionListener listener, DetectorConfig detection,
            Path decisionsFile, ReplayProgress.Mode progress, double fromSeconds, double toSeconds,
            RecordRequest record, Supplier<? extends OutputChannel> output, WarmUp warmUp,
            WarmUpFrames warmUpFrames, Rehearsal rehearsal) {
        public Options {
            Objects.requireNonNull(warmUpFrames, "warmUpFrames");
            Objects.requireNonNull(rehearsal, "rehearsal");
            Objects.requireNonNull(warmUp, "warmUp");
            Objects.requireNonNull(sinkDecorator, "sinkDecorator");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(progress, "progress");
            if (!(fromSeconds >= 0) || !(toSeconds > fromSeconds)) {
                throw new IllegalArgumentException("--from must be >= 0 and --to after it; were " + fromSeconds
                        + " and " + toSeconds);
            }
        }

        /** No decision file, no progress line, the whole recording. */
        public Options(double speed, long maxFrames, PrintStream console, Path reportFile,
                UnaryOperator<FrameSink> sinkDecorator, DecisionListener listener, DetectorConfig detection) {
            this(speed, maxFrames, console, reportFile, sinkDecorator, listener, detection, null,
                    ReplayProgress.Mode.OFF, 0, Double.POSITIVE_INFINITY, null, null, WarmUp.AUTO, WarmUpFrames.NONE,
                    Rehearsal.NONE);
        }

        /** Without camera detection. */
        public Options(double speed, long maxFrames, PrintStream console, Path reportFile,
                UnaryOperator<FrameSink> sinkDecorator, DecisionListener listener) {
            this(speed, maxFrames, console, reportFile, sinkDecorator, listener, null);
        }

        /** Plain replay: frames go straight into the ring, no camera detection. */
        public Options(double speed, long maxFrames, PrintStream console, Path reportFile) {
            this(speed, maxFrames, console, reportFile, UnaryOperator.identity(), DecisionListener.NONE, null);
        }

        /** These options writing every decision to {@code file} (JSON lines). */
        public Options withDecisionsFile(Path file) {
            return new Options(speed, maxFrames, console, reportFile, sinkDecorator, listener, detection, file,
                    progress, fromSeconds, toSeconds, record, output, warmUp, warmUpFrames, rehearsal);
        }

        /** These options with a progress display. */
        public Options withProgress(ReplayProgress.Mode mode) {
            return new Options(speed, maxFrames, console, reportFile, sinkDecorator, listener, detection,
                    decisionsFile, mode, fromSeconds, toSeconds, record, output, warmUp, warmUpFrames, rehearsal);
        }

        /** These options replaying only recorded time [from, to) seconds after the first frame. */
        public Options withWindow(double from, double to) {
            return new Options(speed, maxFrames, console, reportFile, sinkDecorator, listener, detection,
                    decisionsFile, progress, from, to, record, output, warmUp, warmUpFrames, rehearsal);
        }

        /** These options also recording inputs and outputs (MCAP file, live view) as {@code request} asks. */
        public Options withRecord(RecordRequest request) {
            return new Options(speed, maxFrames, console, reportFile, sinkDecorator, listener, detection,
                    decisionsFile, progress, fromSeconds, toSeconds, request, output, warmUp, warmUpFrames, rehearsal);
        }

        /** These options with another decision observer (the console and the decision file stay). */
        public Options withListener(DecisionListener l) {
            return new Options(speed, maxFrames, console, reportFile, sinkDecorator, l, detection,
                    decisionsFile, progress, fromSeconds, toSeconds, record, output, warmUp, warmUpFrames, rehearsal);
        }

        /** These options publishing to the channel {@code channel} opens instead of MQTT. */
        public Options withOutput(Supplier<? extends OutputChannel> channel) {
            return new Options(speed, maxFrames, console, reportFile, sinkDecorator, listener, detection,
                    decisionsFile, progress, fromSeconds, toSeconds, record, channel, warmUp, warmUpFrames, rehearsal);
        }

        /** These options warming the pipeline up before the first frame as {@code mode} says. */
        public Options withWarmUp(WarmUp mode) {
            return new Options(speed, maxFrames, console, reportFile, sinkDecorator, listener, detection,
                    decisionsFile, progress, fromSeconds, toSeconds, record, output, mode, warmUpFrames, rehearsal);
        }

        /**
         * These options warming up on {@code frames} of the recording too (its first sweeps and camera images, see
         * {@link Pipeline#warmUp(int, int, WarmUpFrames)}).
         */
        public Options withWarmUpFrames(WarmUpFrames frames) {
            return new Options(speed, maxFrames, console, reportFile, sinkDecorator, listener, detection,
                    decisionsFile, progress, fromSeconds, toSeconds, record, output, warmUp, frames, rehearsal);
        }

        /** These options reporting {@code r}, the recording's rehearsal before this replay (see {@link Rehearsal}). */
        public Options withRehearsal(Rehearsal r) {
            return new Options(speed, maxFrames, console, reportFile, sinkDecorator, listener, detection,
                    decisionsFile, progress, fromSeconds, toSeconds, record, output, warmUp, warmUpFrames, r);
        }

        /** Whether the pipeline warms up before the first frame: {@link WarmUp#AUTO} does unless as fast as possible. */
        public boolean warmsUp() {
            return warmUp == WarmUp.ON || (warmUp == WarmUp.AUTO && !asFastAsPossible());
        }

        /** As fast as possible: back-pressure instead of drops. */
        public boolean asFastAsPossible() {
            return speed == ReplayPacer.AS_FAST_AS_POSSIBLE;
        }
    }

    /**
     * Whether a replay warms its stages up before the first frame ({@link Pipeline#warmUp}). The warm-up is for a
     * replay clock: it keeps JIT compilation and first inferences out of the first decisions' latency. As fast as
     * possible there is no clock and no latency budget (decisions are not aged), so {@link #AUTO} skips it there: the
     * same JIT work then happens on the recording's own frames instead of 30 synthetic sweeps first, and the
     * decisions are the same either way (the warm-up runs on fresh instances).
     */
    public enum WarmUp {
        /** Warm up unless the replay runs as fast as possible (the default). */
        AUTO,
        /** Always warm up (e.g. to measure the warmed pipeline at {@code --speed max}). */
        ON,
        /** Never warm up. */
        OFF;

        /** {@code auto}, {@code on} or {@code off}. */
        public static WarmUp parse(String s) {
            for (WarmUp w : values()) {
                if (w.name().equalsIgnoreCase(s)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("--warm-up must be auto, on or off; was '" + s + "'");
        }
    }

    /** The rehearsal's figures as {@code "rehearsal": {...}} (nothing when none was asked for). */
    private static void writeRehearsal(JsonGenerator w, JsonPayload report, Rehearsal r) throws IOException {
        if (r == Rehearsal.NONE) {
            return;
        }
        w.writeObjectFieldStart("rehearsal");
        if (r.ran()) {
            report.fixed("recordedSeconds", r.recordedSeconds(), 3);
            w.writeNumberField("passes", r.passes());
            w.writeNumberField("frames", r.frames());
            w.writeNumberField("decisions", r.decisions());
            report.fixed("wallMillis", r.wallMillis(), 1);
        } else {
            w.writeStringField("skipped", r.skipped());
        }
        w.writeEndObject();
    }

    /** Why the warm-up did not run, for the console and the summary. */
    static String warmUpSkippedWhy(Options options) {
        return options.warmUp() == WarmUp.OFF ? "--warm-up off"
                : "as fast as possible: no replay clock to keep JIT compilation out of; --warm-up on to warm up anyway";
    }

    public static final String CAMERA_DETECTION_SIMULATED = "simulated (the scenario's ground truth with noise, misses "
            + "and false positives): detections are fused with lidar clusters into tracks that decisions use";

    /** The lidar frame into the simulated camera's image (optical frame: x right, y down, z forward). */
    public static PointProjector cameraProjector(SimulatedDrive drive) {
        RigidTransform opticalFromBody = RigidTransform.of(new double[] {0, -1, 0, 0, 0, -1, 1, 0, 0}, 0, 0, 0);
        RigidTransform baseFromLidar = RigidTransform.fromMountPose(drive.lidarMount());
        RigidTransform baseFromCamera = RigidTransform.fromMountPose(drive.cameraMount());
        return new PointProjector(opticalFromBody.compose(baseFromCamera.inverse()).compose(baseFromLidar),
                drive.cameraIntrinsics().withDistortion(DistortionCoefficients.NONE));
    }

    /**
     * What a decision asks of a closed-loop simulated ego: STOP a limit of 0, SLOW and REROUTE (the moment a new route
     * is planned: hold, 0) its target speed, PROCEED none; at the deceleration the decision asks for.
     */
    static void command(EgoCommands ego, Decision d) {
        double limit = switch (d.kind()) {
            case STOP -> 0.0;
            case SLOW, REROUTE -> d.targetSpeedMetersPerSecond();
            case PROCEED -> Double.POSITIVE_INFINITY;
        };
        ego.command(d.referenceStampNanos(), Double.isNaN(limit) ? 0.0 : limit, d.decelerationMetersPerSec2());
    }

    /** What decisions say about camera detection with this detector config (null: off). */
    public static String cameraDetection(DetectorConfig detection) {
        if (detection == null) {
            return CAMERA_DETECTION_OFF;
        }
        return "on (" + detection.session().modelPath().getFileName() + ", " + detection.layout().name().toLowerCase()
                + (detection.tiled() ? ", tiled" : "") + "): detections are fused with lidar clusters into tracks that "
                + "decisions use";
    }

    /** As {@link #cameraDetection(DetectorConfig)} where no lidar-to-camera projection is known (recordings, live). */
    public static String cameraDetectionUnfused(DetectorConfig detection) {
        if (detection == null) {
            return CAMERA_DETECTION_OFF;
        }
        return "on (" + detection.session().modelPath().getFileName() + ", " + detection.layout().name().toLowerCase()
                + (detection.tiled() ? ", tiled" : "") + "): detections are published on objects; without a "
                + "lidar-to-camera projection they are not fused into tracks";
    }

    /**
     * What a replay did, for the CLI, tests and the benchmark.
     *
     * @param decisionsLost       decisions that never reached the broker and never will (outbox full, refused, left
     *                            in an in-memory outbox when the broker stopped acknowledging at the end); a replay
     *                            that lost any exits {@link #EXIT_DECISIONS_LOST}
     * @param deadlineMissedStops PROCEED / SLOW published as STOP DEADLINE_MISSED (0 faster than real time)
     * @param watchdogFailSafes   STOP WATCHDOG_NO_DECISION the watchdog published (0 faster than real time)
     */
    public record Result(
            String scenario, long frames, double vehicleSeconds, double wallSeconds, Map<DecisionKind, Long> decisions,
            Map<String, LatencySummary> stageLatencies, LatencySummary endToEnd, LatencySummary pipeline,
            Map<String, Long> stageErrors, String reportJson, long droppedFrames, long skippedFrames,
            long cameraImagesDetected, List<String> missing, GroundTruth groundTruth, long lockstepTimeouts,
            long lateCommands, long decisionsLost, long deadlineMissedStops, long watchdogFailSafes,
            List<String> recordingStopped) {

        public double framesPerSecond() {
            return frames / wallSeconds;
        }

        public double realTimeFactor() {
            return vehicleSeconds / wallSeconds;
        }
    }

    private ReplayJob() {
    }

    /** The profile adjusted to the simulated rig of {@code drive}. */
    public static RuntimeConfig adaptToRig(RuntimeConfig config, SimulatedDrive drive) {
        Map<SensorId, ClockOffset> offsets = drive.trueClockOffsets();
        List<SensorConfig> sensors = new ArrayList<>();
        for (SensorConfig s : config.sensors()) {
            ClockOffset o = offsets.get(s.id());
            sensors.add(o == null ? s : new SensorConfig(s.name(), s.kind(), o.offsetNanos() / 1e6, s.timeoutMillis(),
                    s.ringFullPolicy(), s.critical()));
        }
        VehicleConfig v = config.vehicle();
        VehicleConfig vehicle = new VehicleConfig(v.id(), v.rearOverhangMeters() + drive.egoFrontOverhangMeters(),
                drive.egoWidthMeters(), v.rearOverhangMeters(), VehicleConfig.MountConfig.of(drive.lidarMount()));
        return config.withVehicleAndSensors(vehicle, sensors);
    }

    /** Runs the drive to its end (or {@code maxFrames}) and returns what happened. */
    public static Result run(ScenarioSpec scenario, RuntimeConfig profile, Options options) {
        Objects.requireNonNull(scenario, "scenario");
        // MQTT output: connect while the drive is built (neither the mqtt section nor the vehicle id depends on it)
        EarlyChannel early = options.output() == null
                ? EarlyChannel.open(profile.mqtt(), profile.vehicle().id()) : null;
        Options opts = early == null ? options : options.withOutput(early::take);
        // no consumer of pixels: camera frames carry their size only, and OpenCV is not loaded to paint them
        try (SimulatedDrive drive = new SimulatedDrive(scenario, RecordingProfile.readsImagePixels(profile, opts))) {
            RuntimeConfig config = adaptToRig(profile, drive);
            return replay(drive.spec().name(), drive, drive.describe(), config, opts,
                    drive.cameraIntrinsics().widthPixels(), drive.cameraIntrinsics().heightPixels(), List.of(),
                    RecordedSource.END, List.of(), null, drive, null);
        } finally {
            if (early != null) {
                early.closeIfNotTaken();
            }
        }
    }

    /**
     * Replays a recording opened by its {@link org.avfusion.drivers.recorded.format.RecordingFormat} under
     * {@code profile} adapted to it (see {@link RecordingProfile#forRecording}).
     *
     * @param rig       the rig to apply ({@code --rig}), or null for the recording's own calibration (if any)
     * @param rigSource names {@code rig} in messages
     */
    public static Result run(RecordingSource recording, RuntimeConfig profile, Rig rig, String rigSource,
            Options options) {
        Objects.requireNonNull(recording, "recording");
        Rig applied = rig != null ? rig : recording.rig();
        String source = rig != null ? rigSource : "the calibration of " + recording.formatName() + " recording";
        RuntimeConfig config = RecordingProfile.forRecording(profile, recording.sensors(), applied, source);
        // a recording avfusion made carries the rig it was made on (clock offsets, body, lidar mount)
        config = RecordedProfile.apply(config, recording.metadata(RecordedProfile.NAME));
        int width = 0;
        int height = 0;
        if (options.detection() != null) {
            SensorId camera = recording.sensors().stream().filter(s -> s.kind() == SensorKind.CAMERA).findFirst()
                    .orElseThrow(() -> new ConfigException("--model given, but the recording has no camera"));
            if (applied != null && applied.sensors().containsKey(camera.name())
                    && applied.sensor(camera.name()).intrinsics() != null) {
                width = applied.intrinsics(camera.name()).widthPixels();
                height = applied.intrinsics(camera.name()).heightPixels();
            }
        }
        List<String> missing = new ArrayList<>();
        java.util.Set<SensorKind> kinds = java.util.EnumSet.noneOf(SensorKind.class);
        recording.sensors().forEach(s -> kinds.add(s.kind()));
        if (!kinds.contains(SensorKind.LIDAR)) {
            missing.add("no lidar (every decision is a fail-safe STOP)");
        }
        if (!kinds.contains(SensorKind.GNSS) && !kinds.contains(SensorKind.IMU)
                && !kinds.contains(SensorKind.ODOMETRY)) {
            if (kinds.contains(SensorKind.LIDAR) && config.ego().filterEnabled()) {
                // lidar odometry is the ego-motion source of last resort (issue #10): a drive with nothing else
                // still gets speed and yaw rate, though no position
                if (!config.ego().lidarOdometry()) {
                    config = config.withEgo(config.ego().withLidarOdometry(true));
                }
                missing.add(NO_EGO_SOURCE_LIDAR_ODOMETRY);
            } else {
                missing.add("no ego motion (no GNSS/IMU/odometry: decisions say " + DecisionReason.EGO_MOTION_UNKNOWN
                        + ")");
            }
        }
        if (!kinds.contains(SensorKind.CAMERA)) {
            missing.add("no camera");
        }
        if (options.asFastAsPossible()) {
            for (BufferPool<?> pool : recording.pools()) {
                pool.waitWhenExhausted(BACK_PRESSURE_MAX_WAIT_NANOS);
            }
        }
        String name = recording.formatName();
        return replay(name, recording, recording.describe(), config, options, width, height, recording.notes(),
                recording.lastArrivalNanos(), missing, recording, null, projector(recording.sensors(), applied,
                        options.detection() != null));
    }

    /** The summary's line for a recording whose only ego-motion source is its lidar. */
    public static final String NO_EGO_SOURCE_LIDAR_ODOMETRY = "no GNSS/IMU/odometry: ego motion from lidar odometry "
            + "alone (turned on for this replay: speed and yaw rate, no position)";

    /** Exit code of a replay that lost decisions (and had no stage error, which exits 1). */
    public static final int EXIT_DECISIONS_LOST = 4;

    /**
     * Exit code of a replay whose recording ({@code --record}) stopped before the replay ended (a write failed: disk
     * full, file system gone): the decisions are whole, the file is not. Decisions lost ({@link #EXIT_DECISIONS_LOST})
     * come first when both happen.
     */
    public static final int EXIT_RECORDING_INCOMPLETE = 5;

    /**
     * Decisions a replay lost on the way to the broker, counted after the pipeline drained and the outbox had its
     * chance to empty: {@code dropped} (evicted from a full outbox, refused) plus, for an in-memory outbox, those still
     * unacknowledged when the broker stopped acknowledging (they are lost when the replay closes the client).
     */
    record DecisionLoss(long dropped, long pendingLost, String why) {
        static final DecisionLoss NONE = new DecisionLoss(0, 0, "");

        long lost() {
            return dropped + pendingLost;
        }

        /**
         * Waits for the outbox to empty while the broker keeps acknowledging (gives up after
         * {@code mqtt.ackTimeoutMillis} without progress), then counts.
         */
        static DecisionLoss await(MqttOutputChannel channel, MqttConfig mqtt) {
            int pending = channel.stats().outboxPending();
            try {
                while (pending > 0 && !channel.awaitDelivered(mqtt.ackTimeoutMillis())) {
                    int now = channel.stats().outboxPending();
                    if (now >= pending) {
                        break;
                    }
                    pending = now;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            org.avfusion.runtime.output.mqtt.MqttStats s = channel.stats();
            long left = mqtt.outboxPath() == null ? s.outboxPending() : 0;
            List<String> why = new ArrayList<>();
            if (s.outboxEvicted() > 0) {
                why.add(s.outboxEvicted() + " evicted from the full outbox (mqtt.outboxCapacity " + s.outboxCapacity()
                        + ")");
            }
            if (s.decisionsLost() > s.outboxEvicted()) {
                why.add((s.decisionsLost() - s.outboxEvicted()) + " refused");
            }
            if (left > 0) {
                why.add(left + " unacknowledged at the end (in-memory outbox; broker " + (s.connected() ? "not "
                        + "acknowledging" : "not connected") + ")");
            }
            if (s.lastError() != null && !why.isEmpty()) {
                why.add("last error: " + s.lastError());
            }
            return new DecisionLoss(s.decisionsLost(), left, String.join("; ", why));
        }
    }

    /**
     * The recording's first lidar into its first camera's image (the camera the detector runs on), from the rig; null
     * without detection, without a rig, or when the rig lacks either sensor or the camera's intrinsics.
     */
    static PointProjector projector(List<SensorId> sensors, Rig rig, boolean detecting) {
        if (!detecting || rig == null) {
            return null;
        }
        SensorId lidar = sensors.stream().filter(s -> s.kind() == SensorKind.LIDAR).findFirst().orElse(null);
        SensorId camera = sensors.stream().filter(s -> s.kind() == SensorKind.CAMERA).findFirst().orElse(null);
        if (lidar == null || camera == null || !rig.sensors().containsKey(lidar.name())
                || !rig.sensors().containsKey(camera.name()) || rig.sensor(camera.name()).intrinsics() == null) {
            return null;
        }
        return rig.projector(camera.name(), lidar.name());
    }

    /** Longest a replay at full speed waits for a buffer or the MQTT window before it drops (and counts). */
    static final long BACK_PRESSURE_MAX_WAIT_NANOS = 30_000_000_000L;

    private static Result replay(String name, RecordedSource recorded, String description, RuntimeConfig adapted,
            Options options, int cameraWidth, int cameraHeight, List<String> notes, long lastArrivalNanos,
            List<String> missing) {
        return replay(name, recorded, description, adapted, options, cameraWidth, cameraHeight, notes,
                lastArrivalNanos, missing, null, null, null);
    }

    /**
     * @param recordedProjector the recording's lidar into its detecting camera's image (from the rig), or null when
     *                          the rig does not give it: detections are then published but not fused
     */
    private static Result replay(String name, RecordedSource recorded, String description, RuntimeConfig adapted,
            Options options, int cameraWidth, int cameraHeight, List<String> notes, long lastArrivalNanos,
            List<String> missing, RecordingSource recording, SimulatedDrive drive, PointProjector recordedProjector) {
        boolean fast = options.asFastAsPossible();
        RuntimeConfig config = fast ? RecordingProfile.blocking(adapted) : adapted;
        // before anything is opened or allocated: settings that do not fit this JVM's heap are refused here
        List<String> heapWarnings = HeapBudget.check(config, drive != null ? HeapBudget.Input.SIMULATED
                : HeapBudget.Input.RECORDING, options.detection() != null,
                options.record() == null ? 0 : options.record().config().queueBytes());
        ReplayPacer pacer = new ReplayPacer(options.speed(), config.ring().tickPeriodNanos());
        PrintStream out = options.console();
        MqttConfig mqtt = config.mqtt();
        PointProjector projector = drive != null ? cameraProjector(drive) : recordedProjector;
        String cameraDetection = projector != null ? cameraDetection(options.detection())
                : cameraDetectionUnfused(options.detection());
        RecordedSource source = recorded;
        long firstArrival = source.nextArrivalNanos();
        if (options.fromSeconds() > 0 || options.toSeconds() != Double.POSITIVE_INFINITY) {
            long recordedFirst = firstArrival;
            source = new RecordedWindow(source, firstArrival, options.fromSeconds(), options.toSeconds());
            firstArrival = source.nextArrivalNanos();
            if (firstArrival == RecordedSource.END && recordedFirst != RecordedSource.END) {
                // nothing to replay: say so, rather than a run of zero frames and NaN latencies
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "--from %s s: no frame of the recording lies in the window%s; %s", trim(options.fromSeconds()),
                        options.toSeconds() == Double.POSITIVE_INFINITY ? ""
                                : " up to --to " + trim(options.toSeconds()) + " s",
                        lastArrivalNanos == RecordedSource.END ? "its frames start at 0 s"
                                : String.format(java.util.Locale.ROOT, "its frames span 0 to %.3f s",
                                        (lastArrivalNanos - recordedFirst) / 1e9)));
            }
        }
        ObjectDetector detector = null;
        if (options.detection() == null && drive != null && drive.simulatedDetector() != null) {
            detector = new SimulatedObjectDetector(drive.simulatedDetector());
            cameraDetection = CAMERA_DETECTION_SIMULATED;
        } else if (options.detection() != null) {
            CameraDetector network = CameraDetector.open(options.detection());
            detector = network;
            if (cameraWidth > 0) {
                try {
                    network.checkCamera(cameraWidth, cameraHeight);
                } catch (RuntimeException e) {
                    network.close();
                    throw e;
                }
            }
        }
        long totalEnd = lastArrivalNanos == RecordedSource.END ? RecordedSource.END
                : Math.min(lastArrivalNanos, options.toSeconds() == Double.POSITIVE_INFINITY ? Long.MAX_VALUE
                        : firstArrival + (long) ((options.toSeconds() - options.fromSeconds()) * 1e9));
        DecisionFileWriter decisionFile = null;
        Recorder recorder = null;
        GcPauseMonitor gc = GcPauseMonitor.start();
        long jvmUpAtReplay = GcPauseMonitor.uptimeMillis();
        try (OutputChannel channel = options.output() != null ? options.output().get()
                : MqttOutputChannel.open(mqtt, config.vehicle().id())) {
            MqttOutputChannel mqttChannel = channel instanceof MqttOutputChannel m ? m : null;
            // as fast as possible the recorder waits for its writer as the source waits for buffers: nothing lost
            recorder = options.record() == null ? null : RecordedProfile.open(
                    fast ? options.record().waitingWhenFull() : options.record(), config);
            if (fast && mqttChannel != null) {
                mqttChannel.waitForInflightWindow(BACK_PRESSURE_MAX_WAIT_NANOS);
            }
            if (out != null) {
                out.println("avfusion replay: " + description);
                notes.forEach(n -> out.println("  note: " + n));
                out.println("  speed " + (fast ? "as fast as possible (waits for buffers, and for the MQTT window "
                        + "while the broker is connected: nothing dropped)" : options.speed() + "x real time") + "; " + (mqttChannel == null
                        ? "in-process output (no broker)" : "MQTT " + mqttChannel.brokerUri() + " topics avfusion/"
                        + config.vehicle().id() + "/{decision,objects,occupancy,health}"));
                out.println("  camera detection: " + cameraDetection);
                if (options.record() != null && options.record().path() != null) {
                    out.println("  recording to " + options.record().path());
                }
            }
            if (options.decisionsFile() != null) {
                decisionFile = new DecisionFileWriter(options.decisionsFile(),
                        config.sensors().stream().map(SensorConfig::name).toList());
                // --decisions - into a reader that went away (`| head`): stop replaying into a closed pipe
                decisionFile.onStdoutClosed(pacer::stop);
            }
            DecisionListener printer = out == null || options.progress() == ReplayProgress.Mode.TERMINAL
                    ? DecisionListener.NONE : new ChangePrinter(out);
            DecisionFileWriter file = decisionFile;
            EgoCommands ego = drive == null ? null : drive.egoCommands();
            DecisionListener listener = (d, set, latency) -> {
                if (ego != null) {
                    command(ego, d);
                }
                if (file != null) {
                    file.onDecision(d, set, latency);
                }
                printer.onDecision(d, set, latency);
                options.listener().onDecision(d, set, latency);
            };
            long frames;
            ObjectDetector owned = detector;
            detector = null; // the pipeline's perceive stage owns it from here
            Recorder rec = recorder;
            OutputChannel output = rec == null ? channel : rec.tee(channel, pacer::nowVehicleNanos);
            Supervision supervision = Supervision.forReplaySpeed(options.speed());
            try (Pipeline pipeline = new Pipeline(config, output, pacer::releasedVehicleNanos,
                    pacer::nowVehicleNanos, listener, owned,
                    owned == null ? null : projector, cameraDetection, w -> {
                        if (mqttChannel != null) {
                            mqttChannel.appendHealth(w);
                        }
                        if (rec != null) {
                            rec.appendHealth(w);
                        }
                    }, supervision)) {
                if (mqttChannel != null && pipeline.routeLoop() != null) {
                    mqttChannel.subscribeCommands(org.avfusion.runtime.route.DestinationCommands.topic(
                            config.vehicle().id()), pipeline.routeLoop()::offerCommand);
                }
                pipeline.noteStartUpWarnings(heapWarnings);
                WarmupReport warm = options.warmsUp()
                        ? pipeline.warmUp(cameraWidth, cameraHeight, options.warmUpFrames()) : null;
                options.warmUpFrames().release(); // read by the warm-up: the run's heap need not hold them
                if (out != null) {
                    if (options.rehearsal() != Rehearsal.NONE) {
                        out.println("  " + options.rehearsal().consoleLine());
                    }
                    out.println("  " + (warm != null ? warm.consoleLine() : "warm-up: skipped ("
                            + warmUpSkippedWhy(options) + ")"));
                    pipeline.budgetWarnings().forEach(wl -> out.println("  budget: " + wl));
                    out.println("  " + (supervision == Supervision.ENFORCED ? LiveJob.deadlineLine(config)
                            : "latency budget and watchdog off: replay faster than real time (decisions are not aged,"
                                    + " so replays give the same decisions)"));
                }
                if (!fast && warm != null) {
                    // what a paced replay holds at once from each stream, made before the clock like the rest
                    source.preallocateBuffers(PACED_BUFFERS_PER_STREAM);
                }
                pipeline.publishReadyHealth(firstArrival);
                pipeline.start();
                ReplayProgress progress = new ReplayProgress(options.progress(), out, firstArrival, totalEnd,
                        () -> droppedFrames(pipeline) + (recording == null ? 0 : recording.skippedFrames()));
                RecordedSource paced = progress.wrap(source);
                ReplayPacer.ClockListener clock = fast ? pipeline::tickWaiting : pipeline::tick;
                long runFrom = GcPauseMonitor.uptimeMillis();
                long jitFrom = JitCompileTime.totalMillis();
                long wallStart = System.nanoTime(); // the replay's pace: set-up and warm-up are startUpMillis
                FrameSink sink = rec == null ? pipeline.sink() : rec.tap(pipeline.sink(), pacer::releasedVehicleNanos);
                // the recording's own stamps against its arrivals: outside the options' decorator, which sees the
                // frames after (a fault injector's altered stamps are its test's, not the recording's)
                FrameSink decorated = options.sinkDecorator().apply(sink);
                StampGaps stampGaps = recording == null ? null
                        : new StampGaps(decorated, pacer::releasedVehicleNanos);
                frames = pacer.run(paced, stampGaps != null ? stampGaps : decorated, clock, options.maxFrames());
                List<String> stampWarnings = stampGaps == null ? List.of() : stampGaps.warnings();
                pipeline.finish(30_000);
                long runTo = GcPauseMonitor.uptimeMillis();
                long jitRun = JitCompileTime.between(jitFrom, JitCompileTime.totalMillis());
                progress.finish();
                if (decisionFile != null) {
                    decisionFile.close();
                    decisionFile = null;
                }
                double wall = (System.nanoTime() - wallStart) / 1e9;
                double vehicle = (pacer.releasedVehicleNanos() - firstArrival) / 1e9;
                // after the wall time: waiting for the broker's acknowledgements is not the replay's pace
                DecisionLoss loss = mqttChannel == null ? DecisionLoss.NONE : DecisionLoss.await(mqttChannel, mqtt);
                // after the wait for the outbox: the last acknowledgements are in
                LatencySummary decisionAck = mqttChannel == null ? null : mqttChannel.decisionAckLatency();
                Map<DecisionKind, Long> decisions = new java.util.EnumMap<>(DecisionKind.class);
                for (DecisionKind k : DecisionKind.values()) {
                    decisions.put(k, pipeline.decisionCount(k));
                }
                long dropped = droppedFrames(pipeline);
                long skipped = recording == null ? 0 : recording.skippedFrames();
                // the recorder drains its queue on close: its account, drops included, goes into the report
                Recorder.Stats recordStats = null;
                if (recorder != null) {
                    recorder.close();
                    recordStats = recorder.stats();
                }
                String json = reportJson(name, frames, vehicle, wall, decisions, pipeline, options, dropped, skipped,
                        missing, stampWarnings, recording == null ? List.of() : recording.skipMessages(),
                        loss, gc.summary(runFrom, runTo), gc.summary(0, runFrom - 1), jitFrom, jitRun,
                        runFrom - jvmUpAtReplay, drive,
                        recordStats, decisionAck);
                Result result = new Result(name, frames, vehicle, wall, decisions,
                        summaries(pipeline.stageLatencies()), pipeline.endToEndLatency().summary(),
                        pipeline.pipelineLatency().summary(),
                        pipeline.stageErrors(), json, dropped, skipped, pipeline.detectedImageCount(), missing,
                        drive == null ? null : drive.groundTruth(), drive == null ? 0 : drive.lockstepTimeouts(),
                        drive == null ? 0 : drive.lateCommands(), loss.lost(), pipeline.deadlineStopCount(),
                        pipeline.watchdogFailSafeCount(),
                        recordStats == null ? List.of() : List.copyOf(recordStats.stoppedSinks()));
                if (out != null) {
                    missing.forEach(m -> out.println("  missing in the recording: " + m));
                    stampWarnings.forEach(m -> out.println("  stamps: " + m));
                    if (skipped > 0 || (recording != null && !recording.skipMessages().isEmpty())) {
                        skippedLines(skipped, recording.skipMessages()).forEach(out::println);
                    }
                    if (loss.lost() > 0) {
                        out.println("  DECISIONS LOST: " + loss.lost() + " decision(s) never reached the broker "
                                + (mqttChannel == null ? "" : mqttChannel.brokerUri()) + " (" + loss.why()
                                + "); exit code " + EXIT_DECISIONS_LOST);
                    }
                    if (!result.recordingStopped().isEmpty()) {
                        out.println("  RECORDING INCOMPLETE: " + String.join("; ", result.recordingStopped())
                                + " (the file ends before the replay did)"
                                + (loss.lost() > 0 ? "" : "; exit code " + EXIT_RECORDING_INCOMPLETE));
                    }
                    LatencyBudget.print(out, pipeline, decisionAck, gc.summary(runFrom, runTo), jitRun);
                    out.println(json);
                }
                if (options.reportFile() != null) {
                    Files.writeString(options.reportFile(), json + System.lineSeparator());
                }
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + options.reportFile() + ": "
                    + org.avfusion.runtime.output.file.OutputPaths.why(e), e);
        } finally {
            gc.close();
            if (detector != null) {
                detector.close(); // start-up failed before the pipeline took it over
            }
            if (decisionFile != null) {
                try {
                    decisionFile.close();
                } catch (RuntimeException ignored) {
                    // the replay failed already; its exception is the one to report
                }
            }
            if (recorder != null) {
                recorder.close();
                Recorder.Stats st = recorder.stats();
                if (out != null) {
                    out.printf("  recorded %d messages (%.1f MiB JSON), dropped %d%s%s%n", st.messagesOut(),
                            st.bytesOut() / 1048576.0, st.dropped(), st.dropped() == 0 ? ""
                                    : " (the writer fell behind at this speed and its queue was full: "
                                            + st.droppedByTopic() + "; replay --speed max waits for it instead)",
                            st.stoppedSinks().isEmpty() ? ""
                                    : "; recording stopped: " + String.join("; ", st.stoppedSinks()));
                }
            }
        }
    }

    /** Skip messages the console and the report's {@code skipped} show at most. */
    static final int SKIP_LINES = 10;

    /**
     * The console's account of frames the recording lost (cut short, unreadable, no free buffer): a count, then the
     * first {@link #SKIP_LINES} of the messages the recording kept (the report's {@code skipped}), each naming the
     * file or topic and the reason.
     */
    static List<String> skippedLines(long skipped, List<String> messages) {
        List<String> kept = messages.subList(0, Math.min(SKIP_LINES, messages.size()));
        List<String> lines = new java.util.ArrayList<>();
        // a message may account for several frames (a damaged chunk's messages): say how many messages follow
        if (skipped == 0) {
            // warnings only (damage that cost no frame the replay uses, e.g. a data-section CRC mismatch)
            lines.add("  recording warnings:");
            kept.forEach(m -> lines.add("    " + m));
            return lines;
        }
        lines.add("  skipped in the recording: " + skipped + (skipped == 1 ? " frame" : " frames")
                + (kept.size() < skipped ? " (" + (kept.size() < messages.size() ? "the first " : "")
                        + kept.size() + (kept.size() == 1 ? " message" : " messages") + " below)" : ""));
        kept.forEach(m -> lines.add("    " + m));
        return lines;
    }

    /** Frames the ring dropped (full ring) plus ticks it dropped, over all sensors. */
    static long droppedFrames(Pipeline pipeline) {
        RingFrameSink sink = pipeline.frameSink();
        long total = 0;
        for (int i = 0; i < sink.sensorCount(); i++) {
            total += sink.droppedCount(i);
        }
        return total;
    }

    private static String reportJson(String scenario, long frames, double vehicleSeconds, double wallSeconds,
            Map<DecisionKind, Long> decisions, Pipeline pipeline, Options options, long dropped, long skipped,
            List<String> missing, List<String> stampWarnings, List<String> skipMessages, DecisionLoss loss,
            GcPauseMonitor.Summary gcRun, GcPauseMonitor.Summary gcStart, long jitStartUpMillis, long jitRunMillis,
            long startUpMillis, SimulatedDrive drive,
            Recorder.Stats recorded, LatencySummary decisionAck) {
        JsonPayload report = new JsonPayload();
        JsonGenerator w = report.begin();
        try {
            w.writeStringField("summary", "replay");
            w.writeStringField("scenario", scenario);
            w.writeStringField("speed", options.speed() == ReplayPacer.AS_FAST_AS_POSSIBLE ? "max"
                    : Double.toString(options.speed()));
            w.writeNumberField("frames", frames);
            report.fixed("vehicleSeconds", vehicleSeconds, 3)
                    .fixed("wallSeconds", wallSeconds, 3)
                    .fixed("framesPerSecond", frames / wallSeconds, 1)
                    .fixed("realTimeFactor", vehicleSeconds / wallSeconds, 2);
            w.writeNumberField("droppedFrames", dropped);
            w.writeNumberField("skippedFrames", skipped);
            w.writeNumberField("mqttDroppedDecisions", loss.dropped());
            w.writeNumberField("decisionsLost", loss.lost());
            if (loss.lost() > 0) {
                w.writeStringField("decisionsLostWhy", loss.why());
            }
            if (recorded != null) {
                // --record / --foxglove: what the recorder wrote and, at a finite speed, what its full queue dropped
                w.writeObjectFieldStart("record");
                w.writeNumberField("messages", recorded.messagesOut());
                w.writeNumberField("bytes", recorded.bytesOut());
                w.writeNumberField("dropped", recorded.dropped());
                counts(w, "droppedByTopic", recorded.droppedByTopic());
                w.writeArrayFieldStart("stopped");
                for (String why : recorded.stoppedSinks()) {
                    w.writeString(why);
                }
                w.writeEndArray();
                w.writeEndObject();
            }
            w.writeArrayFieldStart("missing");
            for (String m : missing) {
                w.writeString(m);
            }
            w.writeEndArray();
            if (!stampWarnings.isEmpty()) {
                w.writeArrayFieldStart("stampWarnings");
                for (String m : stampWarnings) {
                    w.writeString(m);
                }
                w.writeEndArray();
            }
            w.writeArrayFieldStart("skipped");
            for (String m : skipMessages.subList(0, Math.min(SKIP_LINES, skipMessages.size()))) {
                w.writeString(m);
            }
            w.writeEndArray();
            w.writeObjectFieldStart("decisions");
            for (Map.Entry<DecisionKind, Long> e : decisions.entrySet()) {
                w.writeNumberField(e.getKey().name(), e.getValue());
            }
            w.writeEndObject();
            WarmupReport warm = pipeline.warmupReport();
            if (warm == null) {
                w.writeObjectFieldStart("warmUp");
                w.writeStringField("skipped", warmUpSkippedWhy(options));
                writeRehearsal(w, report, options.rehearsal());
                w.writeEndObject();
            } else {
                w.writeObjectFieldStart("warmUp");
                writeRehearsal(w, report, options.rehearsal());
                report.fixed("wallMillis", warm.wallMillis(), 1).fixed("cpuMillis", warm.cpuMillis(), 1);
                w.writeNumberField("sweeps", warm.sweeps());
                report.fixed("firstSweepMillis", warm.firstSweepMillis(), 3)
                        .fixed("lastSweepMillis", warm.lastSweepMillis(), 3);
                w.writeNumberField("inferences", warm.inferences());
                if (warm.inferences() > 0) {
                    report.fixed("firstInferenceMillis", warm.firstInferenceMillis(), 3);
                    if (!Double.isNaN(warm.warmInferenceMillis())) {
                        report.fixed("warmInferenceMillis", warm.warmInferenceMillis(), 3);
                    }
                    w.writeNumberField("recordedImages", warm.recordedImages());
                    w.writeNumberField("recordedDetections", warm.recordedDetections());
                }
                if (!Double.isNaN(warm.firstTrackMillis())) {
                    report.fixed("firstTrackMillis", warm.firstTrackMillis(), 3)
                            .fixed("lastTrackMillis", warm.lastTrackMillis(), 3)
                            .fixed("trackTotalMillis", warm.trackTotalMillis(), 1);
                }
                if (!Double.isNaN(warm.firstPublishMillis())) {
                    report.fixed("firstPublishMillis", warm.firstPublishMillis(), 3)
                            .fixed("lastPublishMillis", warm.lastPublishMillis(), 3)
                            .fixed("publishTotalMillis", warm.publishTotalMillis(), 1);
                    w.writeNumberField("encodedBytes", warm.encodedBytes());
                }
                w.writeEndObject();
            }
            w.writeArrayFieldStart("budgetWarnings");
            for (String b : pipeline.budgetWarnings()) {
                w.writeString(b);
            }
            w.writeEndArray();
            w.writeObjectFieldStart("stageMillis");
            for (Map.Entry<String, LatencyRecorder> e : pipeline.stageLatencies().entrySet()) {
                LatencySummary h = e.getValue().summary();
                w.writeObjectFieldStart(e.getKey());
                report.fixed("p50", h.p50Millis(), 3).fixed("p99", h.p99Millis(), 3).fixed("p999", h.p999Millis(), 3)
                        .fixed("max", h.maxMillis(), 3);
                w.writeNumberField("count", h.count());
                outOfRange(report, h);
                w.writeEndObject();
            }
            w.writeEndObject();
            summary(report, "latencyMillis", pipeline.endToEndLatency().summary());
            if (decisionAck != null) {
                // each decision handed to the MQTT client to the broker's PUBACK (MqttOutput.decisionAckLatency)
                summary(report, "decisionAckMillis", decisionAck);
            }
            w.writeObjectFieldStart("gcPauses");
            gcSummary(report, "run", gcRun);
            gcSummary(report, "startUp", gcStart);
            w.writeEndObject();
            if (jitRunMillis != JitCompileTime.UNMEASURED && jitStartUpMillis != JitCompileTime.UNMEASURED) {
                w.writeObjectFieldStart("jitCompileMillis"); // compiler threads' time, summed (JitCompileTime)
                w.writeNumberField("run", jitRunMillis);
                w.writeNumberField("startUp", jitStartUpMillis);
                w.writeEndObject();
            }
            w.writeNumberField("startUpMillis", startUpMillis);
            w.writeNumberField("jvmUptimeMillis", GcPauseMonitor.uptimeMillis());
            summary(report, "referenceAgeMillis", pipeline.referenceAge().summary());
            summary(report, "ringToDecisionMillis", pipeline.pipelineLatency().summary());
            counts(w, "stageErrors", pipeline.stageErrors());
            w.writeObjectFieldStart("deadline");
            boolean enforced = pipeline.supervision() == Supervision.ENFORCED;
            w.writeBooleanField("enforced", enforced);
            if (enforced) {
                report.fixed("budgetMillis", pipeline.config().deadline().budgetMillis(), 1);
                w.writeNumberField("missed", pipeline.deadlineMissedCount());
                w.writeNumberField("convertedToStop", pipeline.deadlineStopCount());
                counts(w, "missedBySlowestStage", pipeline.deadlineMissedByStage());
                w.writeNumberField("watchdogFailSafes", pipeline.watchdogFailSafeCount());
            }
            w.writeEndObject();
            if (drive != null && drive.closedLoop()) {
                w.writeObjectFieldStart("closedLoop");
                w.writeNumberField("lockstepTimeouts", drive.lockstepTimeouts());
                w.writeNumberField("lateCommands", drive.lateCommands());
                w.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return report.endString();
    }

    /**
     * {@code "name":{"p50":..,"p99":..,"p999":..,"max":..}} in milliseconds, 3 decimals, and the out-of-range counts
     * when there are any ({@link #outOfRange}).
     */
    private static void summary(JsonPayload report, String name, LatencySummary s) throws IOException {
        report.generator().writeObjectFieldStart(name);
        report.fixed("p50", s.p50Millis(), 3).fixed("p99", s.p99Millis(), 3).fixed("p999", s.p999Millis(), 3)
                .fixed("max", s.maxMillis(), 3);
        outOfRange(report, s);
        report.generator().writeEndObject();
    }

    /**
     * {@code "aboveRange":N,"negative":N}, only when a sample lay outside the histogram's range (1 us to 1 hour):
     * such samples are in the quantiles at the range's edge, and {@code max} is the longest as recorded.
     */
    private static void outOfRange(JsonPayload report, LatencySummary s) throws IOException {
        if (s.anyOutOfRange()) {
            report.generator().writeNumberField("aboveRange", s.aboveRangeCount());
            report.generator().writeNumberField("negative", s.negativeCount());
        }
    }

    /** A window bound as the user wrote it: 100 rather than 100.0. */
    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) && Math.abs(seconds) < 1e15 ? Long.toString((long) seconds)
                : Double.toString(seconds);
    }

    /** {@code "name":{"count":..,"totalMillis":..,"maxMillis":..,"byCause":{..}}}. */
    /** {@code name}: an object of {@code counts}' entries in their iteration order. */
    private static void counts(JsonGenerator w, String name, Map<String, Long> counts) throws IOException {
        w.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            w.writeNumberField(e.getKey(), e.getValue());
        }
        w.writeEndObject();
    }

    private static void gcSummary(JsonPayload report, String name, GcPauseMonitor.Summary s) throws IOException {
        JsonGenerator w = report.generator();
        w.writeObjectFieldStart(name);
        w.writeNumberField("count", s.count());
        w.writeNumberField("totalMillis", s.totalMillis());
        w.writeNumberField("maxMillis", s.maxMillis());
        counts(w, "byCause", new java.util.TreeMap<>(s.byCause()));
        w.writeEndObject();
    }

    private static Map<String, LatencySummary> summaries(Map<String, LatencyRecorder> recorders) {
        Map<String, LatencySummary> m = new java.util.LinkedHashMap<>();
        recorders.forEach((name, r) -> m.put(name, r.summary()));
        return m;
    }

    /** Prints a line whenever the decision's kind or reason changes. */
    private static final class ChangePrinter implements DecisionListener {
        private final PrintStream out;
        private DecisionKind lastKind;
        private Object lastReason;

        ChangePrinter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onDecision(Decision d, org.avfusion.runtime.align.AlignedSet set, double latencyMillis) {
            if (d.kind() != lastKind || d.reason() != lastReason) {
                lastKind = d.kind();
                lastReason = d.reason();
                out.printf("  t=%7.2f s  %-7s %-24s obstacle %s  speed %s m/s%s%n", d.referenceStampNanos() / 1e9,
                        d.kind(), d.reason(), Double.isNaN(d.obstacleDistanceMeters()) ? "   -   "
                                : String.format("%5.1f m", d.obstacleDistanceMeters()),
                        Double.isNaN(d.speedMetersPerSecond()) ? " - " : String.format("%4.1f", d.speedMetersPerSecond()),
                        set.isPartial() ? "  (partial set)" : "");
            }
        }
    }
}
