package org.avfusion.runtime.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.avfusion.runtime.output.json.JsonLines;
import org.avfusion.scenarios.sim.ScenarioException;
import org.avfusion.runtime.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code avfusion}. Exit codes: 0 done, 1 runtime failure, 2 bad arguments, config or scenario.
 *
 * <p>Start-up: picocli builds a command's model by reflection over its class, its options' types and its
 * subcommands, which loads every command class and what their fields name (Jackson, the map drivers, ...). When the
 * first argument names a subcommand, {@link #main} builds only that one ({@link #commandLine(String...)}: a root
 * with this class's name, version and help options and the one subcommand, loaded by name from {@link #LAZY}); the
 * other command classes are never loaded. Everything else ({@code avfusion}, {@code --help}, {@code help X}, an
 * unknown command, an option first) builds the full tree. {@code AvfusionCliLazyTest} pins that {@link #LAZY} lists
 * exactly the annotation's subcommands and that each command's usage, help, version and errors are the same both
 * ways.
 */
@Command(name = "avfusion", mixinStandardHelpOptions = true, version = AvfusionCli.VERSION,
        description = AvfusionCli.DESCRIPTION,
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
    /**
     * Exit status when stdout's reader went away mid-output ({@code avfusion decode lidar x.pcap | head}): 128 + SIGPIPE,
     * what a shell reports for a tool the signal ended (the JVM ignores SIGPIPE, so the failed write ends it instead).
     */
    public static final int EXIT_STDOUT_CLOSED = 141;
    static final String VERSION = "avfusion 0.1.0";
    static final String DESCRIPTION = "Sensor fusion runtime for autonomous vehicles: camera, lidar, GNSS and IMU "
            + "frames fused into an occupancy grid and a route decision (PROCEED / SLOW / STOP), published over MQTT.";

    /**
     * Subcommand name (and alias) to its class's name, for the lazy path: the same commands as the annotation's
     * {@code subcommands} but {@code help} (which needs the whole tree). Names, not class literals, so that the
     * other commands' classes are not loaded.
     */
    static final Map<String, String> LAZY = Map.ofEntries(
            Map.entry("replay", "org.avfusion.runtime.cli.ReplayCommand"),
            Map.entry("run", "org.avfusion.runtime.cli.RunCommand"),
            Map.entry("render", "org.avfusion.runtime.cli.render.RenderCommand"),
            Map.entry("decode", "org.avfusion.runtime.cli.decode.DecodeCommand"),
            Map.entry("route", "org.avfusion.runtime.cli.route.RouteCommand"),
            Map.entry("map-drive", "org.avfusion.runtime.cli.route.MapDriveCommand"),
            Map.entry("detect", "org.avfusion.runtime.cli.detect.DetectCommand"),
            Map.entry("clusters", "org.avfusion.runtime.cli.clusters.ClustersCommand"),
            Map.entry("calibrate", "org.avfusion.runtime.cli.calibrate.CalibrateCommand"),
            Map.entry("mcap", "org.avfusion.runtime.cli.mcap.McapCommand"),
            Map.entry("config", "org.avfusion.runtime.cli.config.ConfigCommand"),
            Map.entry("fuse", "org.avfusion.runtime.cli.fuse.FuseCommand"),
            Map.entry("eval-tracking", "org.avfusion.runtime.cli.track.EvalTrackingCommand"),
            Map.entry("ego", "org.avfusion.runtime.cli.ego.EgoCommand"),
            Map.entry("diff", "org.avfusion.runtime.cli.diff.DiffCommand"),
            Map.entry("hil", "org.avfusion.runtime.cli.hil.HilCommand"));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'avfusion replay' or 'avfusion --help'");
    }

    /** Builds the full command line with avfusion's exit-code mapping (for main and for tests). */
    public static CommandLine commandLine() {
        return withHandlers(new CommandLine(new AvfusionCli()));
    }

    /**
     * The command line for these arguments: when the first names a subcommand in {@link #LAZY}, a root named
     * {@code avfusion} (same version, description and help options) holding only that subcommand; otherwise the full
     * tree of {@link #commandLine()}. Either way with avfusion's exit-code mapping and error handling.
     */
    static CommandLine commandLine(String... args) {
        String className = args.length > 0 ? LAZY.get(args[0]) : null;
        if (className == null) {
            return commandLine();
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, AvfusionCli.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("avfusion: command class missing: " + className, e);
        }
        CommandLine.Model.CommandSpec root = CommandLine.Model.CommandSpec.create()
                .name("avfusion").version(VERSION).mixinStandardHelpOptions(true);
        root.usageMessage().description(DESCRIPTION);
        CommandLine cl = new CommandLine(root);
        cl.addSubcommand(args[0], new CommandLine(type));
        return withHandlers(cl);
    }

    /** Sets the exit-code mapping and execution error handling on cl and the subcommands it holds. */
    private static CommandLine withHandlers(CommandLine cl) {
        // picocli asks this mapper for invalid arguments too (ParameterException): they are bad input as well
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException || isBadInput(t)
                ? EXIT_BAD_INPUT : 1);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (org.avfusion.runtime.health.FatalErrors.isFatal(ex)) {
                org.avfusion.runtime.health.FatalErrors.halt("command " + commandLine.getCommandName(), ex);
            }
            if (JsonLines.StdoutClosedException.isCauseOf(ex)) {
                // the reader of stdout went away (`| head`): stop quietly, as a tool ended by SIGPIPE does
                return EXIT_STDOUT_CLOSED;
            }
            PrintWriter err = commandLine.getErr();
            if (isBadInput(ex)) {
                err.println("avfusion: " + ex.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof java.io.UncheckedIOException) {
                // a file the command could not read or write, named in the message: the trace adds nothing
                err.println("avfusion: " + ex.getMessage());
                err.flush();
                return 1;
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
        setLibraryProperties();
        // out of memory on any thread (an MQTT callback, a source's reader) ends the process, as in a stage
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (org.avfusion.runtime.health.FatalErrors.isFatal(e)) {
                org.avfusion.runtime.health.FatalErrors.halt("thread " + thread.getName(), e);
            }
            System.err.println("avfusion: thread " + thread.getName() + " ended: " + e);
            e.printStackTrace();
        });
        CommandLine cl = commandLine(args);
        // stdout as picocli's out: JSON-lines commands write bytes to it through one 64 KiB buffer (JsonLines)
        cl.setOut(new JsonLines.Stdout());
        int code = cl.execute(args);
        System.exit(code);
    }

    /** Picocli's switch for closures in annotations ({@link #setLibraryProperties}). */
    static final String PICOCLI_DISABLE_CLOSURES = "picocli.disable.closures";
    /** JavaCPP's choice of logger ({@link #setLibraryProperties}). */
    static final String JAVACPP_LOGGER = "org.bytedeco.javacpp.logger";
    /** SLF4J's level for its own notes ({@link #setLibraryProperties}). */
    static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    /**
     * System properties that {@link #main} sets for the libraries before anything loads them, each only where the
     * user has not set it ({@code -D...} on the command line wins):
     * <ul>
     *   <li>{@link ConsoleLogConfigurator#ENABLED_PROPERTY}: the command line's console logging, set up in code by
     *       {@link ConsoleLogConfigurator} (the embedded broker's jar carries a {@code logback.xml} of its own, which
     *       must not apply); {@code -Dlogback.configurationFile=FILE} still names a logback file instead;</li>
     *   <li>{@code org.bytedeco.javacpp.logger=slf4j}: JavaCPP logs through SLF4J, so its messages come out in the
     *       console's format and level, less the one about the pinned OpenBLAS build (see
     *       {@link ConsoleLogConfigurator}); before, it printed {@code Warning: ...} on stderr by itself. JavaCPP reads
     *       it once, when its {@code Loader} class initialises;</li>
     *   <li>{@code slf4j.internal.verbosity=ERROR}: SLF4J's own notes about its start-up (a message logged while
     *       another thread was setting logging up is replayed afterwards, with a note saying so) stay off the
     *       console; the command line has one logging provider, logback, so SLF4J has nothing else to warn of;</li>
     *   <li>{@code picocli.disable.closures}: picocli looks up Groovy's {@code Closure} class the first time it
     *       builds a command, for closures in annotations, which avfusion has none of. A class that is in none of the
     *       runtime's 95 jars makes the class loader open every jar and read its directory: 0.1 s of a CLI call's
     *       0.4 s start (docs/PERFORMANCE.md, "Start-up: a class that no jar has").</li>
     * </ul>
     */
    static void setLibraryProperties() {
        if (System.getProperty(ConsoleLogConfigurator.ENABLED_PROPERTY) == null) {
            System.setProperty(ConsoleLogConfigurator.ENABLED_PROPERTY, "true");
        }
        if (System.getProperty(JAVACPP_LOGGER) == null) {
            System.setProperty(JAVACPP_LOGGER, "slf4j");
        }
        if (System.getProperty(SLF4J_VERBOSITY) == null) {
            System.setProperty(SLF4J_VERBOSITY, "ERROR");
        }
        if (System.getProperty(PICOCLI_DISABLE_CLOSURES) == null) {
            System.setProperty(PICOCLI_DISABLE_CLOSURES, "true");
        }
    }
}
