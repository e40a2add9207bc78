package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.avfusion.scenarios.hil.HilScenario;
import org.avfusion.scenarios.hil.MjpegHttpServer;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera end to end through {@code avfusion run} (issue #14 item 5): {@code avfusion run --config
 * config/hil-loopback-camera.yaml --model ../shared/models/yolox_nano.onnx} reads a camera as MJPEG over HTTP with
 * its FFmpeg camera source while the rig streams lidar and NMEA on loopback.
 * <ul>
 * <li>The rig's own camera (the simulator's flat-shaded view, served by {@code avfusion hil} with a
 *     {@code cameraHttpPort}) in the camera-freeze scenario: the detector runs on the sets' camera images (health
 *     {@code cameraDetections.images} grows, {@code cameraDetection} names the model), every set's {@code objects}
 *     message carries its {@code camera} list, and the frozen camera is reported FROZEN (the scenario's expectation,
 *     checked by the rig). YOLOX finds nothing in the simulator's boxes, so detections are not asserted there.</li>
 * <li>Real images (20 consecutive KITTI frames, ../shared/data) served as MJPEG by this test in place of the rig's
 *     camera: YOLOX's detections of the frames that came over the wire are published on {@code objects} (cars).</li>
 * </ul>
 * Skipped when the model (or, for the second, the KITTI frames) is absent.
 */
class HilCameraLoopbackTest {
    private static final Path PROFILE = Path.of("..", "config", "hil-loopback-camera.yaml");
    private static final Path HIL = Path.of("..", "scenarios", "hil");
    private static final Path MODEL = Path.of(System.getProperty("avfusion.shared", "../../shared"), "models",
            "yolox_nano.onnx");
    private static final double SETTLE_SECONDS = 1.0;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void cameraFramesFromTheRigAreDetectedAndAFrozenCameraIsFlagged() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(MODEL), "YOLOX-Nano not found at " + MODEL.toAbsolutePath()
                + ": skipping the camera HIL test");
        HilScenario scenario = HilScenario.load(HIL.resolve("camera-freeze.yaml"));
        double seconds = scenario.spec().durationSeconds() + SETTLE_SECONDS + 20;
        try (HilLoopback hil = new HilLoopback(PROFILE, tmp, seconds, SETTLE_SECONDS, "--model",
                MODEL.toString())) {
            List<JsonNode> objects = new CopyOnWriteArrayList<>();
            MqttClient client = objectsSubscriber(hil.brokerUri(), objects);
            try {
                HilLoopback.Played p = hil.play(scenario);
                List<JsonNode> health = p.health(hil.tap());
                System.out.println(hil.rigLog());
                JsonNode last = health.get(health.size() - 1);
                long images = (long) HilLoopback.number(last, "cameraDetections.images");
                long detections = (long) HilLoopback.number(last, "cameraDetections.detections");
                long cameraFrames = (long) HilLoopback.number(last, "sources.camera_front.frames");
                long withCamera = objects.stream().filter(o -> o.path("camera").size() > 0).count();
                String labels = objects.stream().flatMap(o -> java.util.stream.StreamSupport.stream(
                        o.path("camera").spliterator(), false)).map(d -> d.path("label").asText()).distinct()
                        .toList().toString();
                String summary = "camera frames read " + cameraFrames + ", images detected " + images
                        + ", detections " + detections + ", objects messages " + objects.size() + " ("
                        + withCamera + " with camera detections: " + labels + "); cameraDetection: "
                        + HilLoopback.text(last, "cameraDetection");
                System.out.println(summary);
                for (JsonNode h : health) {
                    System.out.println("health: camera " + h.path("sources").path("camera_front") + " silent "
                            + HilLoopback.text(h, "sensors.camera_front.silent") + " detections "
                            + h.path("cameraDetections"));
                }
                assertTrue(p.report().passed(), "camera-freeze expectations:\n" + hil.transcript());
                assertTrue(HilLoopback.text(last, "cameraDetection").startsWith("on (yolox_nano.onnx"), summary);
                assertTrue(cameraFrames >= 5, "the FFmpeg source read the rig's MJPEG stream: " + summary);
                assertTrue(images >= 3, "the detector ran on the camera images of the sets: " + summary);
                // live, the frames are detected as they arrive (beside alignment); a set detects its image itself
                // only when that stage fell behind
                long fromArrival = (long) HilLoopback.number(last, "cameraDetections.setsFromArrival");
                long late = (long) HilLoopback.number(last, "cameraDetections.setsDetectedLate");
                // the report is written on the publish thread while the perceive thread may be in the middle of a
                // set: counted by the cache when it took the set, in "images" once its detections are in (at most one)
                long inFlight = fromArrival + late - images;
                assertTrue(inFlight == 0 || inFlight == 1, "every set's detections came from one of the two (at most "
                        + "one set in the perceive stage as the report was written): " + fromArrival + " + " + late
                        + " against " + images + " images; " + summary);
                // how many sets find their frame detected depends on the machine's load (a stage behind skips
                // frames); that the stage ran the detector on arriving frames does not
                assertTrue(HilLoopback.number(last, "cameraDetections.detectedOnArrival") >= 1,
                        "frames detected on arrival: " + last.path("cameraDetections"));
                assertTrue(!objects.isEmpty() && objects.stream().allMatch(o -> o.path("camera").isArray()),
                        "every objects message lists the camera's detections: " + summary);
            } finally {
                client.disconnect();
                client.close();
            }
        }
    }

    private static final Path KITTI_FRAMES = Path.of(System.getProperty("avfusion.shared", "../../shared"), "data",
            "kitti", "raw", "2011_09_26", "sfnd_sequence_sync", "image_02", "data");

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void realImagesOverMjpegAreDetectedAndPublishedOnObjects() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(MODEL), "YOLOX-Nano not found at " + MODEL.toAbsolutePath()
                + ": skipping");
        Assumptions.assumeTrue(Files.isDirectory(KITTI_FRAMES), "KITTI frames not found at "
                + KITTI_FRAMES.toAbsolutePath() + ": skipping");
        List<byte[]> jpegs = new ArrayList<>();
        try (var files = Files.list(KITTI_FRAMES)) {
            for (Path png : files.filter(f -> f.toString().endsWith(".png")).sorted().toList()) {
                ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
                javax.imageio.ImageIO.write(javax.imageio.ImageIO.read(png.toFile()), "jpg", jpeg);
                jpegs.add(jpeg.toByteArray());
            }
        }
        Assumptions.assumeTrue(jpegs.size() >= 2, "fewer than 2 KITTI frames in " + KITTI_FRAMES);
        Path scenarioFile = tmp.resolve("pedestrian-crossing-4s.yaml");
        Files.writeString(scenarioFile, "extends: pedestrian-crossing\ndurationSeconds: 4\n");
        HilScenario scenario = HilScenario.load(scenarioFile);
        try (MjpegHttpServer camera = new MjpegHttpServer(0)) {
            // 20 Hz (the frames cycle; consecutive ones differ, so the camera is never frozen): a sweep's nearest
            // frame is within the profile's 40 ms camera tolerance
            Thread feeder = new Thread(() -> {
                for (int k = 0; !Thread.currentThread().isInterrupted(); k++) {
                    camera.publish(jpegs.get(k % jpegs.size()));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "kitti-mjpeg-feeder");
            feeder.setDaemon(true);
            feeder.start();
            java.net.URI url = java.net.URI.create("http://127.0.0.1:" + camera.port() + MjpegHttpServer.PATH);
            try (HilLoopback hil = new HilLoopback(PROFILE, tmp, 30, SETTLE_SECONDS, url, "--model",
                    MODEL.toString())) {
                List<JsonNode> objects = new CopyOnWriteArrayList<>();
                MqttClient client = objectsSubscriber(hil.brokerUri(), objects);
                try {
                    HilLoopback.Played p = hil.play(scenario);
                    List<JsonNode> health = p.health(hil.tap());
                    JsonNode last = health.get(health.size() - 1);
                    long withCamera = objects.stream().filter(o -> o.path("camera").size() > 0).count();
                    List<String> labels = objects.stream().flatMap(o -> java.util.stream.StreamSupport.stream(
                            o.path("camera").spliterator(), false)).map(d -> d.path("label").asText()).toList();
                    String summary = "camera frames read " + HilLoopback.text(last, "sources.camera_front.frames")
                            + ", cameraDetections " + last.path("cameraDetections") + ", objects messages "
                            + objects.size() + " (" + withCamera + " with camera detections; labels "
                            + new java.util.TreeMap<>(labels.stream().collect(java.util.stream.Collectors.groupingBy(
                                    x -> x, java.util.stream.Collectors.counting()))) + ")";
                    System.out.println(summary);
                    assertTrue(withCamera >= 3, "detections of real frames that came over the wire are published"
                            + " on objects: " + summary + "\n" + hil.transcript());
                    assertTrue(labels.contains("car"), "KITTI's street has cars: " + summary);
                } finally {
                    client.disconnect();
                    client.close();
                }
            } finally {
                feeder.interrupt();
            }
        }
    }

    private static MqttClient objectsSubscriber(String brokerUri, List<JsonNode> into) throws Exception {
        ObjectMapper json = new ObjectMapper();
        MqttClient client = new MqttClient(brokerUri, "hil-camera-objects-" + UUID.randomUUID(),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        IMqttMessageListener listener = (topic, message) -> into.add(json.readTree(message.getPayload()));
        client.subscribe(new MqttSubscription[] {new MqttSubscription("avfusion/hil-loopback/objects", 1)},
                new IMqttMessageListener[] {listener});
        return client;
    }
}
