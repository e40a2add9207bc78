package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The lazy dispatch of {@link AvfusionCli#commandLine(String...)}: its table lists exactly the {@code @Command}
 * annotation's subcommands, and every command (and nested subcommand) prints the same usage, help, version and errors
 * with the same exit codes whether built alone or in the full tree.
 */
class AvfusionCliLazyTest {

    /** The annotation's subcommands but picocli's help command: name to class name. */
    static Map<String, String> annotated() {
        Map<String, String> names = new TreeMap<>();
        for (Class<?> c : AvfusionCli.class.getAnnotation(Command.class).subcommands()) {
            if (c == CommandLine.HelpCommand.class) {
                continue;
            }
            CommandLine.Model.CommandSpec spec = new CommandLine(c).getCommandSpec();
            names.put(spec.name(), c.getName());
            for (String alias : spec.aliases()) {
                names.put(alias, c.getName());
            }
        }
        return names;
    }

    @Test
    void lazyTableListsExactlyTheAnnotatedSubcommands() {
        assertEquals(annotated(), new TreeMap<>(AvfusionCli.LAZY));
        assertEquals(16, AvfusionCli.LAZY.size());
    }

    @Test
    void aSubcommandFirstBuildsOnlyThatSubcommand() {
        CommandLine cl = AvfusionCli.commandLine("decode", "lidar", "x.pcap");
        assertEquals(List.of("decode"), List.copyOf(cl.getSubcommands().keySet()));
        assertEquals("avfusion", cl.getCommandName());
        assertEquals(List.of("avfusion 0.1.0"), Arrays.asList(cl.getCommandSpec().version()));
    }

    @Test
    void everythingElseBuildsTheFullTree() {
        int full = AvfusionCli.commandLine().getSubcommands().size();
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "decode"},
                new String[] {"nope"}, new String[] {"-V"}, new String[] {"--bogus", "decode"})) {
            assertEquals(full, AvfusionCli.commandLine(args).getSubcommands().size(), Arrays.toString(args));
        }
        assertEquals(17, full);
    }

    /** Every command path under the root: [decode], [decode, lidar], ... */
    static Stream<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(AvfusionCli.commandLine(), List.of(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine cl, List<String> prefix, List<List<String>> out) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (prefix.isEmpty() && e.getKey().equals("help")) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            collect(e.getValue(), path, out);
        }
    }

    record Run(int code, String out, String err) { }

    static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static CommandLine sub(CommandLine root, List<String> path) {
        CommandLine cl = root;
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        return cl;
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void usageIsTheSameBothWays(List<String> path) {
        String[] args = path.toArray(String[]::new);
        String full = sub(AvfusionCli.commandLine(), path).getUsageMessage();
        String lazy = sub(AvfusionCli.commandLine(args), path).getUsageMessage();
        assertEquals(full, lazy);
        assertNotEquals("", full);
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void helpVersionAndBadOptionsAreTheSameBothWays(List<String> path) {
        for (String[] tail : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"--version"},
                new String[] {"--no-such-option"}, new String[] {"--help", "--no-such-option"})) {
            String[] args = Stream.concat(path.stream(), Arrays.stream(tail)).toArray(String[]::new);
            Run full = run(AvfusionCli.commandLine(), args);
            Run lazy = run(AvfusionCli.commandLine(args), args);
            assertEquals(full, lazy, String.join(" ", args));
        }
        // the bad option is bad input: exit code 2 and picocli's message
        String[] bad = Stream.concat(path.stream(), Stream.of("--no-such-option")).toArray(String[]::new);
        Run r = run(AvfusionCli.commandLine(bad), bad);
        assertEquals(AvfusionCli.EXIT_BAD_INPUT, r.code(), r.err());
    }

    @Test
    void theLazyRootUsesTheSameErrorHandlers() {
        CommandLine full = AvfusionCli.commandLine();
        CommandLine lazy = AvfusionCli.commandLine("decode");
        assertSame(full.getSubcommands().get("decode").getClass(), lazy.getSubcommands().get("decode").getClass());
        // a config error inside a subcommand: exit 2 both ways, same message
        String[] args = {"config", "check", "/nonexistent/avfusion-lazy-test.yaml"};
        assertEquals(run(AvfusionCli.commandLine(), args), run(AvfusionCli.commandLine(args), args));
    }

    /**
     * {@code main} turns off picocli's look-up of Groovy's closure class before picocli first loads it (picocli's
     * tracer names the switch when it is on), and a {@code -D} of the user's own wins. A child JVM: the switch is read
     * once per process, in a class's static initialiser.
     */
    @Test
    void mainTurnsOffPicocliClosureLookupUnlessTheUserSetIt() throws Exception {
        String traced = "groovy Closures in annotations are disabled";
        String byDefault = runMain("-Dpicocli.trace=INFO");
        assertTrue(byDefault.contains(traced), byDefault);
        String userSetIt = runMain("-Dpicocli.trace=INFO", "-D" + AvfusionCli.PICOCLI_DISABLE_CLOSURES + "=false");
        assertFalse(userSetIt.contains(traced), userSetIt);
    }

    /** {@code avfusion decode lidar} of a file that is not there, in a child JVM with these options; its output. */
    private static String runMain(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto"));
        command.addAll(Arrays.asList(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AvfusionCli.class.getName(),
                "decode", "lidar", "no-such-capture.pcap"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM still running");
        assertEquals(AvfusionCli.EXIT_BAD_INPUT, process.exitValue(), out);
        assertTrue(out.contains("no-such-capture.pcap"), out);
        return out;
    }
}
