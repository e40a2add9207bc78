package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code src/main/dist/avfusion}) run with {@code JAVA} set to a stub that prints its arguments:
 * which heap settings each vehicle command gets.
 */
class LauncherJvmOptionsTest {
    private static final Path LAUNCHER = Path.of("src/main/dist/avfusion");

    @TempDir
    Path temp;

    private List<String> jvmArgs(String... command) throws IOException, InterruptedException {
        Path stub = temp.resolve("java");
        Files.writeString(stub, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        assertTrue(stub.toFile().setExecutable(true));
        Path jar = Files.writeString(temp.resolve("avfusion.jar"), "");
        List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA", stub.toString());
        pb.environment().put("AVFUSION_JAR", jar.toString());
        pb.environment().put("AVFUSION_CDS", temp.toString());
        pb.environment().remove("AVFUSION_JAVA_OPTS");
        pb.environment().remove("AVFUSION_GC");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "launcher did not exit");
        assertEquals(0, p.exitValue(), out);
        List<String> args = out.lines().toList();
        int jarAt = args.indexOf("-jar");
        assertTrue(jarAt > 0 && args.get(jarAt + 1).equals(jar.toString()), "runs the jar: " + args);
        assertEquals(List.of(command), args.subList(jarAt + 2, args.size()), "passes the command on unchanged");
        return args.subList(0, jarAt);
    }

    @Test
    void aRecordingsReplayWithoutAModelGivesHeapBackTheOthersKeepTheirs() throws Exception {
        List<String> recording = jvmArgs("replay", "--recording", "drive", "--speed", "1");
        assertTrue(recording.containsAll(List.of("-Xms96m", "-Xmx256m", "-XX:GCTimeRatio=1",
                "-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10", "-XX:+UseG1GC")), "" + recording);
        assertFalse(recording.contains("-Xms128m"), "" + recording);
        // as fast as possible: no rehearsal to keep out of the heap, and the smaller heap cost a bag 10-25 % of its pace
        for (List<String> max : List.of(jvmArgs("replay", "--recording", "drive", "--speed", "max"),
                jvmArgs("replay", "--speed=max", "--recording=drive"))) {
            assertTrue(max.containsAll(List.of("-Xms128m", "-Xmx256m", "-XX:MaxHeapFreeRatio=30",
                    "-XX:MinHeapFreeRatio=10")), "" + max);
            assertFalse(max.contains("-XX:GCTimeRatio=1") || max.contains("-Xms96m"), "" + max);
        }

        List<String> withModel = jvmArgs("replay", "--recording", "drive", "--model=m.onnx");
        assertTrue(withModel.containsAll(List.of("-Xms128m", "-Xmx256m")), "" + withModel);
        assertFalse(withModel.contains("-XX:MaxHeapFreeRatio=30") || withModel.contains("-XX:GCTimeRatio=1"),
                "a model's replay: latency first: " + withModel);

        List<String> simulated = jvmArgs("replay", "--scenario", "pedestrian-crossing");
        assertTrue(simulated.containsAll(List.of("-Xms96m", "-Xmx96m")), "" + simulated);
        assertFalse(simulated.contains("-XX:MaxHeapFreeRatio=30"), "" + simulated);

        List<String> model = jvmArgs("replay", "--scenario", "pedestrian-crossing", "--model", "m.onnx");
        assertTrue(model.containsAll(List.of("-Xms128m", "-Xmx256m")), "" + model);
        assertFalse(model.contains("-XX:MaxHeapFreeRatio=30"), "a simulated drive has no rehearsal: " + model);

        // live sensors' pools at their bounds and a model: the start-up heap estimate wants more than 256 MB
        List<String> live = jvmArgs("run", "--config", "vehicle.yaml");
        assertTrue(live.containsAll(List.of("-Xms128m", "-Xmx384m")), "" + live);
        List<String> simulatedRun = jvmArgs("run", "--model", "m.onnx", "--simulate", "pedestrian-crossing");
        assertTrue(simulatedRun.containsAll(List.of("-Xms128m", "-Xmx256m")), "" + simulatedRun);
        assertFalse(live.contains("-XX:MaxHeapFreeRatio=30"), "the vehicle keeps its measured settings: " + live);

        List<String> cli = jvmArgs("decode", "nmea", "x.log");
        assertTrue(cli.contains("-XX:+UseSerialGC") && cli.contains("-Xmx64m"), "" + cli);
    }
}
