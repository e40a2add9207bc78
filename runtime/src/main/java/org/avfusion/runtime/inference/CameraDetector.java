package org.avfusion.runtime.inference;

import org.avfusion.runtime.perceive.detect.ObjectDetector;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.inference.preprocess.LetterboxPreprocessor;
import org.avfusion.runtime.perceive.detect.ClassAwareNms;
import org.avfusion.runtime.perceive.detect.DetectionDecoder;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.detect.Letterbox;
import org.avfusion.runtime.perceive.detect.NanoDetGflDecoder;
import org.avfusion.runtime.perceive.detect.TileGrid;
import org.avfusion.runtime.perceive.detect.YoloxDecoder;
import org.avfusion.runtime.perceive.detect.Yolov8Decoder;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Camera frames in, detections out: letterbox with OpenCV into the session's input, one ONNX Runtime call, the
 * layout's decoder, class-aware NMS into a caller's preallocated {@link DetectionList} (box corners in the frame's
 * pixels, COCO class, score). With {@link DetectorConfig#tiled()} it also runs native-resolution tiles of the horizon
 * band ({@link TileGrid}) and merges them with the full-frame pass by NMS.
 *
 * <p>Batching: {@link #detectBatch} puts frames from several cameras into one call when the model's batch dimension
 * is dynamic ({@link #batchCapacity()} > 1); the pretrained yolox_nano and nanodet_m_320 have batch 1 fixed, so
 * there it runs one call per frame. Tiled detection runs one call per tile.
 *
 * <p>Start-up ({@link #open}) fails with a {@link ModelLoadException} naming the file and the fix when the model is
 * missing, corrupt, or does not fit the configured input size or layout; {@link #checkCamera} rejects a camera the
 * model cannot see. Per frame nothing is allocated in steady state: frames are copied into a native frame buffer
 * reused while the camera size stays, and all scratch is sized at start-up.
 *
 * <p>Threading: one thread per detector (it owns one ORT session; ORT itself uses {@code intraOpThreads}).
 * Ownership: the caller keeps its {@link CameraImage} reference; the pixels are copied before this returns.
 */
public final class CameraDetector implements ObjectDetector {
    private final DetectorConfig config;
    private final InferenceSession session;
    private final LetterboxPreprocessor preprocessor;
    private final DetectionDecoder decoder;
    private final FloatBuffer[][] decoderInputs;
    private final DetectionList candidates;
    private final DetectionList tileCandidates;
    private final ClassAwareNms nms;
    private final Mat[] frames;
    private final ByteBuffer[] frameBytes;
    private Letterbox frameLetterbox;
    private TileGrid tiles;
    private Letterbox tileLetterbox;
    private Mat[] tileRois = new Mat[0];
    private long preprocessNanos;
    private long inferenceNanos;
    private long postprocessNanos;

    private CameraDetector(DetectorConfig config, InferenceSession session) {
        this.config = config;
        this.session = session;
        int[] order;
        switch (config.layout()) {
            case YOLOX -> {
                long[] s = single(session, 3);
                decoder = new YoloxDecoder(config.inputWidth(), config.inputHeight(), (int) s[2] - 5, 8, 16, 32);
                order = new int[]{0};
            }
            case YOLOV8 -> {
                long[] s = single(session, 3);
                decoder = new Yolov8Decoder((int) s[1] - 4, (int) s[2]);
                order = new int[]{0};
            }
            case NANODET -> {
                order = nanoDetOrder(session);
                long[] cls = session.outputShape(order[0]);
                long[] dis = session.outputShape(order[order.length / 2]);
                int levels = order.length / 2;
                int[] strides = new int[levels];
                for (int k = 0; k < levels; k++) {
                    strides[k] = 8 << k;
                }
                decoder = new NanoDetGflDecoder(config.inputWidth(), config.inputHeight(), (int) cls[cls.length - 1],
                        (int) dis[dis.length - 1] / 4, strides);
            }
            default -> throw new IllegalStateException("layout " + config.layout());
        }
        if (decoder.outputCount() != order.length) {
            throw layoutMismatch("has " + session.outputCount() + " outputs, the decoder reads "
                    + decoder.outputCount());
        }
        for (int k = 0; k < order.length; k++) {
            if (decoder.outputElements(k) != session.outputFloatsPerFrame(order[k])) {
                throw layoutMismatch("output '" + session.outputName(order[k]) + "' "
                        + Arrays.toString(session.outputShape(order[k])) + " holds "
                        + session.outputFloatsPerFrame(order[k]) + " floats per frame, the " + config.layout()
                        + " decoder at " + config.inputWidth() + "x" + config.inputHeight() + " expects "
                        + decoder.outputElements(k));
            }
        }
        int slots = session.batchCapacity();
        decoderInputs = new FloatBuffer[slots][order.length];
        for (int slot = 0; slot < slots; slot++) {
            for (int k = 0; k < order.length; k++) {
                decoderInputs[slot][k] = session.output(slot, order[k]);
            }
        }
        preprocessor = new LetterboxPreprocessor(config.inputWidth(), config.inputHeight(), config.normalization(),
                session.input(), slots);
        candidates = new DetectionList(config.maxCandidates());
        tileCandidates = new DetectionList(config.maxCandidates());
        nms = new ClassAwareNms(config.maxCandidates());
        frames = new Mat[slots];
        frameBytes = new ByteBuffer[slots];
    }

    /**
     * Opens the model and makes everything ready.
     *
     * @throws ModelLoadException missing or corrupt model, input size or outputs that do not fit the configuration,
     *                            or no execution provider (with CPU fallback off)
     */
    public static CameraDetector open(DetectorConfig config) {
        InferenceSession session = InferenceSession.open(config.session(), 3, config.inputHeight(),
                config.inputWidth());
        try {
            return new CameraDetector(config, session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static long[] single(InferenceSession session, int rank) {
        if (session.outputCount() != 1 || session.outputShape(0).length != rank) {
            List<String> shapes = new ArrayList<>();
            for (int k = 0; k < session.outputCount(); k++) {
                shapes.add(session.outputName(k) + Arrays.toString(session.outputShape(k)));
            }
            throw new ModelLoadException(session.modelPath(), "model " + session.modelPath() + " has outputs "
                    + shapes + "; this layout expects one output of rank " + rank + ": check --layout");
        }
        return session.outputShape(0);
    }

    /** Class outputs (names with "cls") then distribution outputs, each finest stride (most cells) first. */
    private static int[] nanoDetOrder(InferenceSession session) {
        List<Integer> cls = new ArrayList<>();
        List<Integer> dis = new ArrayList<>();
        for (int k = 0; k < session.outputCount(); k++) {
            (session.outputName(k).toLowerCase().contains("cls") ? cls : dis).add(k);
        }
        if (cls.isEmpty() || cls.size() != dis.size() || session.outputShape(0).length != 3) {
            List<String> names = new ArrayList<>();
            for (int k = 0; k < session.outputCount(); k++) {
                names.add(session.outputName(k) + Arrays.toString(session.outputShape(k)));
            }
            throw new ModelLoadException(session.modelPath(), "model " + session.modelPath() + " has outputs " + names
                    + "; the NanoDet layout expects per stride a 'cls_pred' [1,N,classes] and a distribution "
                    + "[1,N,4*bins] output: check --layout");
        }
        Comparator<Integer> finestFirst = Comparator.comparingLong((Integer k) -> -session.outputShape(k)[1]);
        cls.sort(finestFirst);
        dis.sort(finestFirst);
        int[] order = new int[cls.size() * 2];
        for (int i = 0; i < cls.size(); i++) {
            order[i] = cls.get(i);
            order[cls.size() + i] = dis.get(i);
        }
        return order;
    }

    private ModelLoadException layoutMismatch(String what) {
        return new ModelLoadException(session.modelPath(), "model " + session.modelPath() + " " + what
                + ": check --layout and the configured input size");
    }

    /**
     * Checks at start-up that frames of {@code widthPixels x heightPixels} suit this model: letterboxed into the
     * input they must stay at least 32 pixels on each side.
     *
     * @throws IllegalArgumentException naming the camera size, the model input and the fix
     */
    public void checkCamera(int widthPixels, int heightPixels) {
        if (widthPixels < 1 || heightPixels < 1) {
            throw new IllegalArgumentException("camera size must be positive, was " + widthPixels + "x"
                    + heightPixels);
        }
        Letterbox lb = Letterbox.fit(widthPixels, heightPixels, config.inputWidth(), config.inputHeight(),
                config.anchor());
        if (lb.resizedWidth() < 32 || lb.resizedHeight() < 32) {
            throw new IllegalArgumentException("camera " + widthPixels + "x" + heightPixels + " shrinks to "
                    + lb.resizedWidth() + "x" + lb.resizedHeight() + " in the " + config.inputWidth() + "x"
                    + config.inputHeight() + " input of " + session.modelPath().getFileName()
                    + ": crop the camera or use a model with a matching aspect");
        }
    }

    /** {@link #detect(CameraImage, DetectionList)}: the network does not need the stamp. */
    @Override
    public void detect(CameraImage image, long stampNanos, DetectionList out) {
        detect(image, out);
    }

    /** Detects in a pooled camera frame (BGR); the caller keeps ownership of {@code image}. */
    public void detect(CameraImage image, DetectionList out) {
        long t0 = System.nanoTime();
        Mat frame = frame(0, image.width(), image.height());
        ByteBuffer dst = frameBytes[0];
        dst.clear();
        dst.put(image.pixels());
        detectFrame(frame, out, t0);
    }

    /** Detects in an 8-bit BGR OpenCV image (copied; the caller keeps {@code bgr}). */
    public void detect(Mat bgr, DetectionList out) {
        long t0 = System.nanoTime();
        if (bgr.type() != CV_8UC3) {
            throw new IllegalArgumentException("image type " + bgr.type() + " is not 8-bit BGR (CV_8UC3)");
        }
        Mat frame = frame(0, bgr.cols(), bgr.rows());
        bgr.copyTo(frame);
        detectFrame(frame, out, t0);
    }

    /**
     * Detects in {@code count} frames, {@code outs[i]} for {@code images[i]}: one model call per
     * {@link #batchCapacity()} frames (one per frame for a fixed-batch model or when tiling).
     */
    public void detectBatch(CameraImage[] images, int count, DetectionList[] outs) {
        if (count > images.length || count > outs.length) {
            throw new IllegalArgumentException(count + " frames but " + images.length + " images and " + outs.length
                    + " lists");
        }
        int capacity = config.tiled() ? 1 : session.batchCapacity();
        if (capacity == 1) {
            for (int i = 0; i < count; i++) {
                detect(images[i], outs[i]);
            }
            return;
        }
        for (int start = 0; start < count; start += capacity) {
            long t0 = System.nanoTime();
            int n = Math.min(capacity, count - start);
            for (int slot = 0; slot < n; slot++) {
                CameraImage image = images[start + slot];
                Mat frame = frame(slot, image.width(), image.height());
                frameBytes[slot].clear();
                frameBytes[slot].put(image.pixels());
                preprocessor.apply(frame, letterbox(image.width(), image.height()), slot);
            }
            long t1 = System.nanoTime();
            session.run(n);
            long t2 = System.nanoTime();
            for (int slot = 0; slot < n; slot++) {
                CameraImage image = images[start + slot];
                candidates.clear();
                decoder.decode(decoderInputs[slot], letterbox(image.width(), image.height()),
                        config.scoreThreshold(), candidates);
                nms.apply(candidates, config.nmsIou(), config.maxDetections(), outs[start + slot]);
            }
            preprocessNanos = t1 - t0;
            inferenceNanos = t2 - t1;
            postprocessNanos = System.nanoTime() - t2;
        }
    }

    private void detectFrame(Mat frame, DetectionList out, long t0) {
        int w = frame.cols();
        int h = frame.rows();
        Letterbox lb = letterbox(w, h);
        preprocessor.apply(frame, lb, 0);
        long t1 = System.nanoTime();
        session.run(1);
        long t2 = System.nanoTime();
        candidates.clear();
        decoder.decode(decoderInputs[0], lb, config.scoreThreshold(), candidates);
        long t3 = System.nanoTime();
        long pre = t1 - t0;
        long inf = t2 - t1;
        long post = t3 - t2;
        if (config.tiled()) {
            prepareTiles(w, h);
            for (int i = 0; i < tiles.count(); i++) {
                long a = System.nanoTime();
                preprocessor.apply(tileRois[i], tileLetterbox, 0);
                long b = System.nanoTime();
                session.run(1);
                long c = System.nanoTime();
                tileCandidates.clear();
                decoder.decode(decoderInputs[0], tileLetterbox, config.scoreThreshold(), tileCandidates);
                int dx = tiles.x(i);
                int dy = tiles.y();
                for (int j = 0; j < tileCandidates.size(); j++) {
                    float x1 = tileCandidates.x1(j) + dx;
                    float y1 = tileCandidates.y1(j) + dy;
                    float x2 = tileCandidates.x2(j) + dx;
                    float y2 = tileCandidates.y2(j) + dy;
                    if (!tiles.cutByInnerEdge(i, x1, y1, x2, y2, 2f)) {
                        candidates.add(x1, y1, x2, y2, tileCandidates.score(j), tileCandidates.cocoClass(j));
                    }
                }
                pre += b - a;
                inf += c - b;
                post += System.nanoTime() - c;
            }
        }
        long t4 = System.nanoTime();
        nms.apply(candidates, config.nmsIou(), config.maxDetections(), out);
        preprocessNanos = pre;
        inferenceNanos = inf;
        postprocessNanos = post + System.nanoTime() - t4;
    }

    private Letterbox letterbox(int w, int h) {
        Letterbox lb = frameLetterbox;
        if (lb == null || lb.sourceWidth() != w || lb.sourceHeight() != h) {
            lb = Letterbox.fit(w, h, config.inputWidth(), config.inputHeight(), config.anchor());
            frameLetterbox = lb;
        }
        return lb;
    }

    private Mat frame(int slot, int w, int h) {
        Mat frame = frames[slot];
        if (frame == null || frame.cols() != w || frame.rows() != h) {
            if (frame != null) {
                frame.close();
            }
            frame = new Mat(h, w, CV_8UC3);
            frames[slot] = frame;
            frameBytes[slot] = frame.data().capacity((long) w * h * 3).asByteBuffer();
            if (slot == 0) {
                tiles = null;
            }
        }
        return frame;
    }

    private void prepareTiles(int w, int h) {
        if (tiles != null) {
            return;
        }
        for (Mat roi : tileRois) {
            roi.close();
        }
        tiles = TileGrid.horizonBand(w, h, config.inputWidth(), config.inputHeight(),
                (int) Math.round(config.horizonFraction() * h), config.tileOverlapPixels());
        tileRois = new Mat[tiles.count()];
        for (int i = 0; i < tiles.count(); i++) {
            tileRois[i] = frames[0].apply(new Rect(tiles.x(i), tiles.y(), tiles.width(), tiles.height()));
        }
        tileLetterbox = Letterbox.fit(tiles.width(), tiles.height(), config.inputWidth(), config.inputHeight(),
                config.anchor());
    }

    /** Frames one model call takes (1 for yolox_nano and nanodet_m_320, whose batch is fixed). */
    public int batchCapacity() {
        return session.batchCapacity();
    }

    /** The execution provider actually in use (after any fallback). */
    public ExecutionProvider provider() {
        return session.provider();
    }

    public DetectorConfig config() {
        return config;
    }

    /** The tiles of the last tiled frame, or null before one. */
    public TileGrid tiles() {
        return tiles;
    }

    /** Letterbox and normalisation time of the last call, nanoseconds (all tiles included). */
    public long lastPreprocessNanos() {
        return preprocessNanos;
    }

    /** ONNX Runtime time of the last call, nanoseconds (all tiles included). */
    public long lastInferenceNanos() {
        return inferenceNanos;
    }

    /** Decoding and NMS time of the last call, nanoseconds. */
    public long lastPostprocessNanos() {
        return postprocessNanos;
    }

    @Override
    public void close() {
        for (Mat roi : tileRois) {
            roi.close();
        }
        for (Mat f : frames) {
            if (f != null) {
                f.close();
            }
        }
        preprocessor.close();
        session.close();
    }
}
