package org.avfusion.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.detect.DrivingClass;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The pretrained detectors on real KITTI frames (../shared/data/kitti/object, ../shared/models). */
class CameraDetectorKittiTest {
    // kitti/object/training/label_2/000000.txt: the Pedestrian's 2D box
    private static final float[] PEDESTRIAN = {712.40f, 143.00f, 810.73f, 307.92f};

    private static DetectionList detect(DetectorConfig config, Mat image) {
        DetectionList out = new DetectionList(100);
        try (CameraDetector detector = CameraDetector.open(config)) {
            detector.detect(image, out);
        }
        return out;
    }

    @Test
    void yoloxFindsThePedestrianOfKitti000000WithIouAtLeast08() {
        DetectionList found = detect(DetectFixtures.config(DetectFixtures.yolox(), DetectionLayout.YOLOX),
                DetectFixtures.kittiImage("000000"));
        int i = DetectFixtures.bestMatch(found, DrivingClass.PEDESTRIAN, PEDESTRIAN[0], PEDESTRIAN[1], PEDESTRIAN[2],
                PEDESTRIAN[3]);
        assertTrue(i >= 0, "no pedestrian:" + DetectFixtures.describe(found));
        float iou = found.iou(i, PEDESTRIAN[0], PEDESTRIAN[1], PEDESTRIAN[2], PEDESTRIAN[3]);
        assertTrue(iou >= 0.8f, "IoU " + iou + " with the label:" + DetectFixtures.describe(found));
        assertEquals(0, found.cocoClass(i), "COCO person");
        assertTrue(found.score(i) > 0.7f, "score " + found.score(i));
    }

    @Test
    void nanoDetFindsTheSamePedestrianAsYolox() {
        Mat image = DetectFixtures.kittiImage("000000");
        DetectionList yolox = detect(DetectFixtures.config(DetectFixtures.yolox(), DetectionLayout.YOLOX), image);
        DetectionList nanodet = detect(DetectFixtures.config(DetectFixtures.nanodet(), DetectionLayout.NANODET), image);
        int y = DetectFixtures.bestMatch(yolox, DrivingClass.PEDESTRIAN, PEDESTRIAN[0], PEDESTRIAN[1], PEDESTRIAN[2],
                PEDESTRIAN[3]);
        assertTrue(y >= 0, "YOLOX found no pedestrian:" + DetectFixtures.describe(yolox));
        int n = DetectFixtures.bestMatch(nanodet, DrivingClass.PEDESTRIAN, yolox.x1(y), yolox.y1(y), yolox.x2(y),
                yolox.y2(y));
        assertTrue(n >= 0, "NanoDet found no pedestrian:" + DetectFixtures.describe(nanodet));
        float iou = nanodet.iou(n, yolox.x1(y), yolox.y1(y), yolox.x2(y), yolox.y2(y));
        assertTrue(iou >= 0.7f, "IoU between the models " + iou + "; NanoDet:" + DetectFixtures.describe(nanodet)
                + "\nYOLOX:" + DetectFixtures.describe(yolox));
        System.out.println("KITTI 000000 YOLOX:" + DetectFixtures.describe(yolox) + "\nNanoDet:"
                + DetectFixtures.describe(nanodet) + "\nIoU YOLOX/NanoDet pedestrian " + iou);
    }
}
