package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avfusion run --simulate} in its own JVM, stopped by SIGTERM mid-drive: exit code 0 (not 143), the run's
 * end and latency budget printed, the embedded broker's temporary folder removed. (The offline health at close is
 * checked by the MQTT output's tests.)
 */
class RunSigtermTest {
    @TempDir
    Path dir;

    @Test
    void sigtermMidDriveEndsCleanlyWithExitCodeZeroAndNoTemporaryFolderLeft() throws Exception {
        Path profile = Files.writeString(dir.resolve("vehicle.yaml"), "mqtt:\n  embeddedPort: 0\n");
        // the child's output goes to a file: when a process exits, the JDK drains and closes its stdout pipe under
        // a reader still reading it ("Stream closed"), which lost the lines printed after the signal
        Path output = dir.resolve("run.out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AvfusionCli.class.getName(), "run", "--config",
                profile.toString(), "--simulate", "pedestrian-crossing")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (decisions(lines(output)) < 5) {
                assertTrue(System.nanoTime() < deadline, () -> "no decisions: " + String.join("\n", lines(output)));
                assertTrue(process.isAlive(), () -> "ended before the signal: " + String.join("\n", lines(output)));
                Thread.sleep(50);
            }
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "no exit after SIGTERM");
            List<String> lines = lines(output);
            assertEquals(0, process.exitValue(), () -> String.join("\n", lines));
            // the run's end, on the signal too: what it decided and its latency budget
            String end = lines.stream().filter(l -> l.startsWith("avfusion run: ran ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no end line: " + String.join("\n", lines)));
            assertTrue(end.contains(" decisions (PROCEED "), end);
            String endToEnd = lines.stream().filter(l -> l.startsWith("  end to end ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no latency budget: " + String.join("\n", lines)));
            assertTrue(Long.parseLong(endToEnd.trim().split("\\s+")[3]) >= 5, endToEnd);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("  + broker ack ")), () -> String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("  GC pauses during the run: ")),
                    () -> String.join("\n", lines));
            String prefix = "avfusion-broker-" + process.pid() + "-";
            try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                List<Path> left = tmp.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
                assertEquals(List.of(), left, "broker folders left behind");
            }
        } finally {
            process.destroyForcibly();
        }
    }

    private static List<String> lines(Path output) {
        try {
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long decisions(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("PROCEED") || l.startsWith("STOP") || l.startsWith("SLOW"))
                .count();
    }
}
