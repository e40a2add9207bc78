package org.avfusion.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Start-up outcomes: every bad model or provider is a clear error or a logged fallback, never a crash. */
class InferenceStartupTest {
    @TempDir
    Path temp;

    private static SessionConfig providers(Path model, boolean fallback, ExecutionProvider... providers) {
        return new SessionConfig(model, List.of(providers), fallback, 1, GraphOptimization.ALL, true, 1);
    }

    @Test
    void corruptModelFileFailsAtStartupNamingTheFile() throws IOException {
        Path corrupt = temp.resolve("corrupt.onnx");
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Files.write(corrupt, junk);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> CameraDetector.open(DetectorConfig.forModel(corrupt, DetectionLayout.YOLOX)));
        assertTrue(e.getMessage().startsWith("cannot load model " + corrupt), e.getMessage());
        assertEquals(corrupt, e.model());
    }

    @Test
    void truncatedRealModelFailsAtStartup() throws IOException {
        Path cut = temp.resolve("yolox_cut.onnx");
        Files.write(cut, Files.readAllBytes(DetectFixtures.yolox()), java.nio.file.StandardOpenOption.CREATE);
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> CameraDetector.open(DetectorConfig.forModel(cut, DetectionLayout.YOLOX)));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void missingModelFileNamesThePath() {
        Path missing = temp.resolve("nothing.onnx");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> CameraDetector.open(DetectorConfig.forModel(missing, DetectionLayout.YOLOX)));
        assertTrue(e.getMessage().startsWith("model file not found: " + missing.toAbsolutePath()), e.getMessage());
    }

    @Test
    void aFolderGivenAsTheModelIsNamedAsAFolder() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> CameraDetector.open(DetectorConfig.forModel(temp, DetectionLayout.YOLOX)));
        assertTrue(e.getMessage().startsWith("model is a folder, not a file: " + temp.toAbsolutePath()),
                e.getMessage());
    }

    @Test
    void modelWhoseInputDoesNotFitTheConfiguredSizeFailsAtStartup() {
        // nanodet_m_320 takes 320 x 320; a YOLOX-style configuration says 416 x 416
        DetectorConfig config = DetectorConfig.forModel(DetectFixtures.nanodet(), DetectionLayout.NANODET)
                .withInputSize(416, 416);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> CameraDetector.open(config));
        assertTrue(e.getMessage().contains("expects input 'input.1' [1, 3, 320, 320]")
                && e.getMessage().contains("[1, 3, 416, 416]"), e.getMessage());
    }

    @Test
    void modelWhoseOutputsDoNotFitTheLayoutFailsAtStartup() {
        DetectorConfig config = DetectorConfig.forModel(DetectFixtures.yolox(), DetectionLayout.NANODET)
                .withInputSize(416, 416);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> CameraDetector.open(config));
        assertTrue(e.getMessage().contains("check --layout"), e.getMessage());
    }

    @Test
    void cudaRequestedOnACpuBuildFallsBackToCpuAndLogsWhy() {
        Logger logger = (Logger) LoggerFactory.getLogger(InferenceSession.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG); // a second opening says it again at DEBUG only (below)
        try {
            DetectorConfig config = DetectorConfig.forModel(DetectFixtures.yolox(), DetectionLayout.YOLOX)
                    .withSession(providers(DetectFixtures.yolox(), true, ExecutionProvider.CUDA));
            for (int i = 0; i < 2; i++) {
                try (CameraDetector detector = CameraDetector.open(config)) {
                    assertEquals(ExecutionProvider.CPU, detector.provider());
                }
            }
        } finally {
            logger.setLevel(level);
            logger.detachAppender(appender);
        }
        java.util.function.Predicate<ILoggingEvent> why = e -> e.getFormattedMessage().contains("falling back to CPU")
                && e.getFormattedMessage().contains("cuda");
        assertEquals(2, appender.list.stream().filter(why).count(), appender.list.toString());
        // once per process at WARN (a rehearsal's passes and the replay open the same model): never twice
        assertTrue(appender.list.stream().filter(why).filter(e -> e.getLevel() == Level.WARN).count() <= 1,
                appender.list.toString());
        assertEquals(Level.DEBUG, appender.list.stream().filter(why).reduce((a, b) -> b).orElseThrow().getLevel());
    }

    @Test
    void cudaRequestedWithoutFallbackFailsAtStartupSayingWhatToChange() {
        DetectorConfig config = DetectorConfig.forModel(DetectFixtures.yolox(), DetectionLayout.YOLOX)
                .withSession(providers(DetectFixtures.yolox(), false, ExecutionProvider.CUDA));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> CameraDetector.open(config));
        assertTrue(e.getMessage().contains("no configured execution provider could run")
                && e.getMessage().contains("cuda") && e.getMessage().contains("fallback"), e.getMessage());
    }

    @Test
    void cameraTooThinForTheModelIsRejectedAndKittiIsAccepted() {
        try (CameraDetector detector = CameraDetector.open(
                DetectorConfig.forModel(DetectFixtures.yolox(), DetectionLayout.YOLOX))) {
            detector.checkCamera(1242, 375);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> detector.checkCamera(4000, 100));
            assertTrue(e.getMessage().contains("4000x100") && e.getMessage().contains("yolox_nano.onnx"),
                    e.getMessage());
        }
    }

    @Test
    void fixedBatchModelRunsOneCallPerFrameWithTheSameResultAsSingleFrames() {
        Mat kitti = DetectFixtures.kittiImage("000000");
        CameraImage a = image(kitti);
        CameraImage b = image(kitti);
        try (CameraDetector detector = CameraDetector.open(
                DetectorConfig.forModel(DetectFixtures.yolox(), DetectionLayout.YOLOX))) {
            assertEquals(1, detector.batchCapacity(), "yolox_nano.onnx has batch 1 fixed");
            DetectionList single = new DetectionList(100);
            detector.detect(kitti, single);
            DetectionList[] outs = {new DetectionList(100), new DetectionList(100)};
            detector.detectBatch(new CameraImage[]{a, b}, 2, outs);
            for (DetectionList out : outs) {
                assertEquals(single.size(), out.size());
                for (int i = 0; i < out.size(); i++) {
                    assertEquals(single.x1(i), out.x1(i), 1e-4);
                    assertEquals(single.score(i), out.score(i), 1e-6);
                }
            }
            assertTrue(single.size() >= 1);
        }
    }

    private static CameraImage image(Mat bgr) {
        CameraImage image = new CameraImage(bgr.cols(), bgr.rows());
        java.nio.ByteBuffer dst = image.prepare(bgr.cols(), bgr.rows());
        dst.put(new BytePointer(bgr.data()).capacity((long) bgr.cols() * bgr.rows() * 3).asByteBuffer());
        return image;
    }
}
