package org.avfusion.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.output.record.RecordRequest;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.junit.jupiter.api.Test;

/** When a replay opens its recording without decoding camera pixels ({@link RecordingProfile#readsImagePixels}). */
class RecordingProfilePixelsTest {
    @Test
    void pixelsAreDecodedExactlyWhenSomethingReadsThem() {
        RuntimeConfig plain = new ConfigLoader().loadDefault();
        RuntimeConfig depth = new ConfigLoader().loadYaml("fusion:\n  depthModel:\n    file: depth.onnx\n", "test");
        ReplayJob.Options lidarOnly = new ReplayJob.Options(0, Long.MAX_VALUE, null, null);
        record Row(String what, RuntimeConfig profile, ReplayJob.Options options, boolean reads) {
        }
        Row[] rows = {
            new Row("lidar only (avfusion replay without --model/--record)", plain, lidarOnly, false),
            new Row("in-process, identity decorator", plain, new ReplayJob.Options(0, 1, null, null,
                    UnaryOperator.identity(), org.avfusion.runtime.output.DecisionListener.NONE, null), false),
            new Row("--model", plain, new ReplayJob.Options(0, Long.MAX_VALUE, null, null, UnaryOperator.identity(),
                    org.avfusion.runtime.output.DecisionListener.NONE,
                    DetectorConfig.forModel(Path.of("yolox_nano.onnx"), DetectionLayout.YOLOX)), true),
            new Row("--record", plain, lidarOnly.withRecord(new RecordRequest(Path.of("x.mcap"), false, null, null)),
                    true),
            new Row("fusion.depthModel.file", depth, lidarOnly, true),
            new Row("a sink decorator (fault injection, HIL tap)", plain, new ReplayJob.Options(0, 1, null, null,
                    sink -> sink, org.avfusion.runtime.output.DecisionListener.NONE), true),
        };
        for (Row row : rows) {
            assertEquals(row.reads(), RecordingProfile.readsImagePixels(row.profile(), row.options()), row.what());
        }
    }
}
