package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avfusion run --simulate} in its own JVM, stopped by SIGTERM mid-drive: exit code 0 (not 143), the
 * embedded broker's temporary folder removed. (The offline health at close is checked by the MQTT output's tests.)
 */
class RunSigtermTest {
    @TempDir
    Path dir;

    @Test
    void sigtermMidDriveEndsCleanlyWithExitCodeZeroAndNoTemporaryFolderLeft() throws Exception {
        Path profile = Files.writeString(dir.resolve("vehicle.yaml"), "mqtt:\n  embeddedPort: 0\n");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AvfusionCli.class.getName(), "run", "--config",
                profile.toString(), "--simulate", "pedestrian-crossing")
                .redirectErrorStream(true).start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch fiveDecisions = new java.util.concurrent.CountDownLatch(5);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    if (line.startsWith("PROCEED") || line.startsWith("STOP") || line.startsWith("SLOW")) {
                        fiveDecisions.countDown();
                    }
                }
            } catch (java.io.IOException closed) {
                // process gone
            }
        }, "run-output");
        reader.start();
        try {
            assertTrue(fiveDecisions.await(60, TimeUnit.SECONDS), () -> "no decisions: " + String.join("\n", lines));
            assertTrue(process.isAlive(), () -> "ended before the signal: " + String.join("\n", lines));
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "no exit after SIGTERM");
            reader.join(5_000);
            assertEquals(0, process.exitValue(), () -> String.join("\n", lines));
            String prefix = "avfusion-broker-" + process.pid() + "-";
            try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                List<Path> left = tmp.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
                assertEquals(List.of(), left, "broker folders left behind");
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
