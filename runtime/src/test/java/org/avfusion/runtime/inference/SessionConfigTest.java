package org.avfusion.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.junit.jupiter.api.Test;

/** The threads a detector inside the pipeline gets, against ORT's own choice for a model alone on the machine. */
class SessionConfigTest {
    private static final Path MODEL = Path.of("model.onnx");

    @Test
    void besideThePipelineOneIntraOpThreadPerFourCoresAndNoSpinning() {
        int[][] coresToThreads = {{1, 1}, {2, 1}, {3, 1}, {4, 1}, {7, 1}, {8, 2}, {16, 4}, {64, 16}};
        for (int[] row : coresToThreads) {
            SessionConfig s = SessionConfig.besidePipeline(MODEL, row[0]);
            assertEquals(row[1], s.intraOpThreads(), row[0] + " cores");
            assertFalse(s.allowSpinning(), row[0] + " cores");
            assertEquals(List.of(ExecutionProvider.CPU), s.providers());
        }
        assertThrows(IllegalArgumentException.class, () -> SessionConfig.besidePipeline(MODEL, 0));
    }

    @Test
    void aModelAloneKeepsOrtsChoiceAndItsSpinning() {
        SessionConfig s = SessionConfig.cpu(MODEL);
        assertEquals(0, s.intraOpThreads());
        assertTrue(s.allowSpinning());
        assertTrue(new SessionConfig(MODEL, List.of(ExecutionProvider.CPU), true, 2, GraphOptimization.ALL, true, 1)
                .allowSpinning());
    }

    @Test
    void theDetectorDefaultsRunBesideThePipeline() {
        DetectorConfig d = DetectorConfig.forModel(MODEL, DetectionLayout.YOLOX);
        assertEquals(SessionConfig.besidePipeline(MODEL, Runtime.getRuntime().availableProcessors()), d.session());
    }
}
