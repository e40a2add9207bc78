package org.avfusion.runtime.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.avfusion.calibration.time.ClockOffset;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.scenarios.sim.ScenarioSpec;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.MqttConfig;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.avfusion.runtime.config.VehicleConfig;
import org.avfusion.runtime.health.LatencyHistogram;
import org.avfusion.runtime.inference.CameraDetector;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.runtime.perceive.detect.ObjectDetector;
import org.avfusion.scenarios.sim.EgoCommands;
import org.avfusion.scenarios.sim.GroundTruth;
import org.avfusion.runtime.output.json.JsonWriter;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.stage.DecisionListener;

/**
 * Replays a simulated drive through the whole pipeline and out over MQTT: the main job of {@code avfusion replay}.
 *
 * <p>The simulated rig is its own calibration: its sensors' true clock offsets, its lidar mount and the ego's body
 * replace those of the profile, so that a scenario replays correctly under any profile.
 */
public final class ReplayJob {
    /** What the job prints about camera detection until a detector model is configured. */
    public static final String CAMERA_DETECTION_OFF = "off (no --model given; decisions use lidar, GNSS and IMU)";

    /**
     * @param speed     replay speed factor, or {@link ReplayPacer#AS_FAST_AS_POSSIBLE}
     * @param maxFrames stop after this many frames
     * @param console   where decision changes and the summary go, or null for none
     * @param sinkDecorator wraps the ring's sink (fault injection, HIL taps); identity for a plain replay
     * @param listener  in-process observer of every decision (in addition to the console)
     */
    public record Options(double speed, long maxFrames, PrintStream console, Path reportFile,
            UnaryOperator<FrameSink> sinkDecorator, DecisionListener listener, DetectorConfig detection) {
        public Options {
            Objects.requireNonNull(sinkDecorator, "sinkDecorator");
            Objects.requireNonNull(listener, "listener");
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

    /** What decisions say about camera detection with the scenario's simulated detector. */
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
     * What a decision asks of a closed-loop simulated ego: STOP a limit of 0, SLOW its target speed, PROCEED (and
     * REROUTE) none; at the deceleration the decision asks for.
     */
    static void command(EgoCommands ego, Decision d) {
        double limit = switch (d.kind()) {
            case STOP -> 0.0;
            case SLOW -> d.targetSpeedMetersPerSecond();
            case PROCEED, REROUTE -> Double.POSITIVE_INFINITY;
        };
        ego.command(d.referenceStampNanos(), Double.isNaN(limit) ? 0.0 : limit, d.decelerationMetersPerSec2());
    }

    /**
     * What a replay did, for the CLI, tests and the benchmark; {@code groundTruth} is the drive's (for a closed-loop
     * ego, the one this run drove), {@code lockstepTimeouts} and {@code lateCommands} are 0 in a closed-loop drive
     * that repeats exactly (and always for a scripted one).
     */
    public record Result(
            String scenario, long frames, double vehicleSeconds, double wallSeconds, Map<DecisionKind, Long> decisions,
            Map<String, LatencyHistogram> stageLatencies, LatencyHistogram endToEnd, LatencyHistogram pipeline,
            Map<String, Long> stageErrors, String reportJson, GroundTruth groundTruth, long lockstepTimeouts,
            long lateCommands) {

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
        try (SimulatedDrive drive = new SimulatedDrive(scenario)) {
            RuntimeConfig config = adaptToRig(profile, drive);
            ReplayPacer pacer = new ReplayPacer(options.speed(), config.ring().tickPeriodNanos());
            PrintStream out = options.console();
            MqttConfig mqtt = config.mqtt();
            String cameraDetection = cameraDetection(options.detection());
            ObjectDetector detector = null;
            if (options.detection() == null && drive.simulatedDetector() != null) {
                detector = new SimulatedObjectDetector(drive.simulatedDetector());
                cameraDetection = CAMERA_DETECTION_SIMULATED;
            } else if (options.detection() != null) {
                CameraDetector network = CameraDetector.open(options.detection());
                detector = network;
                try {
                    network.checkCamera(drive.cameraIntrinsics().widthPixels(), drive.cameraIntrinsics().heightPixels());
                } catch (RuntimeException e) {
                    detector.close();
                    throw e;
                }
            }
            try (MqttOutputChannel channel = MqttOutputChannel.open(mqtt, config.vehicle().id())) {
                if (out != null) {
                    out.println("avfusion replay: " + drive.describe());
                    out.println("  speed " + (options.speed() == ReplayPacer.AS_FAST_AS_POSSIBLE ? "as fast as possible"
                            : options.speed() + "x real time") + "; MQTT " + channel.brokerUri() + " topics avfusion/"
                            + config.vehicle().id() + "/{decision,objects,occupancy,health}");
                    out.println("  camera detection: " + cameraDetection);
                }
                DecisionListener printer = out == null ? DecisionListener.NONE : new ChangePrinter(out);
                EgoCommands ego = drive.egoCommands();
                DecisionListener listener = (d, set, latency) -> {
                    command(ego, d);
                    printer.onDecision(d, set, latency);
                    options.listener().onDecision(d, set, latency);
                };
                long wallStart = System.nanoTime();
                long firstArrival = drive.nextArrivalNanos();
                long frames;
                ObjectDetector owned = detector;
                detector = null; // the pipeline's perceive stage owns it from here
                try (Pipeline pipeline = new Pipeline(config, channel, pacer::releasedVehicleNanos,
                        pacer::nowVehicleNanos, listener, owned, owned == null ? null : cameraProjector(drive),
                        cameraDetection, channel::appendHealth)) {
                    frames = pacer.run(drive, options.sinkDecorator().apply(pipeline.sink()), pipeline::tick,
                            options.maxFrames());
                    pipeline.finish(30_000);
                    double wall = (System.nanoTime() - wallStart) / 1e9;
                    double vehicle = (pacer.releasedVehicleNanos() - firstArrival) / 1e9;
                    Map<DecisionKind, Long> decisions = new java.util.EnumMap<>(DecisionKind.class);
                    for (DecisionKind k : DecisionKind.values()) {
                        decisions.put(k, pipeline.decisionCount(k));
                    }
                    String json = reportJson(drive, frames, vehicle, wall, decisions, pipeline, options);
                    Result result = new Result(drive.spec().name(), frames, vehicle, wall, decisions,
                            pipeline.stageLatencies(), pipeline.endToEndLatency(), pipeline.pipelineLatency(),
                            pipeline.stageErrors(), json, drive.groundTruth(), drive.lockstepTimeouts(),
                            drive.lateCommands());
                    if (out != null) {
                        out.println(json);
                    }
                    if (options.reportFile() != null) {
                        Files.writeString(options.reportFile(), json + System.lineSeparator());
                    }
                    return result;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot write report " + options.reportFile() + ": " + e.getMessage(), e);
            } finally {
                if (detector != null) {
                    detector.close(); // start-up failed before the pipeline took it over
                }
            }
        }
    }

    private static String reportJson(SimulatedDrive drive, long frames, double vehicleSeconds, double wallSeconds,
            Map<DecisionKind, Long> decisions, Pipeline pipeline, Options options) {
        JsonWriter w = new JsonWriter().begin()
                .field("summary", "replay")
                .field("scenario", drive.spec().name())
                .field("speed", options.speed() == ReplayPacer.AS_FAST_AS_POSSIBLE ? "max" : Double.toString(options.speed()))
                .field("frames", frames)
                .field("vehicleSeconds", vehicleSeconds, 3)
                .field("wallSeconds", wallSeconds, 3)
                .field("framesPerSecond", frames / wallSeconds, 1)
                .field("realTimeFactor", vehicleSeconds / wallSeconds, 2);
        w.beginObject("decisions");
        decisions.forEach((k, v) -> w.field(k.name(), v));
        w.endObject();
        w.beginObject("stageMillis");
        pipeline.stageLatencies().forEach((name, h) -> w.beginObject(name).field("p50", h.quantileMillis(0.5), 3)
                .field("p99", h.quantileMillis(0.99), 3).field("max", h.maxMillis(), 3).field("count", h.count())
                .endObject());
        w.endObject();
        LatencyHistogram e2e = pipeline.endToEndLatency();
        w.beginObject("latencyMillis").field("p50", e2e.quantileMillis(0.5), 3)
                .field("p99", e2e.quantileMillis(0.99), 3).field("max", e2e.maxMillis(), 3).endObject();
        LatencyHistogram age = pipeline.referenceAge();
        w.beginObject("referenceAgeMillis").field("p50", age.quantileMillis(0.5), 3)
                .field("p99", age.quantileMillis(0.99), 3).field("max", age.maxMillis(), 3).endObject();
        LatencyHistogram p = pipeline.pipelineLatency();
        w.beginObject("ringToDecisionMillis").field("p50", p.quantileMillis(0.5), 3)
                .field("p99", p.quantileMillis(0.99), 3).field("max", p.maxMillis(), 3).endObject();
        w.beginObject("stageErrors");
        pipeline.stageErrors().forEach(w::field);
        w.endObject();
        if (drive.closedLoop()) {
            w.beginObject("closedLoop").field("lockstepTimeouts", drive.lockstepTimeouts())
                    .field("lateCommands", drive.lateCommands()).endObject();
        }
        return w.endString();
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
                        d.kind(), d.trackId() > 0 ? d.describe() : d.reason(), Double.isNaN(d.obstacleDistanceMeters()) ? "   -   "
                                : String.format("%5.1f m", d.obstacleDistanceMeters()),
                        Double.isNaN(d.speedMetersPerSecond()) ? " - " : String.format("%4.1f", d.speedMetersPerSecond()),
                        set.isPartial() ? "  (partial set)" : "");
            }
        }
    }
}
