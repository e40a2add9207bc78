package org.avfusion.runtime.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.avfusion.calibration.io.RigYamlReader;
import org.avfusion.calibration.yaml.BindException;
import org.avfusion.calibration.yaml.YamlBinder;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.ProfileFiles;
import org.avfusion.runtime.config.RigBinding;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.warmup.HeapBudget;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code avfusion config check FILE...}: loads each file as a profile (merged over the built-in default, with its
 * rig applied when it names one, and the files it names, map, Lanelet2 map and depth model, found as start-up finds
 * them but not loaded: {@code ProfileFiles}), a rig file or a scenario, exactly as the runtime would, and prints
 * {@code ok FILE (kind)} to standard output or {@code error FILE (kind): message} to standard error. The kind comes
 * from {@code --kind} or, by default, from the file: a {@code rig:} key makes a rig, a {@code road:}, {@code durationSeconds:} (or {@code ego:} with {@code actors:})
 * key a scenario, anything else a profile. Exit code 0 when every file loads, 2 when any does not.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check profiles, rig files and scenarios: each must load as the runtime would load it. "
                + "Prints 'ok FILE (kind)' or the error per file; exits 2 if any failed.")
public final class ConfigCheckCommand implements Callable<Integer> {
    /** What a file is checked as. */
    public enum Kind {
        /** Recognised from the file's keys. */
        AUTO,
        /** A runtime profile ({@code config/*.yaml}). */
        PROFILE,
        /** A rig file ({@code config/rigs/*.yaml}). */
        RIG,
        /** A scenario ({@code scenarios/catalog/*.yaml}). */
        SCENARIO
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML files to check.")
    List<Path> files;

    @Option(names = "--kind", defaultValue = "auto", paramLabel = "auto|profile|rig|scenario",
            description = "What the files are (default: recognised from each file's keys).")
    String kind;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Kind forced;
        try {
            forced = Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kind: '" + kind
                    + "' is not auto, profile, rig or scenario");
        }
        int failed = 0;
        for (Path file : files) {
            Kind k = forced;
            try {
                // a pipe (/dev/stdin, <(...)) can be read once: its text is read here and checked from memory
                String piped = Files.exists(file) && !Files.isRegularFile(file) ? read(file) : null;
                if (k == Kind.AUTO) {
                    k = piped != null ? recognise(piped, file) : recognise(file);
                }
                RuntimeConfig profile = piped != null ? checkText(piped, file, k) : check(file, k);
                out.println("ok " + file + " (" + name(k) + ")");
                String heap = profile == null ? null : HeapBudget.launcherNote(profile);
                if (heap != null) {
                    out.println("  " + heap); // loads, but run/replay through the launcher refuse it
                }
            } catch (ConfigException | ScenarioException | IllegalArgumentException e) {
                failed++;
                err.println("error " + file + " (" + name(k) + "): " + e.getMessage());
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 2;
    }

    /**
     * Loads {@code file} as {@code kind}, throwing the loader's exception when it does not load.
     *
     * @return the profile (rig applied) for a profile, else null
     */
    static RuntimeConfig check(Path file, Kind kind) {
        switch (kind) {
            case PROFILE -> {
                RuntimeConfig config = new ConfigLoader().load(file);
                Path folder = file.toAbsolutePath().getParent();
                RuntimeConfig bound = RigBinding.apply(config, folder);
                ProfileFiles.requireFiles(config, folder); // exist and readable; loading them is start-up's
                return bound;
            }
            case RIG -> RigYamlReader.read(file);
            case SCENARIO -> ScenarioCatalog.load(file);
            default -> throw new IllegalStateException("kind not resolved: " + kind);
        }
        return null;
    }

    /**
     * {@link #check} of text read from {@code file} (a pipe, which a second read would find empty): profiles and rigs
     * from the text; a scenario must be a file.
     */
    static RuntimeConfig checkText(String text, Path file, Kind kind) {
        switch (kind) {
            case PROFILE -> {
                RuntimeConfig config = new ConfigLoader().loadYaml(text, file.toString());
                Path folder = Path.of("").toAbsolutePath(); // relative paths in piped text: the working directory
                RuntimeConfig bound = RigBinding.apply(config, folder);
                ProfileFiles.requireFiles(config, folder);
                return bound;
            }
            case RIG -> RigYamlReader.parse(text, file.toString());
            case SCENARIO -> throw new IllegalArgumentException(file + ": a scenario is checked from a file, not a "
                    + "pipe: save it as a .yaml file first");
            default -> throw new IllegalStateException("kind not resolved: " + kind);
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: "
                    + org.avfusion.calibration.yaml.YamlBinder.readProblem(e), e);
        }
    }

    /** The kind of a file from its top-level keys. */
    static Kind recognise(Path file) {
        return recognise(read(file), file);
    }

    /** The kind of {@code text} (read from {@code file}) from its top-level keys. */
    static Kind recognise(String text, Path file) {
        JsonNode root;
        try {
            root = YamlBinder.readTree(text, file.toString());
        } catch (BindException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (root.has("rig") || root.has("units")) {
            return Kind.RIG;
        }
        if (root.has("road") || root.has("durationSeconds") || (root.has("ego") && root.has("actors"))) {
            return Kind.SCENARIO;
        }
        return Kind.PROFILE;
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
