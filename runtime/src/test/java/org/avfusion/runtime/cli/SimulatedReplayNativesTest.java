package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.output.mqtt.broker.ClassBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated replay with no reader of camera pixels (no model, no recording) renders no camera image and loads no
 * OpenCV natives (JavaCPP's look-up of them took 0.4-0.8 s of CPU on the way to the first decision); with
 * {@code --record}, which writes the images, it renders them as before. Child JVMs, since a class is loaded once per
 * process; the JVM's class-loading log says which classes each loaded.
 */
class SimulatedReplayNativesTest {
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    @Test
    void withoutAReaderOfPixelsNoOpenCvIsLoaded(@TempDir Path dir) throws Exception {
        String loaded = replay(dir, "none");
        assertTrue(loaded.contains("org.avfusion.scenarios.sim.SimulatedDrive "), "the log names the classes");
        assertFalse(loaded.contains("org.bytedeco."), "JavaCPP/OpenCV loaded without a reader of pixels");
    }

    @Test
    void aRecordingOfTheInputsRendersThroughOpenCv(@TempDir Path dir) throws Exception {
        String loaded = replay(dir, "record", "--record", dir.resolve("inputs.mcap").toString());
        assertTrue(loaded.contains("org.bytedeco.opencv.global.opencv_imgproc "), "OpenCV not loaded for --record");
        String console = Files.readString(dir.resolve("record-console.txt"));
        assertFalse(console.contains("do not match"), "JavaCPP's note on the pinned OpenBLAS build: " + console);
        assertFalse(console.contains("SLF4J"), console);
        assertTrue(Files.size(dir.resolve("inputs.mcap")) > 0);
    }

    /**
     * {@code avfusion replay} of 40 frames in a child JVM; the classes it loaded (the JVM's log). Its console (stdout
     * and stderr) is left in {@code NAME-console.txt}.
     */
    private static String replay(Path dir, String name, String... extra) throws Exception {
        Path log = dir.resolve(name + "-classes.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                AvfusionCli.class.getName(), "replay", "--speed", "max", "--max", "40", "--no-progress",
                "--broker", BROKER.uri()));
        command.addAll(Arrays.asList(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM still running");
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("\"summary\":\"replay\""), out);
        Files.writeString(dir.resolve(name + "-console.txt"), out);
        return Files.readString(log);
    }
}
