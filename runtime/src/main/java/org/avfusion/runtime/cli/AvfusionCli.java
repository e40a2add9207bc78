package org.avfusion.runtime.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.avfusion.runtime.output.json.JsonLines;
import org.avfusion.scenarios.sim.ScenarioException;
import org.avfusion.runtime.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code avfusion}. Exit codes: 0 done, 1 runtime failure, 2 bad arguments, config or scenario.
 */
@Command(name = "avfusion", mixinStandardHelpOptions = true, version = "avfusion 0.1.0",
        description = "Sensor fusion runtime for autonomous vehicles: camera, lidar, GNSS and IMU frames fused into an "
                + "occupancy grid and a route decision (PROCEED / SLOW / STOP), published over MQTT.",
        subcommands = {ReplayCommand.class, RunCommand.class, org.avfusion.runtime.cli.render.RenderCommand.class, org.avfusion.runtime.cli.decode.DecodeCommand.class,
                org.avfusion.runtime.cli.route.RouteCommand.class, org.avfusion.runtime.cli.route.MapDriveCommand.class,
                org.avfusion.runtime.cli.detect.DetectCommand.class,
                org.avfusion.runtime.cli.clusters.ClustersCommand.class, org.avfusion.runtime.cli.calibrate.CalibrateCommand.class,
                org.avfusion.runtime.cli.mcap.McapCommand.class, org.avfusion.runtime.cli.config.ConfigCommand.class,
                org.avfusion.runtime.cli.fuse.FuseCommand.class, org.avfusion.runtime.cli.track.EvalTrackingCommand.class,
                org.avfusion.runtime.cli.ego.EgoCommand.class,
                org.avfusion.runtime.cli.diff.DiffCommand.class, org.avfusion.runtime.cli.hil.HilCommand.class,
                CommandLine.HelpCommand.class})
public final class AvfusionCli implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'avfusion replay' or 'avfusion --help'");
    }

    /** Builds the command line with avfusion's exit-code mapping (for main and for tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AvfusionCli());
        // picocli asks this mapper for invalid arguments too (ParameterException): they are bad input as well
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException || isBadInput(t)
                ? EXIT_BAD_INPUT : 1);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (org.avfusion.runtime.ring.FatalErrors.isFatal(ex)) {
                org.avfusion.runtime.ring.FatalErrors.halt("command " + commandLine.getCommandName(), ex);
            }
            PrintWriter err = commandLine.getErr();
            if (isBadInput(ex)) {
                err.println("avfusion: " + ex.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            err.println("avfusion: failed: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return 1;
        });
        return cl;
    }

    /** Bad arguments, config, scenario or model: the user's to fix, exit code 2. */
    static boolean isBadInput(Throwable t) {
        return t instanceof ConfigException || t instanceof ScenarioException || t instanceof IllegalArgumentException
                || t instanceof org.avfusion.runtime.inference.ModelLoadException;
    }

    /**
     * The command line's out stream ({@link CommandLine#setOut}) as a line-buffered PrintStream, for jobs that print
     * through one: what they print goes where picocli's own output goes (a terminal, or a test's capture).
     */
    static PrintStream printStream(PrintWriter out) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

            @Override
            public synchronized void write(int b) {
                line.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public synchronized void flush() {
                if (line.size() > 0) {
                    out.write(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
                out.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        // the embedded broker's jar carries a logback.xml of its own: name ours explicitly
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "avfusion-logback.xml");
        }
        // out of memory on any thread (an MQTT callback, a source's reader) ends the process, as in a stage
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (org.avfusion.runtime.ring.FatalErrors.isFatal(e)) {
                org.avfusion.runtime.ring.FatalErrors.halt("thread " + thread.getName(), e);
            }
            System.err.println("avfusion: thread " + thread.getName() + " ended: " + e);
            e.printStackTrace();
        });
        CommandLine cl = commandLine();
        // stdout as picocli's out: JSON-lines commands write bytes to it through one 64 KiB buffer (JsonLines)
        cl.setOut(new JsonLines.Stdout());
        int code = cl.execute(args);
        System.exit(code);
    }
}
