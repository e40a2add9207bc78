package org.avfusion.runtime.cli;

import org.avfusion.calibration.yaml.Bounds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RigBinding;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.live.LiveSourceException;
import org.avfusion.runtime.pipeline.LiveJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avfusion run}: live, on the vehicle's monotonic clock. The sources are the profile's {@code live.sources}
 * (real sensor drivers) or, instead, {@code --simulate} (the simulated rig fed in real time); exactly one of the two.
 * Exit codes: 0 done, 1 a stage failed, 2 bad arguments or config, or a source that cannot start.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run live on the vehicle clock with a vehicle profile. Sources: the profile's live.sources "
                + "(Velodyne/Ouster UDP, NMEA over TCP/UDP/serial, gpsd, FFmpeg cameras), or --simulate (the "
                + "simulated rig fed in real time, as a hardware-in-the-loop rig does); not both. Stops on "
                + "SIGINT/SIGTERM or after --duration, then prints each live source's health as one JSON line.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "Vehicle profile (YAML).")
    Path config;

    @Option(names = "--simulate", paramLabel = "FILE|NAME",
            description = "Feed the sensors of this scenario in real time through the live path (only with a "
                    + "profile without live.sources).")
    String simulate;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long, counted from the "
            + "run's start after the broker connection and the warm-up (default: the scenario's end with --simulate, "
            + "else SIGINT/SIGTERM).")
    Double durationSeconds;

    @Option(names = "--model", paramLabel = "FILE",
            description = "ONNX detection model (e.g. yolox_nano.onnx): turns camera detection on. Off without it.")
    Path model;

    @Option(names = "--layout", paramLabel = "yolox|nanodet|yolov8", defaultValue = "yolox",
            description = "Output layout of --model (default ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--tile", description = "Also detect on native-resolution tiles of the horizon band (far objects).")
    boolean tile;

    @CommandLine.Mixin
    RecordOptions record = new RecordOptions();

    @Override
    public Integer call() {
        if (durationSeconds != null) {
            // longer runs leave --duration out and stop on SIGINT/SIGTERM
            Bounds.requirePositive("--duration", durationSeconds, 604_800, "s (a week)");
        }
        RuntimeConfig profile = org.avfusion.runtime.config.MapStartup.resolvePaths(
                RigBinding.apply(new ConfigLoader().load(config), config.toAbsolutePath().getParent()),
                config.toAbsolutePath().getParent());
        boolean live = !profile.live().sources().isEmpty();
        if (simulate != null && live) {
            throw new IllegalArgumentException("--simulate " + simulate + " and live.sources in " + config
                    + " (" + profile.live().sources().size() + " sources) are two sources for one run: remove "
                    + "live.sources from the profile, or leave out --simulate");
        }
        if (simulate == null && !live) {
            throw new IllegalArgumentException("nothing to run: " + config + " has no live.sources and no --simulate "
                    + "was given; configure live.sources (see config/default.yaml) or pass --simulate SCENARIO");
        }
        org.avfusion.runtime.inference.DetectorConfig detection = model == null ? null
                : org.avfusion.runtime.inference.DetectorConfig.forModel(model,
                        org.avfusion.runtime.perceive.detect.DetectionLayout.parse(layout)).withTiling(tile);
        var out = AvfusionCli.printStream(commandSpec.commandLine().getOut());
        try {
            if (live) {
                return LiveJob.runSources(profile, config.toAbsolutePath().getParent(), durationSeconds, out, detection,
                        record.request(true, "avfusion run"));
            }
            return LiveJob.run(profile, ScenarioCatalog.resolve(simulate), durationSeconds, out, detection,
                    record.request(true, "avfusion run"));
        } catch (LiveSourceException e) {
            out.flush();
            PrintWriter err = commandSpec.commandLine().getErr();
            err.println("avfusion: cannot start " + e.getMessage());
            err.flush();
            return AvfusionCli.EXIT_BAD_INPUT;
        } finally {
            out.flush();
        }
    }
}
