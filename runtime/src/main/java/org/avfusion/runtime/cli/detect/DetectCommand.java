package org.avfusion.runtime.cli.detect;

import org.avfusion.calibration.yaml.Bounds;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.core.JsonGenerator;
import org.avfusion.runtime.output.json.JsonLines;
import org.avfusion.runtime.inference.CameraDetector;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.inference.ExecutionProvider;
import org.avfusion.runtime.inference.GraphOptimization;
import org.avfusion.runtime.inference.ModelLoadException;
import org.avfusion.runtime.inference.SessionConfig;
import org.avfusion.runtime.perceive.detect.CocoClasses;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion detect --model FILE [--layout yolox|nanodet|yolov8] [--draw DIR] [--tile] IMAGE...}: one JSON
 * object per detection, {@code {"image":"a.png","class":"pedestrian","label":"person","score":0.818,
 * "x1":711.7,"y1":143.2,"x2":805.3,"y2":301.2}}, where {@code class} is the driving class (vehicle, pedestrian,
 * cyclist, traffic_light, stop_sign, other), {@code label} the COCO name and the box corners are pixels of the image.
 *
 * <p>Exit codes: 0 every image processed; 2 the model cannot be loaded (missing, corrupt, wrong shape or layout) or
 * an image cannot be read or written, with a message naming the file (images before it are printed first).
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Detect objects in images with an ONNX model (YOLOX, NanoDet or YOLOv8 layout) and print one "
                + "JSON line per detection: image, class, label, score, x1, y1, x2, y2.")
public final class DetectCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The ONNX model file.")
    Path model;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "yolox",
            description = "Output layout: yolox (default), nanodet or yolov8.")
    String layout;

    @Option(names = "--draw", paramLabel = "DIR", description = "Write each image with its boxes drawn into DIR.")
    Path drawDir;

    @Option(names = "--tile", description = "Also run native-resolution tiles over the horizon band (small, far "
            + "objects).")
    boolean tile;

    @Option(names = "--score", paramLabel = "MIN", defaultValue = "0.3", description = "Least score (default 0.3).")
    float score;

    @Option(names = "--provider", paramLabel = "EP", defaultValue = "cpu",
            description = "Execution provider: cpu (default), cuda or tensorrt; falls back to cpu with a warning.")
    String provider;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime intra-op threads (0: one per core).")
    int threads;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files (PNG, JPEG ...).")
    List<Path> images;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DetectorConfig config;
        try {
            DetectionLayout parsedLayout = DetectionLayout.parse(layout);
            ExecutionProvider ep = ExecutionProvider.parse(provider);
            config = DetectorConfig.forModel(model, parsedLayout)
                    .withSession(new SessionConfig(model, List.of(ep), true,
                            Bounds.requireInRange("--threads", threads, 0, 256, "(0: one per core)"),
                            GraphOptimization.ALL, true, 1))
                    .withScoreThreshold(score)
                    .withTiling(tile);
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        if (drawDir != null) {
            try {
                Files.createDirectories(drawDir);
            } catch (java.io.IOException e) {
                return fail(err, "cannot create --draw directory " + drawDir + ": " + e.getMessage());
            }
        }
        DetectionList found = new DetectionList(config.maxDetections());
        try (JsonLines lines = JsonLines.to(out); CameraDetector detector = CameraDetector.open(config)) {
            JsonGenerator g = lines.generator();
            for (Path image : images) {
                Mat bgr = imread(image.toString(), IMREAD_COLOR);
                if (bgr.empty()) {
                    lines.flush();
                    return fail(err, Files.exists(image) ? "cannot read image " + image + ": not an image OpenCV decodes"
                            : "cannot read image " + image + ": no such file");
                }
                try (bgr) {
                    detector.checkCamera(bgr.cols(), bgr.rows());
                    detector.detect(bgr, found);
                    String name = image.toString();
                    for (int i = 0; i < found.size(); i++) {
                        g.writeStartObject();
                        g.writeStringField("image", name);
                        g.writeStringField("class", found.drivingClass(i).label());
                        g.writeStringField("label", CocoClasses.name(found.cocoClass(i)));
                        number(g, "score", String.format(Locale.ROOT, "%.4f", found.score(i)));
                        number(g, "x1", px(found.x1(i)));
                        number(g, "y1", px(found.y1(i)));
                        number(g, "x2", px(found.x2(i)));
                        number(g, "y2", px(found.y2(i)));
                        g.writeEndObject();
                        lines.endLine();
                    }
                    lines.flush(); // each image's lines as soon as it is done
                    if (drawDir != null) {
                        Path target = drawDir.resolve(image.getFileName());
                        draw(bgr, found);
                        if (!imwrite(target.toString(), bgr)) {
                            return fail(err, "cannot write " + target + " (unknown image extension?)");
                        }
                    }
                }
            }
        } catch (ModelLoadException | IllegalArgumentException e) {
            return fail(err, e.getMessage());
        } catch (java.io.IOException e) {
            return fail(err, "cannot write output: " + e.getMessage());
        }
        return 0;
    }

    private static void draw(Mat bgr, DetectionList found) {
        for (int i = 0; i < found.size(); i++) {
            try (Point a = new Point(Math.round(found.x1(i)), Math.round(found.y1(i)));
                 Point b = new Point(Math.round(found.x2(i)), Math.round(found.y2(i)));
                 Point t = new Point(Math.round(found.x1(i)), Math.max(12, Math.round(found.y1(i)) - 4));
                 Scalar colour = colour(i, found)) {
                opencv_imgproc.rectangle(bgr, a, b, colour, 2, opencv_imgproc.LINE_8, 0);
                opencv_imgproc.putText(bgr, CocoClasses.name(found.cocoClass(i))
                                + String.format(Locale.ROOT, " %.2f", found.score(i)), t,
                        opencv_imgproc.FONT_HERSHEY_SIMPLEX, 0.5, colour, 1, opencv_imgproc.LINE_AA, false);
            }
        }
    }

    private static Scalar colour(int i, DetectionList found) {
        return switch (found.drivingClass(i)) {
            case VEHICLE -> new Scalar(255, 128, 0, 0);
            case PEDESTRIAN -> new Scalar(0, 0, 255, 0);
            case CYCLIST -> new Scalar(0, 200, 255, 0);
            case TRAFFIC_LIGHT, STOP_SIGN -> new Scalar(0, 255, 0, 0);
            case OTHER -> new Scalar(160, 160, 160, 0);
        };
    }

    private static String px(float v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A number already formatted (a few detections per image: {@code String.format} costs nothing here). */
    private static void number(JsonGenerator g, String name, String text) throws java.io.IOException {
        g.writeFieldName(name);
        g.writeNumber(text);
    }

    private static int fail(PrintWriter err, String message) {
        err.println("avfusion detect: " + message);
        err.flush();
        return EXIT_BAD_INPUT;
    }
}
