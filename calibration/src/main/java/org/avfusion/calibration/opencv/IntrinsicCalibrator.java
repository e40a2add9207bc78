package org.avfusion.calibration.opencv;

import static org.bytedeco.opencv.global.opencv_calib3d.calibrateCamera;
import static org.bytedeco.opencv.global.opencv_calib3d.projectPoints;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point2fVectorVector;
import org.bytedeco.opencv.opencv_core.Point3fVector;
import org.bytedeco.opencv.opencv_core.Point3fVectorVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;

/**
 * Intrinsic calibration of one camera from chessboard views: {@link ChessboardViews} finds the corners, OpenCV
 * {@code calibrateCamera} (Zhang's method, "A flexible new technique for camera calibration", PAMI 2000) fits the
 * camera matrix and the distortion {@code (k1, k2, p1, p2, k3)}; the per-view RMS reprojection error comes from
 * {@code projectPoints} at each view's estimated pose.
 *
 * <p>Views without a board are reported in {@link CameraCalibration#rejected()}, not fatal; fewer than
 * {@link #MIN_VIEWS} views with a board is a {@link CalibrationInputException}. Stateless; thread-safe.
 */
public final class IntrinsicCalibrator {
    /** Fewest views with a board found that a calibration accepts. */
    public static final int MIN_VIEWS = 3;

    private IntrinsicCalibrator() {
    }

    /**
     * Calibrates from {@code images}.
     *
     * @param drawDir if not null, the images with their detected corners are written there
     * @throws CalibrationInputException naming the file or field: a missing or unreadable image, images of different
     *                                   sizes, a board found in fewer than {@link #MIN_VIEWS} images
     */
    public static CameraCalibration calibrate(List<Path> images, ChessboardSpec board, Path drawDir)
            throws CalibrationInputException {
        return calibrate(ChessboardViews.detect(images, board, drawDir), board);
    }

    /** Calibrates from corners already detected. */
    public static CameraCalibration calibrate(ChessboardViews.Detections detections, ChessboardSpec board)
            throws CalibrationInputException {
        if (detections.foundCount() < MIN_VIEWS) {
            throw new CalibrationInputException(null, "IMAGES: chessboard " + board.innerColumns() + "x"
                    + board.innerRows() + " found in " + detections.foundCount() + " of " + detections.views().size()
                    + " images, at least " + MIN_VIEWS + " needed (check --board: inner corners, not squares)"
                    + rejectedList(detections.rejected(board)));
        }
        try (PointerScope scope = new PointerScope()) {
            Point3fVectorVector objectPoints = new Point3fVectorVector();
            Point2fVectorVector imagePoints = new Point2fVectorVector();
            List<ChessboardViews.Detection> used = new ArrayList<>();
            Point3fVector boardVector = ChessboardViews.boardPointVector(board);
            for (ChessboardViews.Detection d : detections.views()) {
                if (d.found()) {
                    objectPoints.push_back(boardVector);
                    imagePoints.push_back(ChessboardViews.imagePointVector(d.corners()));
                    used.add(d);
                }
            }
            Mat board3d = ChessboardViews.boardPoints(board);
            Mat cameraMatrix = new Mat();
            Mat distortion = new Mat();
            MatVector rvecs = new MatVector();
            MatVector tvecs = new MatVector();
            double rms = calibrateCamera(objectPoints, imagePoints,
                    new Size(detections.widthPixels(), detections.heightPixels()), cameraMatrix, distortion, rvecs,
                    tvecs, 0, new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 100, 1e-9));
            List<ViewError> views = new ArrayList<>();
            for (int i = 0; i < used.size(); i++) {
                Mat projected = new Mat();
                projectPoints(board3d, rvecs.get(i), tvecs.get(i), cameraMatrix, distortion, projected);
                views.add(new ViewError(used.get(i).file(), rmsBetween(projected, used.get(i).corners())));
            }
            double[] k = new double[9];
            try (DoubleIndexer ix = cameraMatrix.createIndexer()) {
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        k[3 * r + c] = ix.get(r, c);
                    }
                }
            }
            double[] dist = new double[5];
            Mat flat = distortion.reshape(1, 1);
            try (DoubleIndexer ix = flat.createIndexer()) {
                long n = flat.total();
                for (int i = 0; i < 5 && i < n; i++) {
                    dist[i] = ix.get(0, i);
                }
            }
            return new CameraCalibration(detections.widthPixels(), detections.heightPixels(), k[0], k[4], k[2], k[5],
                    dist[0], dist[1], dist[2], dist[3], dist[4], rms, views, detections.rejected(board));
        }
    }

    /** RMS distance between projected points (N x 1 CV_32FC2) and detected corners {@code (u, v)}, pixels. */
    static double rmsBetween(Mat projected, float[] corners) {
        int n = projected.rows();
        double sum = 0;
        try (FloatIndexer ia = projected.createIndexer()) {
            for (int i = 0; i < n; i++) {
                double du = ia.get(i, 0, 0) - corners[2 * i];
                double dv = ia.get(i, 0, 1) - corners[2 * i + 1];
                sum += du * du + dv * dv;
            }
        }
        return Math.sqrt(sum / n);
    }

    static String rejectedList(List<RejectedView> rejected) {
        if (rejected.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("; not found in:");
        for (RejectedView r : rejected) {
            text.append(' ').append(r.file());
        }
        return text.toString();
    }
}
