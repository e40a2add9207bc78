package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.scenarios.expect.RecordedDecision;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The pedestrian drive with camera detection on ({@code ../shared/models/yolox_nano.onnx}): every set's image goes
 * through the detector, health counts it, and the detections are fused with the lidar clusters into tracks the
 * decision uses: the decisions may differ from the lidar-only drive's, but the pedestrian still gets its STOP.
 */
class CameraDetectionEndToEndTest {
    @Test
    void detectionRunsOnEverySetAndIsFusedIntoTheDecisions() throws Exception {
        Path model = Path.of(System.getProperty("avfusion.shared", "../../shared"), "models", "yolox_nano.onnx");
        Assumptions.assumeTrue(Files.isRegularFile(model), "YOLOX-Nano not found at " + model + ": skipping");
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            EndToEnd.Outcome plain = EndToEnd.drive(broker.uri(), "pedestrian-crossing", UnaryOperator.identity());
            EndToEnd.Outcome detecting = EndToEnd.drive(broker.uri(), "pedestrian-crossing", UnaryOperator.identity(),
                    DetectorConfig.forModel(model, DetectionLayout.YOLOX));
            JsonNode health = detecting.recorder().lastOnlineHealth();
            assertTrue(health.path("cameraDetection").asText().startsWith("on (yolox_nano.onnx"),
                    "health says detection is on: " + health.path("cameraDetection"));
            assertEquals(detecting.decisions().size(), health.path("cameraDetections").path("images").asLong(),
                    "one detector run per set with a camera image");
            assertTrue(health.path("cameraDetection").asText().contains("fused"), "and says it is fused");
            JsonNode counts = health.path("cameraDetections");
            assertEquals(counts.path("images").asLong(), counts.path("setsFromArrival").asLong()
                    + counts.path("setsDetectedLate").asLong(), "each set's detections came from one place: " + counts);
            assertEquals(plain.decisions().size(), detecting.decisions().size(), "one decision per set either way");
            // the sweeps were clustered beside the align stage as they arrived (the track stage clusters those the
            // cluster stage skipped itself, with the same result: the decisions below are compared)
            assertTrue(health.path("tracking").path("clusteredOnArrival").asLong() > 0, "" + health.path("tracking"));
            // detecting each set's image after alignment instead of each frame as it arrives: the same detections,
            // so the same decisions (but for their latency)
            EndToEnd.Outcome atSet = EndToEnd.drive(broker.uri(), "pedestrian-crossing", UnaryOperator.identity(),
                    DetectorConfig.forModel(model, DetectionLayout.YOLOX),
                    c -> c.withFusion(c.fusion().withDetectOnArrival(false)));
            assertEquals(withoutLatency(detecting.decisions()), withoutLatency(atSet.decisions()));
            JsonNode atSetCounts = atSet.recorder().lastOnlineHealth().path("cameraDetections");
            assertTrue(atSetCounts.path("setsFromArrival").isMissingNode(), "no detect stage: " + atSetCounts);
            assertTrue(plain.decisions().stream().anyMatch(RecordedDecision::isStop), "lidar alone stops");
            assertTrue(detecting.decisions().stream().anyMatch(d -> d.isStop() && d.reason().equals("OBSTACLE_IN_PATH")),
                    "with the camera it stops for the pedestrian too");
        }
    }

    private static java.util.List<String> withoutLatency(java.util.List<RecordedDecision> decisions) {
        return decisions.stream().map(d -> d.kind() + " " + d.reason() + " " + d.referenceStampNanos() + " "
                + d.obstacleDistanceMeters() + " " + d.targetSpeedMetersPerSecond() + " " + d.trackId() + " "
                + d.modalities() + " " + d.missing()).toList();
    }
}
