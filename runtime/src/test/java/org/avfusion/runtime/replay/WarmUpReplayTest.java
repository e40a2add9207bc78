package org.avfusion.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.output.DecisionListener;
import org.avfusion.runtime.output.inprocess.InProcessOutputChannel;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.avfusion.runtime.warmup.StageWarmup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay's warm-up on the recording's own frames (issue #17) with camera detection, on real data: the KITTI sfnd
 * sequence with YOLOX-Nano ({@code ../shared/models/yolox_nano.onnx}). The warm-up runs the detector on the
 * recording's first images and hands their detections to the (warm-up's own) track stage; before it, the recording's
 * first seconds are rehearsed through a throwaway pipeline (the 2 s sequence twice: 40 sets); and the replay decides
 * exactly as without either.
 */
class WarmUpReplayTest {
    private static final String KITTI_SEQUENCE = "kitti/raw/2011_09_26/sfnd_sequence_sync";

    @TempDir
    Path temp;

    private JsonNode replay(Path drive, DetectorConfig detection, ReplayJob.WarmUp warmUp, Path decisions)
            throws Exception {
        RuntimeConfig profile = new ConfigLoader().loadDefault();
        Path report = temp.resolve("report-" + warmUp + ".json");
        ReplayJob.Options options = new ReplayJob.Options(ReplayPacer.AS_FAST_AS_POSSIBLE, Long.MAX_VALUE, null,
                report, UnaryOperator.identity(), DecisionListener.NONE, detection)
                .withOutput(InProcessOutputChannel::new).withDecisionsFile(decisions).withWarmUp(warmUp);
        Replay.run(ReplayInput.recording(drive), profile, options, null);
        return new ObjectMapper().readTree(report.toFile());
    }

    @Test
    void kittiWithYoloxNanoWarmsUpOnItsImagesAndDecidesAsWithout() throws Exception {
        Path drive = Recordings.sharedData(KITTI_SEQUENCE);
        DetectorConfig detection = DetectorConfig.forModel(Recordings.sharedModel("yolox_nano.onnx"),
                DetectionLayout.YOLOX);
        Path on = temp.resolve("on.jsonl");
        Path off = temp.resolve("off.jsonl");
        JsonNode warm = replay(drive, detection, ReplayJob.WarmUp.ON, on).path("warmUp");
        JsonNode cold = replay(drive, detection, ReplayJob.WarmUp.OFF, off).path("warmUp");

        assertEquals(Replay.WARM_UP_SWEEPS, warm.path("recordedImages").asInt(-1), "recorded images: " + warm);
        assertEquals(StageWarmup.DEFAULT_INFERENCES, warm.path("inferences").asInt(-1),
                "one inference per recorded image, no more: " + warm);
        // the sequence's first images show parked and moving cars: every recorded sweep reaches the track stage with
        // its image's boxes
        assertTrue(warm.path("recordedDetections").asLong() >= StageWarmup.RECORDED_SWEEPS,
                "detections to the track stage: " + warm);
        assertTrue(warm.path("firstInferenceMillis").asDouble() > 0 && warm.path("warmInferenceMillis").asDouble() > 0,
                "" + warm);
        assertEquals("--warm-up off", cold.path("skipped").asText(), "" + cold);
        JsonNode rehearsal = warm.path("rehearsal");
        assertEquals(Replay.REHEARSAL_MIN_SETS, rehearsal.path("decisions").asInt(-1),
                "20 sweeps, rehearsed twice to reach 40 sets: " + rehearsal);
        assertEquals(80, rehearsal.path("frames").asInt(-1), "20 sweeps and 20 images, twice: " + rehearsal);
        assertEquals(2.0, rehearsal.path("recordedSeconds").asDouble(), 1e-9, "the whole 2 s sequence: " + rehearsal);
        assertEquals(2, rehearsal.path("passes").asInt(-1), "" + rehearsal);
        assertTrue(cold.path("rehearsal").isMissingNode(), "no rehearsal without warm-up: " + cold);

        Recordings.Cli diff = Recordings.cli("diff", on.toString(), off.toString());
        assertEquals(0, diff.exitCode(), diff.out() + diff.err());
        assertTrue(diff.out().startsWith("identical: 20 decisions"), diff.out());
    }
}
