package org.avfusion.runtime.cli.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.runtime.output.json.JsonLines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avfusion decode ... | head}: once stdout's reader has gone, a decode command stops at its next write and exits
 * 141 (128 + SIGPIPE, what a shell reports for a tool the signal ended), without a message or a stack trace, instead
 * of decoding the rest of its input into a closed pipe. The child JVM runs the real {@code main}; its stdout is a pipe
 * this test reads one line from and closes, and the child cannot finish before that: the pipe holds 64 KiB, the
 * output is megabytes, so the child is blocked writing when the pipe closes.
 */
class DecodeBrokenPipeTest {
    @TempDir
    Path dir;

    private static Path shared(String... parts) {
        Path p = Path.of(System.getProperty("avfusion.shared", "../shared"), "data");
        for (String part : parts) {
            p = p.resolve(part);
        }
        Assumptions.assumeTrue(Files.isRegularFile(p), p + " not found: skipping");
        return p;
    }

    @Test
    void decodeLidarStopsWhenItsReaderGoes() throws Exception {
        byte[] sample = Files.readAllBytes(shared("lidar", "hdl32-sample-a.pcap"));
        Path big = dir.resolve("hdl32-x50.pcap");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(sample);
            for (int i = 1; i < 50; i++) {
                out.write(sample, 24, sample.length - 24); // records only: one pcap header
            }
        }
        assertStopsQuietly(List.of("decode", "lidar", big.toString()), "{\"");
    }

    @Test
    void decodeNmeaStopsWhenItsReaderGoes() throws Exception {
        byte[] log = Files.readAllBytes(shared("nmea", "nmea-rtk.log"));
        Path big = dir.resolve("rtk-x400.log");
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 400; i++) {
                out.write(log);
            }
        }
        assertStopsQuietly(List.of("decode", "nmea", big.toString()), "{\"");
    }

    @Test
    void aFailedWriteToStdoutThrowsInsteadOfBeingSwallowed() {
        PrintStream failing = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        }, false, StandardCharsets.UTF_8);
        JsonLines.Stdout out = new JsonLines.Stdout(failing);
        OutputStream bytes = JsonLines.bytes(out);
        IOException e = assertThrows(IOException.class, () -> bytes.write(new byte[] {'{', '}', '\n'}, 0, 3));
        assertTrue(JsonLines.StdoutClosedException.isCauseOf(new java.io.UncheckedIOException(e)));
    }

    private static void assertStopsQuietly(List<String> args, String firstLineStart) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), AvfusionCli.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String first;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            first = lines.readLine(); // then closed: the child's next write fails with EPIPE
        }
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ended, "the command ended after its reader went: " + err);
        assertTrue(first != null && first.startsWith(firstLineStart), "first line: " + first);
        assertEquals(AvfusionCli.EXIT_STDOUT_CLOSED, p.exitValue(), "exit status; stderr: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertFalse(err.contains("fixes from") || err.contains(" points, "), "no summary of a run it did not finish: "
                + err);
    }
}
