package org.avfusion.runtime.cli;

import org.avfusion.calibration.yaml.Bounds;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.output.file.DecisionFileWriter;
import org.avfusion.runtime.output.file.OutputPaths;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.avfusion.runtime.pipeline.ReplayProgress;
import org.avfusion.runtime.replay.Replay;
import org.avfusion.runtime.replay.ReplayInput;
import org.avfusion.calibration.io.RigYamlReader;
import org.avfusion.runtime.config.RigBinding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code avfusion replay}: the main job. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a recorded or simulated drive through the pipeline and publish over MQTT "
                + "(by default to an embedded broker on 127.0.0.1:1883).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done, every decision delivered", "1:a stage failed during the replay",
                "2:bad arguments, config, scenario, recording or model",
                "4:decisions lost on the way to the broker (count in the summary's decisionsLost)",
                "5:the --record file stopped before the end (a write failed; why in the summary's record.stopped)"})
final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE|NAME", defaultValue = "pedestrian-crossing",
            description = "Scenario file, or the name of a built-in one (${DEFAULT-VALUE} by default; --list shows them).")
    String scenario;

    @Option(names = "--speed", paramLabel = "X|max", defaultValue = "1",
            description = "Replay speed: 1 = real time, 10 = ten times faster, 0.5 = half speed, max = as fast as possible.")
    String speed;

    @Option(names = "--max", paramLabel = "FRAMES", description = "Stop after this many frames.")
    Long maxFrames;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML profile merged over the built-in default.")
    Path config;

    @Option(names = "--broker", paramLabel = "URL",
            description = "MQTT broker, e.g. tcp://127.0.0.1:1883, instead of the embedded one (overrides mqtt.brokerUrl).")
    String broker;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON summary to this file.")
    Path report;

    @Option(names = "--list", description = "List the built-in scenarios and exit.")
    boolean list;

    @Option(names = "--model", paramLabel = "FILE",
            description = "ONNX detection model (e.g. yolox_nano.onnx): turns camera detection on. Off without it.")
    Path model;

    @Option(names = "--layout", paramLabel = "yolox|nanodet|yolov8", defaultValue = "yolox",
            description = "Output layout of --model (default ${DEFAULT-VALUE}).")
    String layout;

    @CommandLine.Mixin
    RecordOptions record = new RecordOptions();

    @Option(names = "--tile", description = "Also detect on native-resolution tiles of the horizon band (far objects).")
    boolean tile;

    /** Fastest paced replay: 1000 times real time (faster than that, use {@code --speed max}). */
    static final double MAX_SPEED = 1_000;
    /** Most frames a replay may be asked to stop after: 10^12 (a 100 Hz sensor for 300 years). */
    static final long MAX_FRAMES = 1_000_000_000_000L;
    @Option(names = "--recording", paramLabel = "PATH",
            description = "Recorded drive to replay instead of a scenario: a KITTI raw drive folder, a folder of .pcd "
                    + "or KITTI .bin sweeps, a ROS 1 .bag, a ROS 2 or avfusion .mcap, or a drive folder (drive.yaml) "
                    + "(see README, 'Replaying recorded drives').")
    Path recording;

    @Option(names = "--format", paramLabel = "kitti-raw|sweeps|rosbag|ros2-mcap|avfusion-mcap|drive",
            description = "Force the recording's format instead of recognising it from the path.")
    String format;

    @Option(names = "--rig", paramLabel = "FILE",
            description = "Rig YAML (config/rigs/*.yaml) for the recording: its sensors name the recording's streams, "
                    + "its clock offsets and lidar mount apply. Default: the recording's own calibration (KITTI).")
    Path rig;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "10",
            description = "Frame rate of recordings without timestamps (sweep folders, KITTI synced folders without "
                    + "timestamps.txt); default ${DEFAULT-VALUE}.")
    double rateHz;

    @Option(names = "--topic", paramLabel = "TOPIC=SENSOR",
            description = "Map a ROS bag topic to a rig/profile sensor (repeatable), e.g. --topic /fix=gps. Default: "
                    + "each sensor kind with one topic of a replayable type in the bag.")
    java.util.Map<String, String> topics;

    @Option(names = "--from", paramLabel = "S", defaultValue = "0",
            description = "Start this many seconds after the recording's first frame.")
    double fromSeconds;

    @Option(names = "--to", paramLabel = "S", description = "Stop this many seconds after the recording's first frame "
            + "(by arrival: a sweep arrives when it is complete, so the last set is the last whose sweep completes "
            + "before S; frames arriving later are not replayed).")
    Double toSeconds;

    @Option(names = "--decisions", paramLabel = "FILE.jsonl",
            description = "Write every decision, in order, one JSON line each (compare two with 'avfusion diff'); "
                    + "'-' writes them to stdout, each as it is made, and the console text to stderr (a reader "
                    + "that goes away, '| head', stops the replay: exit 141).")
    Path decisions;

    @Option(names = "--warm-up", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "Warm every stage up (synthetic sweeps, one inference per model) before the first frame, "
                    + "and first rehearse a --recording's first 3 s through a throwaway pipeline (output discarded): "
                    + "auto = unless --speed max (no replay clock there; the default), on, off.")
    String warmUp;

    @Option(names = "--no-progress", description = "No progress line (by default: redrawn on a terminal, a plain "
            + "line every 5 s otherwise).")
    boolean noProgress;

    @Override
    public Integer call() {
        if (!list) {
            // the simulated camera renders through OpenCV when its pixels are read: load the natives while the
            // profile is read and the broker connects (time to the first decision), once logging is set up (JavaCPP
            // takes its logger then). Without a reader of pixels (RecordingProfile.readsImagePixels) nothing
            // renders, and OpenCV is not loaded at all.
            boolean natives = recording == null && (model != null || record.given());
            // logging and MQTT classes, while the profile is read
            org.avfusion.runtime.output.mqtt.OutputPreload.start(
                    natives ? org.avfusion.scenarios.sim.render.CameraRenderer::preloadNatives : null);
        }
        // --decisions -: stdout carries the decisions only, the console goes to stderr
        boolean decisionsToStdout = DecisionFileWriter.isStdout(decisions);
        PrintStream out = AvfusionCli.printStream(decisionsToStdout ? spec.commandLine().getErr()
                : spec.commandLine().getOut());
        if (list) {
            ScenarioCatalog.builtInNames().forEach(n -> out.println(n + "\t" + ScenarioCatalog.loadBuiltIn(n).description()));
            out.flush();
            return 0;
        }
        double replaySpeed = parseSpeed(speed);
        // written at the end or as the replay goes: a path that cannot be written fails now, not after the replay
        OutputPaths.requireWritable("--report", report);
        if (decisions != null && !decisionsToStdout) {
            OutputPaths.requireWritable("--decisions", decisions);
        }
        long max = maxFrames == null ? Long.MAX_VALUE : Bounds.requireInRange("--max", maxFrames, 1, MAX_FRAMES, "frames");
        ConfigLoader loader = new ConfigLoader();
        RuntimeConfig profile = config == null ? loader.loadDefault() : org.avfusion.runtime.config.MapStartup
                .resolvePaths(loader.load(config), config.toAbsolutePath().getParent());
        if (broker != null) {
            profile = profile.withMqtt(profile.mqtt().withBrokerUrl(broker));
        }
        DetectorConfig detection = model == null ? null
                : DetectorConfig.forModel(model, DetectionLayout.parse(layout)).withTiling(tile);
        ReplayJob.Options options = new ReplayJob.Options(replaySpeed, max, out, report,
                java.util.function.UnaryOperator.identity(), org.avfusion.runtime.output.DecisionListener.NONE,
                detection).withDecisionsFile(decisions)
                .withProgress(noProgress ? ReplayProgress.Mode.OFF : ReplayProgress.Mode.forThisProcess())
                .withWindow(fromSeconds, toSeconds == null ? Double.POSITIVE_INFINITY : toSeconds)
                .withRecord(record.request(false, "avfusion replay"))
                .withWarmUp(ReplayJob.WarmUp.parse(warmUp));
        if (recording == null) {
            simulatedDriveRigWarnings(profile).forEach(w -> spec.commandLine().getErr().println(w));
            spec.commandLine().getErr().flush();
        }
        if (recording != null) {
            ignoredOptions(format, recording, spec.commandLine().getParseResult().hasMatchedOption("--rate"),
                    topics != null && !topics.isEmpty()).forEach(w -> spec.commandLine().getErr().println(w));
            spec.commandLine().getErr().flush();
        }
        ReplayInput input = recording != null
                ? new ReplayInput(null, recording, format, rig, rateHz, topics == null ? java.util.Map.of() : topics)
                : ReplayInput.scenario(scenario);
        ReplayJob.Result result;
        try {
            result = Replay.run(input, profile, options, null);
        } catch (java.io.UncheckedIOException e) {
            if (decisionsToStdout && org.avfusion.runtime.output.json.JsonLines.StdoutClosedException.isCauseOf(e)) {
                // `--decisions - | head`: the reader has its lines and went away; the replay stopped: end quietly
                return AvfusionCli.EXIT_STDOUT_CLOSED;
            }
            throw e;
        }
        out.flush();
        long errors = result.stageErrors().values().stream().mapToLong(Long::longValue).sum();
        if (errors > 0) {
            return 1;
        }
        if (result.decisionsLost() > 0) {
            return ReplayJob.EXIT_DECISIONS_LOST;
        }
        return result.recordingStopped().isEmpty() ? 0 : ReplayJob.EXIT_RECORDING_INCOMPLETE;
    }

    /**
     * A simulated drive brings its own rig (the scenario's sensors and mounts), so neither {@code vehicle.rigFile}
     * nor {@code --rig} is applied to it. A user who named one expected it to matter: the files are still read (a
     * missing or broken rig fails as it does for {@code run}, exit 2, rather than passing unnoticed until the
     * vehicle starts) and a warning says that they are not used.
     *
     * @throws IllegalArgumentException naming the rig file when it cannot be read or does not fit the profile
     */
    private java.util.List<String> simulatedDriveRigWarnings(RuntimeConfig profile) {
        java.util.List<String> warnings = new java.util.ArrayList<>();
        if (profile.vehicle().hasRig()) {
            // as `run` does: the rig must exist, parse and hold every sensor of the profile
            RigBinding.apply(profile, config == null ? null : config.toAbsolutePath().getParent());
            warnings.add("avfusion replay: warning: vehicle.rigFile " + profile.vehicle().rigFile() + " (in " + config
                    + ") is not used: the simulated drive has its own rig (it applies to `run` and to recordings)");
        }
        if (rig != null) {
            try {
                RigYamlReader.read(rig);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--rig " + rig + ": " + e.getMessage(), e);
            }
            warnings.add("avfusion replay: warning: --rig " + rig + " is not used: the simulated drive has its own "
                    + "rig (--rig applies to --recording)");
        }
        return warnings;
    }

    /**
     * Warnings for recording options the recording's format does not use (a user who gave them expected an effect):
     * {@code --rate} paces only sweep folders and KITTI folders without timestamps, {@code --topic} maps only ROS bag
     * and ROS 2 MCAP topics. An unrecognised path gives none: opening it reports the problem.
     */
    static java.util.List<String> ignoredOptions(String forced, Path recording, boolean rateGiven, boolean topicsGiven) {
        String name = forced;
        if (name == null) {
            try {
                name = org.avfusion.drivers.recorded.format.RecordingFormats.detect(recording).name();
            } catch (org.avfusion.drivers.recorded.format.RecordingFormatException e) {
                return java.util.List.of();
            }
        }
        java.util.List<String> warnings = new java.util.ArrayList<>();
        if (rateGiven && !RATE_FORMATS.contains(name)) {
            warnings.add("avfusion: warning: --rate is ignored: " + recording + " is a " + name
                    + " recording, whose frames carry their own stamps (it paces sweep folders and KITTI folders "
                    + "without timestamps.txt)");
        }
        if (topicsGiven && !TOPIC_FORMATS.contains(name)) {
            warnings.add("avfusion: warning: --topic is ignored: " + recording + " is a " + name
                    + " recording (it maps the topics of ROS bags and ROS 2 MCAP files)");
        }
        return warnings;
    }

    private static final java.util.Set<String> RATE_FORMATS = java.util.Set.of("sweeps", "kitti-raw");
    private static final java.util.Set<String> TOPIC_FORMATS = java.util.Set.of("rosbag", "ros2-mcap");

    static double parseSpeed(String s) {
        if ("max".equalsIgnoreCase(s)) {
            return ReplayPacer.AS_FAST_AS_POSSIBLE;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed must be a positive number or 'max', was '" + s + "'");
        }
        if (!(v > 0 && v <= MAX_SPEED)) {
            throw new IllegalArgumentException("--speed must be in (0, " + (int) MAX_SPEED + "] or 'max', was '" + s
                    + "'");
        }
        return v;
    }
}
