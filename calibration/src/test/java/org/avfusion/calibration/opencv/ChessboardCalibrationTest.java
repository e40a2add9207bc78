package org.avfusion.calibration.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intrinsic and stereo calibration on OpenCV's sample stereo pair, {@code calibration/chessboard-9x6}. */
class ChessboardCalibrationTest {
    private static final ChessboardSpec BOARD = new ChessboardSpec(9, 6, 0.025);
    private static Path dir;

    @BeforeAll
    static void findData() {
        dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "calibration", "chessboard-9x6");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/calibration/chessboard-9x6 not found: " + dir);
    }

    static List<Path> images(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    @Test
    void leftCameraCalibratesUnderHalfAPixel(@TempDir Path draw) throws Exception {
        List<Path> left = images("left");
        CameraCalibration c = IntrinsicCalibrator.calibrate(left, BOARD, draw);
        System.out.printf("left: fx %.2f fy %.2f cx %.2f cy %.2f k1 %.4f rms %.4f px, %d views, %d rejected%n",
                c.fxPixels(), c.fyPixels(), c.cxPixels(), c.cyPixels(), c.k1(), c.rmsPixels(), c.views().size(),
                c.rejected().size());
        assertTrue(c.rmsPixels() < 0.5, "RMS " + c.rmsPixels());
        assertEquals(640, c.widthPixels());
        assertEquals(480, c.heightPixels());
        assertEquals(left.size(), c.views().size() + c.rejected().size());
        ViewError worst = c.views().stream().max(java.util.Comparator.comparingDouble(ViewError::rmsPixels)).get();
        assertEquals("left02.jpg", worst.file().getFileName().toString(), "the README's known hard view");
        assertTrue(c.views().stream().filter(v -> v != worst).allMatch(v -> v.rmsPixels() < 0.5),
                c.views().toString());
        try (Stream<Path> drawn = Files.list(draw)) {
            assertEquals(left.size(), drawn.count(), "one picture with corners per image");
        }
    }

    @Test
    void rightCameraCalibratesUnderHalfAPixel() throws Exception {
        CameraCalibration c = IntrinsicCalibrator.calibrate(images("right"), BOARD, null);
        System.out.printf("right: fx %.2f fy %.2f rms %.4f px, %d rejected%n", c.fxPixels(), c.fyPixels(),
                c.rmsPixels(), c.rejected().size());
        assertTrue(c.rmsPixels() < 0.5, "RMS " + c.rmsPixels());
    }

    @Test
    void stereoPairHasABaselineAndNearlyParallelCameras() throws Exception {
        StereoCalibration s = StereoCalibrator.calibrate(images("left"), images("right"), BOARD, null);
        System.out.printf("stereo: baseline %.5f m +- %.5f m, T (%.4f, %.4f, %.4f), rotation %.3f deg, rms %.4f px,"
                + " %d pairs, rejected %s%n", s.baselineMeters(), s.baselineStdErrorMeters(),
                s.translationMeters()[0], s.translationMeters()[1], s.translationMeters()[2],
                s.rotationAngleDegrees(), s.rmsPixels(), s.pairs().size(), s.rejected());
        assertTrue(s.baselineMeters() > 0.01 && s.baselineMeters() < 1.0, "baseline " + s.baselineMeters());
        assertTrue(s.baselineStdErrorMeters() < 0.05 * s.baselineMeters(), "error " + s.baselineStdErrorMeters());
        assertTrue(s.rotationAngleDegrees() < 5, "rotation " + s.rotationAngleDegrees());
        assertTrue(s.rmsPixels() < 1.0, "RMS " + s.rmsPixels());
    }

    @Test
    void anImageWithoutABoardIsRejectedNotFatal(@TempDir Path tmp) throws Exception {
        List<Path> left = images("left");
        // a board-less picture of the same size: plain grey
        Path blank = tmp.resolve("blank.png");
        org.bytedeco.opencv.opencv_core.Mat grey = new org.bytedeco.opencv.opencv_core.Mat(480, 640,
                org.bytedeco.opencv.global.opencv_core.CV_8UC3, new org.bytedeco.opencv.opencv_core.Scalar(128.0));
        org.bytedeco.opencv.global.opencv_imgcodecs.imwrite(blank.toString(), grey);
        List<Path> withBlank = Stream.concat(left.stream(), Stream.of(blank)).toList();
        CameraCalibration c = IntrinsicCalibrator.calibrate(withBlank, BOARD, null);
        assertTrue(c.rejected().stream().anyMatch(r -> r.file().equals(blank)), c.rejected().toString());
        assertTrue(c.rmsPixels() < 0.5);
    }

    @Test
    void aBoardNeverFoundIsAnErrorNamingTheBoard() throws Exception {
        CalibrationInputException e = assertThrows(CalibrationInputException.class,
                () -> IntrinsicCalibrator.calibrate(images("left").subList(0, 4), new ChessboardSpec(7, 7, 0.025),
                        null));
        assertTrue(e.getMessage().contains("7x7 found in 0 of 4"), e.getMessage());
    }

    @Test
    void imagesOfDifferentSizesAreAnErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        Path small = tmp.resolve("small.png");
        org.bytedeco.opencv.global.opencv_imgcodecs.imwrite(small.toString(),
                new org.bytedeco.opencv.opencv_core.Mat(240, 320, org.bytedeco.opencv.global.opencv_core.CV_8UC3));
        List<Path> mixed = Stream.concat(images("left").stream().limit(3), Stream.of(small)).toList();
        CalibrationInputException e = assertThrows(CalibrationInputException.class,
                () -> IntrinsicCalibrator.calibrate(mixed, BOARD, null));
        assertTrue(e.getMessage().contains("small.png") && e.getMessage().contains("320x240"), e.getMessage());
    }

    @Test
    void aMissingImageIsAnErrorNamingTheFile() throws Exception {
        Path missing = dir.resolve("left99.jpg");
        CalibrationInputException e = assertThrows(CalibrationInputException.class,
                () -> IntrinsicCalibrator.calibrate(List.of(missing), BOARD, null));
        assertEquals(missing, e.file());
    }

    @Test
    void pairsImagesByNameWithoutLeftOrRight() {
        assertEquals("07.jpg", StereoCalibrator.pairKey(Path.of("left07.jpg")));
        assertEquals("07.jpg", StereoCalibrator.pairKey(Path.of("Right07.jpg")));
        assertEquals("cam_.png", StereoCalibrator.pairKey(Path.of("cam_left.png")));
    }
}
