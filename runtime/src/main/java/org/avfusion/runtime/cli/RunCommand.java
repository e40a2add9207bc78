package org.avfusion.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.avfusion.drivers.sim.ScenarioCatalog;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.pipeline.LiveJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code avfusion run}: live, on the vehicle's monotonic clock. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run live on the vehicle clock with a vehicle profile. Live sources in this version: the "
                + "simulated rig fed in real time (--simulate), as a hardware-in-the-loop rig does; hardware sensor "
                + "drivers (Velodyne/Ouster UDP, NMEA serial/TCP/gpsd, cameras) are not in this version yet.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "Vehicle profile (YAML).")
    Path config;

    @Option(names = "--simulate", paramLabel = "FILE|NAME", required = true,
            description = "Feed the sensors of this scenario in real time through the live path.")
    String simulate;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: the scenario's end).")
    Double durationSeconds;

    @Override
    public Integer call() {
        if (durationSeconds != null && !(durationSeconds > 0)) {
            throw new IllegalArgumentException("--duration must be > 0 seconds, was " + durationSeconds);
        }
        var profile = new ConfigLoader().load(config);
        var spec = ScenarioCatalog.resolve(simulate);
        var out = AvfusionCli.printStream(commandSpec.commandLine().getOut());
        try {
            return LiveJob.run(profile, spec, durationSeconds, out);
        } finally {
            out.flush();
        }
    }
}
