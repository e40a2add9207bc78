package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.output.mqtt.broker.ClassBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avfusion replay --decisions - | head -1}: the decisions reach standard output a line at a time, and once its
 * reader has gone the replay stops and exits 141 (128 + SIGPIPE), as the decode commands do, without a stack trace.
 * Before, the decisions came out 64 KiB at a time (at real time, nothing until the end of a short drive), and a replay
 * whose reader had gone ran to its end, 22 s here, writing into the closed pipe, and exited 0. The child JVM runs the
 * real {@code main} at real time; this test reads one line from its stdout and closes it.
 */
class ReplayBrokenPipeTest {
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    @Test
    void aReplayWhoseDecisionsReaderGoesStopsQuietly(@TempDir Path dir) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AvfusionCli.class.getName(), "replay", "--speed", "1",
                "--decisions", "-", "--no-progress", "--broker", BROKER.uri());
        Path console = dir.resolve("console.txt");
        Process p = new ProcessBuilder(command).redirectError(console.toFile()).start();
        p.getOutputStream().close();
        String first;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            first = lines.readLine(); // the first decision, as soon as it is made; then closed
        }
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String err = Files.readString(console);
        assertTrue(ended, "the replay ended after its reader went: " + err);
        assertTrue(first != null && first.startsWith("{\"seq\":0,"), "first line: " + first);
        assertEquals(AvfusionCli.EXIT_STDOUT_CLOSED, p.exitValue(), "exit status; stderr: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertFalse(err.contains("\"summary\":\"replay\""), "no summary of a replay it did not finish: " + err);
    }
}
