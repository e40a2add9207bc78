package org.avfusion.calibration.opencv;

import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_CB_ADAPTIVE_THRESH;
import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_CB_NORMALIZE_IMAGE;
import static org.bytedeco.opencv.global.opencv_calib3d.drawChessboardCorners;
import static org.bytedeco.opencv.global.opencv_calib3d.findChessboardCorners;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cornerSubPix;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Point2fVector;
import org.bytedeco.opencv.opencv_core.Point3f;
import org.bytedeco.opencv.opencv_core.Point3fVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;

/**
 * Finds a chessboard's inner corners, to sub-pixel precision, in a list of images of one camera; the common step of
 * {@link IntrinsicCalibrator} and {@link StereoCalibrator}.
 *
 * <p>Detection: OpenCV {@code findChessboardCorners} (adaptive threshold, normalised image) on the grey image, then
 * {@code cornerSubPix} (11x11 window, 30 iterations or 0.001 px). An image where the board is not found is a
 * {@link RejectedView}, not an error. A file that is missing or cannot be decoded, or an image whose size differs
 * from the first image's, is a {@link CalibrationInputException} naming the file.
 *
 * <p>Stateless; each call owns and frees its OpenCV matrices. Corners are returned as Java arrays.
 */
public final class ChessboardViews {
    private ChessboardViews() {
    }

    /**
     * The corners found in one image.
     *
     * @param file    the image
     * @param corners {@code 2 * cornerCount} values, {@code (u, v)} pixels per corner in OpenCV's row-major order; null
     *                when the board was not found
     */
    public record Detection(Path file, float[] corners) {
        public boolean found() {
            return corners != null;
        }
    }

    /** The detections, in input order, with the common image size. */
    public record Detections(List<Detection> views, int widthPixels, int heightPixels) {
        public Detections {
            views = List.copyOf(views);
        }

        public int foundCount() {
            return (int) views.stream().filter(Detection::found).count();
        }

        public List<RejectedView> rejected(ChessboardSpec board) {
            List<RejectedView> out = new ArrayList<>();
            for (Detection d : views) {
                if (!d.found()) {
                    out.add(new RejectedView(d.file(), "chessboard " + board.innerColumns() + "x"
                            + board.innerRows() + " not found"));
                }
            }
            return out;
        }
    }

    /**
     * Detects the board in every image.
     *
     * @param drawDir if not null, each image is written there with its detected corners drawn ({@code NAME-corners.png})
     * @throws CalibrationInputException naming the file when one is missing, unreadable or of another size
     */
    public static Detections detect(List<Path> images, ChessboardSpec board, Path drawDir)
            throws CalibrationInputException {
        if (images.isEmpty()) {
            throw new CalibrationInputException(null, "IMAGES: no image given");
        }
        if (drawDir != null) {
            try {
                Files.createDirectories(drawDir);
            } catch (IOException e) {
                throw new CalibrationInputException(drawDir, "--draw: cannot create the folder: " + e.getMessage(), e);
            }
        }
        List<Detection> out = new ArrayList<>();
        int width = -1;
        int height = -1;
        Path first = null;
        Size pattern = new Size(board.innerColumns(), board.innerRows());
        Size window = new Size(11, 11);
        Size noZeroZone = new Size(-1, -1);
        TermCriteria criteria = new TermCriteria(TermCriteria.EPS + TermCriteria.COUNT, 30, 0.001);
        try {
            for (Path file : images) {
                if (!Files.isRegularFile(file)) {
                    throw new CalibrationInputException(file, "image not found");
                }
                try (Mat colour = imread(file.toString(), IMREAD_COLOR); Mat grey = new Mat();
                        Mat corners = new Mat()) {
                    if (colour == null || colour.empty()) {
                        throw new CalibrationInputException(file, "not a readable image (OpenCV imread decoded nothing)");
                    }
                    if (width < 0) {
                        width = colour.cols();
                        height = colour.rows();
                        first = file;
                    } else if (colour.cols() != width || colour.rows() != height) {
                        throw new CalibrationInputException(file, "image size " + colour.cols() + "x" + colour.rows()
                                + " differs from " + width + "x" + height + " of " + first
                                + "; one calibration needs one image size");
                    }
                    cvtColor(colour, grey, COLOR_BGR2GRAY);
                    boolean found = findChessboardCorners(grey, pattern, corners,
                            CALIB_CB_ADAPTIVE_THRESH | CALIB_CB_NORMALIZE_IMAGE);
                    float[] uv = null;
                    if (found && corners.rows() * corners.cols() == board.cornerCount()) {
                        cornerSubPix(grey, corners, window, noZeroZone, criteria);
                        uv = new float[2 * board.cornerCount()];
                        try (FloatIndexer ix = corners.createIndexer()) {
                            for (int i = 0; i < board.cornerCount(); i++) {
                                uv[2 * i] = ix.get(i, 0, 0);
                                uv[2 * i + 1] = ix.get(i, 0, 1);
                            }
                        }
                    }
                    if (drawDir != null) {
                        drawChessboardCorners(colour, pattern, corners, uv != null);
                        String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                        Path outFile = drawDir.resolve(name + "-corners.png");
                        if (!imwrite(outFile.toString(), colour)) {
                            throw new CalibrationInputException(outFile, "--draw: OpenCV could not write the image");
                        }
                    }
                    out.add(new Detection(file, uv));
                }
            }
        } finally {
            pattern.close();
            window.close();
            noZeroZone.close();
            criteria.close();
        }
        return new Detections(out, width, height);
    }

    /** The board's corners in its own plane (z = 0), metres, as projectPoints wants them: N x 1 CV_32FC3. */
    static Mat boardPoints(ChessboardSpec board) {
        Mat points = new Mat(board.cornerCount(), 1, CV_32FC3);
        try (FloatIndexer ix = points.createIndexer()) {
            for (int r = 0; r < board.innerRows(); r++) {
                for (int c = 0; c < board.innerColumns(); c++) {
                    int i = r * board.innerColumns() + c;
                    ix.put(i, 0, 0, (float) (c * board.squareMeters()));
                    ix.put(i, 0, 1, (float) (r * board.squareMeters()));
                    ix.put(i, 0, 2, 0f);
                }
            }
        }
        return points;
    }

    /** The board's corners in its own plane (z = 0), metres, as calibrateCamera wants them. */
    static Point3fVector boardPointVector(ChessboardSpec board) {
        Point3f[] points = new Point3f[board.cornerCount()];
        for (int r = 0; r < board.innerRows(); r++) {
            for (int c = 0; c < board.innerColumns(); c++) {
                points[r * board.innerColumns() + c] = new Point3f((float) (c * board.squareMeters()),
                        (float) (r * board.squareMeters()), 0f);
            }
        }
        return new Point3fVector(points);
    }

    /** Detected corners as calibrateCamera wants them. */
    static Point2fVector imagePointVector(float[] corners) {
        Point2f[] points = new Point2f[corners.length / 2];
        for (int i = 0; i < points.length; i++) {
            points[i] = new Point2f(corners[2 * i], corners[2 * i + 1]);
        }
        return new Point2fVector(points);
    }
}
