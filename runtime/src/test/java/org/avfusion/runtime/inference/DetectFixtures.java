package org.avfusion.runtime.inference;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.detect.DrivingClass;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;

/** Real models and images from ../shared; every accessor skips the test with a clear message when absent. */
final class DetectFixtures {
    static final Path SHARED = Path.of(System.getProperty("avfusion.shared", "../shared"));

    private DetectFixtures() {
    }

    static Path model(String name) {
        Path file = SHARED.resolve("models").resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/models not found: " + file.toAbsolutePath());
        return file;
    }

    static Path data(String relative) {
        Path file = SHARED.resolve("data").resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/data not found: " + file.toAbsolutePath());
        return file;
    }

    static Path yolox() {
        return model("yolox_nano.onnx");
    }

    static Path nanodet() {
        return model("nanodet_m_320.onnx");
    }

    static DetectorConfig config(Path model, DetectionLayout layout) {
        return DetectorConfig.forModel(model, layout);
    }

    static Mat kittiImage(String id) {
        Path png = data("kitti/object/training/image_2/" + id + ".png");
        Mat image = imread(png.toString(), IMREAD_COLOR);
        Assumptions.assumeFalse(image.empty(), "cannot read " + png);
        return image;
    }

    /** A labelled object of KITTI's label_2: type and 2D box (pixels). */
    record Label(String type, float x1, float y1, float x2, float y2) {
        DrivingClass drivingClass() {
            return switch (type) {
                case "Car", "Van", "Truck", "Tram" -> DrivingClass.VEHICLE;
                case "Pedestrian", "Person_sitting" -> DrivingClass.PEDESTRIAN;
                case "Cyclist" -> DrivingClass.CYCLIST;
                default -> DrivingClass.OTHER;
            };
        }
    }

    static List<Label> kittiLabels(String id) throws IOException {
        List<Label> labels = new ArrayList<>();
        for (String line : Files.readAllLines(data("kitti/object/training/label_2/" + id + ".txt"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && !f[0].equals("DontCare")) {
                labels.add(new Label(f[0], Float.parseFloat(f[4]), Float.parseFloat(f[5]), Float.parseFloat(f[6]),
                        Float.parseFloat(f[7])));
            }
        }
        return labels;
    }

    /** Index of the best-IoU detection of {@code cls} with the box, or -1 when none overlaps. */
    static int bestMatch(DetectionList list, DrivingClass cls, float x1, float y1, float x2, float y2) {
        int best = -1;
        float bestIou = 0;
        for (int i = 0; i < list.size(); i++) {
            float iou = list.iou(i, x1, y1, x2, y2);
            if (list.drivingClass(i) == cls && iou > bestIou) {
                bestIou = iou;
                best = i;
            }
        }
        return best;
    }

    static String describe(DetectionList list) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%n  %s %.2f [%.1f, %.1f, %.1f, %.1f]", list.drivingClass(i).label(),
                    list.score(i), list.x1(i), list.y1(i), list.x2(i), list.y2(i)));
        }
        return sb.toString();
    }
}
