package org.avfusion.runtime.bench;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.inference.CameraDetector;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.inference.GraphOptimization;
import org.avfusion.runtime.inference.ExecutionProvider;
import org.avfusion.runtime.inference.SessionConfig;
import org.avfusion.runtime.inference.preprocess.LetterboxPreprocessor;
import org.avfusion.runtime.perceive.detect.ClassAwareNms;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.detect.Letterbox;
import org.avfusion.runtime.perceive.detect.LetterboxAnchor;
import org.avfusion.runtime.perceive.detect.YoloxDecoder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * YOLOX-Nano on KITTI 000000 (1224 x 370), one frame per operation, on the CPU:
 *
 * <pre>
 *   CameraImage --copy--> frame Mat --letterbox (OpenCV)--> input FloatBuffer --ORT run--> pinned output
 *        --YoloxDecoder--> candidates --ClassAwareNms--> DetectionList        (ortFrame: all of it)
 *   the same input FloatBuffer --OpenCV DNN forward--> output Mat --same decoder and NMS   (opencvDnnFrame)
 *   pinned output --decoder + NMS only                                                   (decodeAndNms)
 * </pre>
 * Run: {@code mvn -B -q -o -Dbench=runtime -DskipTests -pl runtime -am verify
 * -Djmh.args="DetectBenchmark -prof gc -f 1"}. ORT uses one intra-op thread so numbers compare across machines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class DetectBenchmark {
    private CameraDetector detector;
    private CameraImage image;
    private DetectionList out;
    private Net net;
    private Mat frame;
    private FloatBuffer blob;
    private Mat input;
    private LetterboxPreprocessor preprocessor;
    private Letterbox letterbox;
    private YoloxDecoder decoder;
    private DetectionList candidates;
    private ClassAwareNms nms;
    private FloatBuffer[] dnnOutputs = new FloatBuffer[1];
    private FloatBuffer[] ortOutputs;

    @Setup
    public void setUp() {
        Path shared = Path.of(System.getProperty("avfusion.shared", "../shared"));
        Path model = shared.resolve("models/yolox_nano.onnx");
        frame = imread(shared.resolve("data/kitti/object/training/image_2/000000.png").toString(), IMREAD_COLOR);
        if (frame.empty()) {
            throw new IllegalStateException("../shared/data/kitti/object/training/image_2/000000.png not found");
        }
        DetectorConfig config = DetectorConfig.forModel(model, DetectionLayout.YOLOX).withSession(
                new SessionConfig(model, List.of(ExecutionProvider.CPU), true, 1, GraphOptimization.ALL, true, 1));
        detector = CameraDetector.open(config);
        image = new CameraImage(frame.cols(), frame.rows());
        image.prepare(frame.cols(), frame.rows()).put(new BytePointer(frame.data())
                .capacity((long) frame.cols() * frame.rows() * 3).asByteBuffer());
        out = new DetectionList(100);
        detector.detect(image, out);

        opencv_core.setNumThreads(1);
        net = opencv_dnn.readNetFromONNX(model.toString());
        blob = ByteBuffer.allocateDirect(3 * 416 * 416 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        input = new Mat(new int[]{1, 3, 416, 416}, opencv_core.CV_32F, new FloatPointer(blob));
        preprocessor = new LetterboxPreprocessor(416, 416, config.normalization(), blob, 1);
        letterbox = Letterbox.fit(frame.cols(), frame.rows(), 416, 416, LetterboxAnchor.TOP_LEFT);
        decoder = new YoloxDecoder(416, 416, 80, 8, 16, 32);
        candidates = new DetectionList(2048);
        nms = new ClassAwareNms(2048);
        // a fixed copy of ORT's output for the decode-only benchmark
        FloatBuffer copy = ByteBuffer.allocateDirect(3549 * 85 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        preprocessor.apply(frame, letterbox, 0);
        net.setInput(input);
        Mat o = net.forward();
        copy.put(new FloatPointer(o.data()).capacity(o.total()).asBuffer());
        ortOutputs = new FloatBuffer[]{copy};
    }

    /** The whole CPU path of one camera frame through ONNX Runtime (what the perceive stage will pay). */
    @Benchmark
    public int ortFrame() {
        detector.detect(image, out);
        return out.size();
    }

    /** The same model, image, letterbox, decoder and NMS, with OpenCV's DNN module running the network. */
    @Benchmark
    public int opencvDnnFrame() {
        preprocessor.apply(frame, letterbox, 0);
        net.setInput(input);
        Mat o = net.forward();
        dnnOutputs[0] = new FloatPointer(o.data()).capacity(o.total()).asBuffer();
        candidates.clear();
        decoder.decode(dnnOutputs, letterbox, 0.3f, candidates);
        nms.apply(candidates, 0.45f, 100, out);
        o.close();
        return out.size();
    }

    /** Our post-processing alone: decode 3549 cells and NMS (should allocate nothing). */
    @Benchmark
    public int decodeAndNms() {
        candidates.clear();
        decoder.decode(ortOutputs, letterbox, 0.3f, candidates);
        nms.apply(candidates, 0.45f, 100, out);
        return out.size();
    }

    @TearDown
    public void tearDown() {
        detector.close();
        preprocessor.close();
        net.close();
    }
}
