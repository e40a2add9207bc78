package org.avfusion.calibration.opencv;

import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Canny;
import static org.bytedeco.opencv.global.opencv_imgproc.DIST_L2;
import static org.bytedeco.opencv.global.opencv_imgproc.DIST_MASK_PRECISE;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.distanceTransform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.calibration.tools.AlignmentScore;
import org.avfusion.calibration.tools.DepthEdgeAlignmentScorer;
import org.avfusion.calibration.tools.DepthEdgeConfig;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Checks a lidar-to-camera extrinsic on one lidar scan and one image: projects the cloud through a
 * {@link PointProjector} and scores it with {@link DepthEdgeAlignmentScorer} against the image's edges (Canny on the
 * blurred grey image, {@link ImageEdgeConfig}, then an L2 distance transform), so that a wrong extrinsic shows as a
 * number; optionally draws the points coloured by range over the image (near red, far blue; depth-edge points ringed
 * in white).
 *
 * <p>Clouds: KITTI Velodyne {@code .bin} (float32 little-endian x, y, z, reflectance per point, lidar frame).
 * Bad input is a {@link CalibrationInputException} naming the file: missing, unreadable, a {@code .bin} whose length
 * is not a multiple of 16 bytes, an image of another size than the camera's intrinsics.
 *
 * <p>Stateless; thread-safe. A tool: it allocates its buffers per call.
 */
public final class LidarCameraCheck {
    /** Depth of the far end of the drawing's colour scale, metres. */
    public static final double DRAW_FAR_METERS = 50.0;

    private LidarCameraCheck() {
    }

    /** Builds the projector once the image's size is known (KITTI's rectified intrinsics depend on it). */
    @FunctionalInterface
    public interface ProjectorForImage {
        PointProjector forImage(int widthPixels, int heightPixels);
    }

    /**
     * Scores the alignment.
     *
     * @param drawFile if not null, the picture of the points over the image is written there (PNG or JPEG by suffix)
     */
    public static LidarCameraCheckResult check(ProjectorForImage projectors, Path cloudFile, Path imageFile,
            DepthEdgeConfig config, ImageEdgeConfig edgeConfig, Path drawFile) throws CalibrationInputException {
        Objects.requireNonNull(projectors, "projectors");
        float[] cloud = readKittiBin(cloudFile);
        if (!Files.isRegularFile(imageFile)) {
            throw new CalibrationInputException(imageFile, "--image: image not found");
        }
        try (PointerScope scope = new PointerScope()) {
            Mat colour = imread(imageFile.toString(), IMREAD_COLOR);
            if (colour == null || colour.empty()) {
                throw new CalibrationInputException(imageFile, "--image: not a readable image");
            }
            int width = colour.cols();
            int height = colour.rows();
            PointProjector projector = projectors.forImage(width, height);
            if (projector.intrinsics().widthPixels() != width || projector.intrinsics().heightPixels() != height) {
                throw new CalibrationInputException(imageFile, "--image: size " + width + "x" + height
                        + " differs from the camera intrinsics' " + projector.intrinsics().widthPixels() + "x"
                        + projector.intrinsics().heightPixels());
            }
            Mat grey = new Mat();
            cvtColor(colour, grey, COLOR_BGR2GRAY);
            if (edgeConfig.blurSigmaPixels() > 0) {
                GaussianBlur(grey, grey, new Size(0, 0), edgeConfig.blurSigmaPixels());
            }
            Mat edges = new Mat();
            Canny(grey, edges, edgeConfig.cannyLow(), edgeConfig.cannyHigh());
            int edgePixels = countNonZero(edges);
            Mat notEdges = new Mat();
            bitwise_not(edges, notEdges);
            Mat distance = new Mat();
            distanceTransform(notEdges, distance, DIST_L2, DIST_MASK_PRECISE);
            float[] distanceMap = new float[width * height];
            try (FloatIndexer ix = distance.createIndexer()) {
                for (int v = 0; v < height; v++) {
                    for (int u = 0; u < width; u++) {
                        distanceMap[v * width + u] = ix.get(v, u);
                    }
                }
            }
            int n = cloud.length / 4;
            float[] uv = new float[2 * n];
            projector.project(cloud, 0, 4, n, uv, null);
            DepthEdgeAlignmentScorer scorer = new DepthEdgeAlignmentScorer(width, height, config);
            boolean[] isEdge = new boolean[n];
            scorer.markDepthEdges(cloud, 4, n, isEdge);
            AlignmentScore score = scorer.score(uv, isEdge, n, distanceMap);
            if (drawFile != null) {
                draw(colour, cloud, uv, isEdge, n, drawFile);
            }
            return new LidarCameraCheckResult(score, n, edgePixels, width, height);
        }
    }

    /** The projector with its extrinsic turned by the given angles about the camera's own x, y, z axes, degrees. */
    public static PointProjector rotated(PointProjector projector, double aboutXDeg, double aboutYDeg,
            double aboutZDeg) {
        RigidTransform turn = RigidTransform.fromRollPitchYaw(0, 0, 0, Math.toRadians(aboutXDeg),
                Math.toRadians(aboutYDeg), Math.toRadians(aboutZDeg));
        return new PointProjector(turn.compose(projector.cameraFromSource()), projector.intrinsics(),
                projector.minDepthMeters());
    }

    /**
     * Reads a KITTI Velodyne scan: {@code x, y, z, reflectance} float32 little-endian per point.
     *
     * @throws CalibrationInputException naming the file when missing, unreadable or not a whole number of points
     */
    public static float[] readKittiBin(Path file) throws CalibrationInputException {
        if (!Files.isRegularFile(file)) {
            throw new CalibrationInputException(file, "--cloud: point cloud not found");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CalibrationInputException(file, "--cloud: cannot read: " + e.getMessage(), e);
        }
        if (bytes.length % 16 != 0 || bytes.length == 0) {
            throw new CalibrationInputException(file, "--cloud: " + bytes.length + " bytes is not a whole number of "
                    + "16-byte KITTI points (x, y, z, reflectance as float32)");
        }
        float[] points = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(points);
        return points;
    }

    private static void draw(Mat colour, float[] cloud, float[] uv, boolean[] isEdge, int count, Path drawFile)
            throws CalibrationInputException {
        for (int i = 0; i < count; i++) {
            if (Float.isNaN(uv[2 * i])) {
                continue;
            }
            double range = Math.sqrt(cloud[4 * i] * cloud[4 * i] + cloud[4 * i + 1] * cloud[4 * i + 1]
                    + cloud[4 * i + 2] * cloud[4 * i + 2]);
            double t = Math.max(0, Math.min(1, range / DRAW_FAR_METERS));
            // near red, middle green, far blue (BGR)
            double red = 255 * Math.max(0, 1 - 2 * t);
            double green = 255 * (1 - Math.abs(2 * t - 1));
            double blue = 255 * Math.max(0, 2 * t - 1);
            Point centre = new Point(Math.round(uv[2 * i]), Math.round(uv[2 * i + 1]));
            if (isEdge[i]) {
                circle(colour, centre, 3, new Scalar(255, 255, 255, 0), 1, 8, 0);
            }
            circle(colour, centre, 1, new Scalar(blue, green, red, 0), -1, 8, 0);
        }
        try {
            Path parent = drawFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new CalibrationInputException(drawFile, "--draw: cannot create the folder: " + e.getMessage(), e);
        }
        if (!imwrite(drawFile.toString(), colour)) {
            throw new CalibrationInputException(drawFile, "--draw: OpenCV could not write the image (use .png or .jpg)");
        }
    }
}
