package org.avfusion.runtime.inference.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.health.LatencySummary;
import org.avfusion.runtime.replay.Replay;
import org.avfusion.runtime.replay.ReplayInput;
import org.avfusion.runtime.replay.ReplayOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fusion.depthModel}: a depth stage runs when a model is configured, and a configured model that is missing or
 * does not fit fails start-up naming the key. There is no real depth model in {@code ../shared/models}; a generated
 * one (a 1x1 Conv, {@link OnnxModelWriter}) stands in to show the stage in the ring on a simulated closed-loop drive
 * with camera detection ({@code lidar-dropout-following}); what its depth is worth is not checked here (see
 * {@code ModelDepthScalerTest} for the scaling).
 */
class DepthStageStartupTest {
    @TempDir
    Path dir;

    private static RuntimeConfig profile(Path model, int widthPixels, int heightPixels) {
        return new ConfigLoader().loadYaml("fusion:\n  depthModel: {file: \"" + model + "\", inputWidthPixels: "
                + widthPixels + ", inputHeightPixels: " + heightPixels + "}\n", "test profile");
    }

    @Test
    void aConfiguredDepthModelThatIsMissingFailsStartUpNamingTheKeyAndThePath() {
        Path missing = dir.resolve("no-such-depth.onnx");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Replay.inProcess(ReplayInput.scenario("lidar-dropout-following"), profile(missing, 256, 256)));
        assertTrue(e.getMessage().contains("fusion.depthModel.file") && e.getMessage().contains("no-such-depth.onnx"),
                e.getMessage());
    }

    @Test
    void aDepthModelOfAnotherInputSizeFailsStartUpNamingTheKey() throws Exception {
        Path model = Files.write(dir.resolve("depth-32.onnx"),
                OnnxModelWriter.conv1x1(32, 32, new float[][] {{1, 0, 0}}, new float[] {0}));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Replay.inProcess(ReplayInput.scenario("lidar-dropout-following"), profile(model, 64, 48)));
        assertTrue(e.getMessage().startsWith("fusion.depthModel.file: ") && e.getMessage().contains("depth-32.onnx"),
                e.getMessage());
    }

    @Test
    void aConfiguredDepthModelWithoutCameraDetectionFailsStartUp() throws Exception {
        Path model = Files.write(dir.resolve("depth-64.onnx"),
                OnnxModelWriter.conv1x1(48, 64, new float[][] {{1, 0, 0}}, new float[] {0}));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Replay.inProcess(ReplayInput.scenario("clear-road"), profile(model, 64, 48)));
        assertTrue(e.getMessage().contains("fusion.depthModel.file is set") && e.getMessage().contains("detection"),
                e.getMessage());
    }

    @Test
    void aConfiguredDepthModelRunsAsAStageOnEveryImageWithDetections() throws Exception {
        Path model = Files.write(dir.resolve("depth-64.onnx"),
                OnnxModelWriter.conv1x1(48, 64, new float[][] {{1, 0, 0}}, new float[] {0}));
        ReplayOutcome o = Replay.inProcess(ReplayInput.scenario("lidar-dropout-following"), profile(model, 64, 48));
        LatencySummary depth = o.summary().stageLatencies().get("depth");
        System.out.println("depth stage on lidar-dropout-following with a generated 64x48 model: " + depth
                + "; camera images detected " + o.summary().cameraImagesDetected() + "; decisions "
                + o.summary().decisions());
        assertTrue(depth != null && depth.count() > 0, "the depth stage ran: " + o.summary().stageLatencies());
        assertEquals(0L, o.summary().stageErrors().values().stream().mapToLong(Long::longValue).sum(),
                "stage errors " + o.summary().stageErrors());
        assertTrue(o.decisions().size() > 100, "decisions: " + o.decisions().size());
    }
}
