package org.avfusion.calibration.opencv;

import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_FIX_INTRINSIC;
import static org.bytedeco.opencv.global.opencv_calib3d.stereoCalibrate;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2fVectorVector;
import org.bytedeco.opencv.opencv_core.Point3fVector;
import org.bytedeco.opencv.opencv_core.Point3fVectorVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;

/**
 * Stereo calibration of a left/right camera pair from chessboard views: each camera is calibrated on its own
 * ({@link IntrinsicCalibrator}), then OpenCV {@code stereoCalibrate} with those intrinsics fixed fits the rotation and
 * translation between them over the pairs where both found the board. The baseline's uncertainty is a jackknife
 * over the pairs (leave one out, {@code sqrt((n-1)/n * sum (b_i - mean)^2)}).
 *
 * <p>Pairing: images are paired by name, the first "left" / "right" (any case) removed, so {@code left07.jpg} pairs
 * with {@code right07.jpg}; an image without a partner, and a pair where either camera missed the board, are
 * reported as rejected, not fatal. Stateless; thread-safe.
 */
public final class StereoCalibrator {
    private StereoCalibrator() {
    }

    /**
     * Calibrates the pair.
     *
     * @param drawDir if not null, every image is written there with its detected corners drawn
     * @throws CalibrationInputException naming the file or field: missing or unreadable images, sizes that differ
     *                                   (between or within the cameras), fewer than {@link IntrinsicCalibrator#MIN_VIEWS}
     *                                   usable pairs
     */
    public static StereoCalibration calibrate(List<Path> leftImages, List<Path> rightImages, ChessboardSpec board,
            Path drawDir) throws CalibrationInputException {
        ChessboardViews.Detections left = ChessboardViews.detect(leftImages, board, drawDir);
        ChessboardViews.Detections right = ChessboardViews.detect(rightImages, board, drawDir);
        if (left.widthPixels() != right.widthPixels() || left.heightPixels() != right.heightPixels()) {
            throw new CalibrationInputException(rightImages.get(0), "right image size " + right.widthPixels() + "x"
                    + right.heightPixels() + " differs from the left camera's " + left.widthPixels() + "x"
                    + left.heightPixels() + " (" + leftImages.get(0) + ")");
        }
        CameraCalibration leftCamera = IntrinsicCalibrator.calibrate(left, board);
        CameraCalibration rightCamera = IntrinsicCalibrator.calibrate(right, board);

        List<RejectedView> rejected = new ArrayList<>();
        Map<String, ChessboardViews.Detection> rightByKey = new HashMap<>();
        for (ChessboardViews.Detection d : right.views()) {
            rightByKey.put(pairKey(d.file()), d);
        }
        List<float[]> leftCorners = new ArrayList<>();
        List<float[]> rightCorners = new ArrayList<>();
        List<List<Path>> pairs = new ArrayList<>();
        for (ChessboardViews.Detection l : left.views()) {
            ChessboardViews.Detection r = rightByKey.remove(pairKey(l.file()));
            if (r == null) {
                rejected.add(new RejectedView(l.file(), "no right image pairs with it"));
            } else if (!l.found() || !r.found()) {
                rejected.add(new RejectedView(l.found() ? r.file() : l.file(), "chessboard " + board.innerColumns()
                        + "x" + board.innerRows() + " not found; pair " + l.file().getFileName() + " / "
                        + r.file().getFileName() + " skipped"));
            } else {
                leftCorners.add(l.corners());
                rightCorners.add(r.corners());
                pairs.add(List.of(l.file(), r.file()));
            }
        }
        for (ChessboardViews.Detection r : rightByKey.values()) {
            rejected.add(new RejectedView(r.file(), "no left image pairs with it"));
        }
        if (pairs.size() < IntrinsicCalibrator.MIN_VIEWS) {
            throw new CalibrationInputException(null, "--left/--right: " + pairs.size()
                    + " pairs with the chessboard found in both images, at least " + IntrinsicCalibrator.MIN_VIEWS
                    + " needed");
        }
        Size size = new Size(left.widthPixels(), left.heightPixels());
        try {
            Fit all = fit(board, leftCorners, rightCorners, -1, leftCamera, rightCamera, size);
            int n = pairs.size();
            double[] baselines = new double[n];
            double mean = 0;
            for (int leave = 0; leave < n; leave++) {
                baselines[leave] = fit(board, leftCorners, rightCorners, leave, leftCamera, rightCamera, size)
                        .baseline();
                mean += baselines[leave] / n;
            }
            double squares = 0;
            for (double b : baselines) {
                squares += (b - mean) * (b - mean);
            }
            double jackknife = Math.sqrt((n - 1.0) / n * squares);
            double trace = all.rotation[0] + all.rotation[4] + all.rotation[8];
            double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (trace - 1) / 2))));
            return new StereoCalibration(leftCamera, rightCamera, all.rotation, all.translation, all.baseline(),
                    jackknife, angle, all.rms, pairs, rejected);
        } finally {
            size.close();
        }
    }

    /** A file name with the first "left" or "right" removed, lower case: the key that pairs two images. */
    static String pairKey(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int left = name.indexOf("left");
        int right = name.indexOf("right");
        if (left >= 0 && (right < 0 || left < right)) {
            return name.substring(0, left) + name.substring(left + 4);
        }
        if (right >= 0) {
            return name.substring(0, right) + name.substring(right + 5);
        }
        return name;
    }

    private record Fit(double[] rotation, double[] translation, double rms) {
        double baseline() {
            return Math.sqrt(translation[0] * translation[0] + translation[1] * translation[1]
                    + translation[2] * translation[2]);
        }
    }

    /** stereoCalibrate with fixed intrinsics over every pair but {@code leaveOut} (-1: all). */
    private static Fit fit(ChessboardSpec board, List<float[]> leftCorners, List<float[]> rightCorners, int leaveOut,
            CameraCalibration leftCamera, CameraCalibration rightCamera, Size size) {
        try (PointerScope scope = new PointerScope()) {
            Point3fVectorVector objectPoints = new Point3fVectorVector();
            Point2fVectorVector leftPoints = new Point2fVectorVector();
            Point2fVectorVector rightPoints = new Point2fVectorVector();
            Point3fVector boardVector = ChessboardViews.boardPointVector(board);
            for (int i = 0; i < leftCorners.size(); i++) {
                if (i == leaveOut) {
                    continue;
                }
                objectPoints.push_back(boardVector);
                leftPoints.push_back(ChessboardViews.imagePointVector(leftCorners.get(i)));
                rightPoints.push_back(ChessboardViews.imagePointVector(rightCorners.get(i)));
            }
            Mat k1 = matrix(3, 3, leftCamera.cameraMatrix());
            Mat d1 = matrix(1, 5, leftCamera.distortion());
            Mat k2 = matrix(3, 3, rightCamera.cameraMatrix());
            Mat d2 = matrix(1, 5, rightCamera.distortion());
            Mat r = new Mat();
            Mat t = new Mat();
            Mat e = new Mat();
            Mat f = new Mat();
            double rms = stereoCalibrate(objectPoints, leftPoints, rightPoints, k1, d1, k2, d2, size, r, t, e, f,
                    CALIB_FIX_INTRINSIC, new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 100, 1e-9));
            double[] rotation = new double[9];
            double[] translation = new double[3];
            try (DoubleIndexer ir = r.createIndexer(); DoubleIndexer it = t.createIndexer()) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        rotation[3 * i + j] = ir.get(i, j);
                    }
                    translation[i] = it.get(i, 0);
                }
            }
            return new Fit(rotation, translation, rms);
        }
    }

    private static Mat matrix(int rows, int cols, double[] values) {
        Mat m = new Mat(rows, cols, CV_64F);
        try (DoubleIndexer ix = m.createIndexer()) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    ix.put(r, c, values[r * cols + c]);
                }
            }
        }
        return m;
    }
}
