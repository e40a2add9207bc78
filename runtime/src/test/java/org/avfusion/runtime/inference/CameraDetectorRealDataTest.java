package org.avfusion.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.camera.VideoFileSource;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.runtime.inference.preprocess.LetterboxPreprocessor;
import org.avfusion.runtime.perceive.detect.ClassAwareNms;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.detect.DrivingClass;
import org.avfusion.runtime.perceive.detect.Letterbox;
import org.avfusion.runtime.perceive.detect.LetterboxAnchor;
import org.avfusion.runtime.perceive.detect.YoloxDecoder;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.junit.jupiter.api.Test;

/** The highway clip, tiling on KITTI 000001, and ONNX Runtime against OpenCV DNN on the same pre/post-processing. */
class CameraDetectorRealDataTest {
    private static int vehicles(DetectionList list) {
        int n = 0;
        for (int i = 0; i < list.size(); i++) {
            n += list.drivingClass(i) == DrivingClass.VEHICLE ? 1 : 0;
        }
        return n;
    }

    @Test
    void yoloxFindsAtLeastTwoVehiclesInFramesOfTheHighwayClipAndNanoDetIsReported() {
        var clip = DetectFixtures.data("video/highway-1280x720.mp4");
        List<Integer> yoloxCounts = new ArrayList<>();
        List<Integer> nanoCounts = new ArrayList<>();
        try (CameraDetector yolox = CameraDetector.open(DetectFixtures.config(DetectFixtures.yolox(),
                DetectionLayout.YOLOX));
             CameraDetector nanodet = CameraDetector.open(DetectFixtures.config(DetectFixtures.nanodet(),
                     DetectionLayout.NANODET));
             VideoFileSource source = VideoFileSource.open(clip, new SensorId("front", SensorKind.CAMERA), 0, 0, 2)) {
            yolox.checkCamera(1280, 720);
            DetectionList a = new DetectionList(100);
            DetectionList b = new DetectionList(100);
            int frame = 0;
            while (source.nextArrivalNanos() != RecordedSource.END) {
                int index = frame++;
                source.emitNext((header, payload) -> {
                    CameraImage image = (CameraImage) payload;
                    try {
                        if (index % 6 == 0) { // frames 0, 6, ..., 36
                            yolox.detect(image, a);
                            nanodet.detect(image, b);
                            yoloxCounts.add(vehicles(a));
                            nanoCounts.add(vehicles(b));
                        }
                    } finally {
                        image.release();
                    }
                    return true;
                });
            }
        }
        System.out.println("highway-1280x720.mp4 vehicles per frame (0, 6, ..., 36): YOLOX " + yoloxCounts
                + ", NanoDet " + nanoCounts);
        assertEquals(7, yoloxCounts.size());
        for (int i = 0; i < yoloxCounts.size(); i++) {
            assertTrue(yoloxCounts.get(i) >= 2, "frame " + i * 6 + ": YOLOX vehicles " + yoloxCounts);
        }
    }

    @Test
    void tilingFindsTheFarTruckCarAndCyclistOfKitti000001ThatTheFullFrameMisses() throws IOException {
        Mat image = DetectFixtures.kittiImage("000001");
        List<DetectFixtures.Label> labels = DetectFixtures.kittiLabels("000001");
        StringBuilder report = new StringBuilder("KITTI 000001 labelled objects found (IoU >= 0.5, any class):");
        int[] foundYoloxTiled = new int[1];
        int[] foundYoloxFull = new int[1];
        for (DetectionLayout layout : List.of(DetectionLayout.YOLOX, DetectionLayout.NANODET)) {
            for (boolean tiled : new boolean[]{false, true}) {
                DetectorConfig config = DetectFixtures.config(layout == DetectionLayout.YOLOX
                        ? DetectFixtures.yolox() : DetectFixtures.nanodet(), layout).withTiling(tiled);
                DetectionList out = new DetectionList(100);
                long nanos;
                try (CameraDetector detector = CameraDetector.open(config)) {
                    detector.detect(image, out);
                    long t0 = System.nanoTime();
                    detector.detect(image, out);
                    nanos = System.nanoTime() - t0;
                }
                List<String> found = new ArrayList<>();
                for (DetectFixtures.Label label : labels) {
                    for (int i = 0; i < out.size(); i++) {
                        if (out.iou(i, label.x1(), label.y1(), label.x2(), label.y2()) >= 0.5f) {
                            found.add(label.type() + "(" + out.drivingClass(i).label() + ")");
                            break;
                        }
                    }
                }
                if (layout == DetectionLayout.YOLOX) {
                    (tiled ? foundYoloxTiled : foundYoloxFull)[0] = found.size();
                }
                report.append(String.format("%n  %s %s: %s, %.1f ms", layout, tiled ? "tiled" : "full frame", found,
                        nanos / 1e6));
            }
        }
        System.out.println(report);
        assertTrue(foundYoloxTiled[0] >= 3, report.toString());
        assertTrue(foundYoloxTiled[0] > foundYoloxFull[0], report.toString());
    }

    @Test
    void onnxRuntimeAndOpenCvDnnGiveTheSameBoxesWithinOnePixel() {
        Mat image = DetectFixtures.kittiImage("000000");
        DetectorConfig config = DetectFixtures.config(DetectFixtures.yolox(), DetectionLayout.YOLOX)
                .withScoreThreshold(0.1f);
        DetectionList ort = new DetectionList(100);
        try (CameraDetector detector = CameraDetector.open(config)) {
            detector.detect(image, ort);
        }
        // the same letterbox and normalisation, the same decoder and NMS, but OpenCV's DNN module runs the model
        FloatBuffer blob = java.nio.ByteBuffer.allocateDirect(3 * 416 * 416 * 4)
                .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        Letterbox lb = Letterbox.fit(image.cols(), image.rows(), 416, 416, LetterboxAnchor.TOP_LEFT);
        DetectionList dnn = new DetectionList(100);
        try (LetterboxPreprocessor pre = new LetterboxPreprocessor(416, 416, config.normalization(), blob, 1);
             Mat input = new Mat(new int[]{1, 3, 416, 416}, opencv_core.CV_32F, new FloatPointer(blob));
             Net net = opencv_dnn.readNetFromONNX(DetectFixtures.yolox().toString())) {
            pre.apply(image, lb, 0);
            net.setInput(input);
            try (Mat out = net.forward()) {
                assertEquals(3549L * 85, out.total(), "OpenCV DNN output size");
                FloatBuffer floats = new FloatPointer(out.data()).capacity(out.total()).asBuffer();
                DetectionList candidates = new DetectionList(2048);
                new YoloxDecoder(416, 416, 80, 8, 16, 32).decode(new FloatBuffer[]{floats}, lb, 0.1f, candidates);
                ClassAwareNms.suppress(candidates, config.nmsIou(), config.maxDetections(), dnn);
            }
        }
        assertTrue(ort.size() >= 1);
        assertEquals(ort.size(), dnn.size(), "ORT:" + DetectFixtures.describe(ort) + "\nDNN:"
                + DetectFixtures.describe(dnn));
        for (int i = 0; i < ort.size(); i++) {
            assertEquals(ort.cocoClass(i), dnn.cocoClass(i));
            assertEquals(ort.x1(i), dnn.x1(i), 1f, "x1 of #" + i);
            assertEquals(ort.y1(i), dnn.y1(i), 1f, "y1 of #" + i);
            assertEquals(ort.x2(i), dnn.x2(i), 1f, "x2 of #" + i);
            assertEquals(ort.y2(i), dnn.y2(i), 1f, "y2 of #" + i);
            assertEquals(ort.score(i), dnn.score(i), 0.01f, "score of #" + i);
        }
    }
}
