package org.avfusion.runtime.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.avfusion.runtime.cli.AvfusionCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code avfusion config check}: every YAML the repository ships loads; a broken one exits 2 naming file and key. */
class ConfigCheckCommandTest {
    private static final Path REPO = Path.of("..");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = AvfusionCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static List<Path> yamlIn(String folder) throws IOException {
        try (Stream<Path> s = Files.list(REPO.resolve(folder))) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
    }

    /** The same files CI checks: profiles and rigs in config/, the scenario catalogue and bench. */
    @Test
    void everyShippedProfileRigAndScenarioChecksOk() throws IOException {
        List<String> args = new ArrayList<>(List.of("config", "check"));
        List<Path> profiles = yamlIn("config"), rigs = yamlIn("config/rigs"),
                scenarios = Stream.concat(yamlIn("scenarios/catalog").stream(), yamlIn("scenarios/bench").stream())
                        .toList();
        assertFalse(profiles.isEmpty() || rigs.isEmpty() || scenarios.isEmpty(), "repository folders not found");
        Stream.of(profiles, rigs, scenarios).flatMap(List::stream).forEach(p -> args.add(p.toString()));
        Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        for (Path p : profiles) {
            assertTrue(r.out().contains("ok " + p + " (profile)\n"), r.out());
        }
        assertFalse(r.out().contains("heap:"), "every shipped profile fits the launcher's heaps: " + r.out());
        for (Path p : rigs) {
            assertTrue(r.out().contains("ok " + p + " (rig)\n"), r.out());
        }
        for (Path p : scenarios) {
            assertTrue(r.out().contains("ok " + p + " (scenario)\n"), r.out());
        }
    }

    @Test
    void aBrokenFileExits2NamingFileKeyAndRangeWhileTheOthersStillPass() throws IOException {
        Path bad = Files.writeString(dir.resolve("huge-ring.yaml"), "ring:\n  size: 67108864\n");
        Path good = REPO.resolve("config/replay-fast.yaml");
        Run r = run("config", "check", bad.toString(), good.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ok " + good + " (profile)"), r.out());
        assertTrue(r.err().contains("error " + bad + " (profile): " + bad + ": ring.size must be a power of two in "
                + "[16, 8192] slots, was 67108864"), r.err());
    }

    @Test
    void kindCanBeForced() throws IOException {
        Path rigAsProfile = REPO.resolve("config/rigs/sim-rig.yaml");
        Run r = run("config", "check", "--kind", "profile", rigAsProfile.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown key 'rig'"), r.err());
        Path scenario = Files.writeString(dir.resolve("fast.yaml"), Files.readString(
                REPO.resolve("scenarios/catalog/clear-road.yaml")).replace("seed: 7", "seed: 7\nsensors: {lidar: {rateHz: 1e10}}"));
        Run s = run("config", "check", scenario.toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("(scenario): fast.yaml: sensors.lidar.rateHz: must be in (0, 1000] Hz"), s.err());
    }

    /** A pipe can be read once: a bad profile piped in was recognised from one read and checked from an empty one. */
    @Test
    void aPipedProfileIsCheckedFromWhatWasPiped() throws Exception {
        for (String[] row : new String[][] {
                {"ring: {size: 67108864}\n", "error", "ring.size must be a power of two in [16, 8192] slots"},
                {"ring: {size: 1024}\n", "ok", "(profile)"},
                {"rig: {name: x}\nunits: {}\n", "error", "(rig)"}}) {
            Path fifo = dir.resolve("fifo-" + row[1] + row[0].length());
            Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
            org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo not available");
            Thread writer = new Thread(() -> {
                try {
                    Files.writeString(fifo, row[0]); // blocks until the command opens the pipe
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            Run r = run("config", "check", fifo.toString());
            writer.join(10_000);
            String said = row[1].equals("ok") ? r.out() : r.err();
            assertTrue(said.startsWith(row[1] + " " + fifo) && said.contains(row[2]), row[0] + ": " + r);
            assertEquals(row[1].equals("ok") ? 0 : 2, r.code(), r.toString());
        }
    }

    /** A profile that loads but that start-up refuses under the launcher's heap: ok, and a line that says so. */
    @Test
    void aProfileTooLargeForTheLaunchersHeapIsOkWithAHeapLine() throws IOException {
        Path big = Files.writeString(dir.resolve("big.yaml"), "tracker: {maxTracks: 2048, maxMeasurements: 512}\n"
                + "fusion: {maxDepthPixelsPerBox: 1048576, maxObjects: 100000}\nring: {size: 8192}\n");
        Path fits = Files.writeString(dir.resolve("fits.yaml"), "ring: {size: 8192}\n");
        Run r = run("config", "check", big.toString(), fits.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ok " + big + " (profile)\n  heap: start-up would refuse a simulated drive (about "),
                r.out());
        assertTrue(r.out().contains("of the launcher's 96 MiB)") && r.out().contains("AVFUSION_JAVA_OPTS=-Xmx"),
                r.out());
        assertFalse(r.out().contains("a recorded drive"), "fits 256 MB: " + r.out());
        assertTrue(r.out().endsWith("ok " + fits + " (profile)\n"), "no heap line for a profile that fits: " + r.out());
    }
}
