package org.avfusion.calibration.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;

/**
 * Camera intrinsics in OpenCV FileStorage YAML, as OpenCV's calibration sample writes them:
 * <pre>
 * %YAML:1.0
 * ---
 * image_width: 640
 * image_height: 480
 * camera_matrix: !!opencv-matrix
 *    rows: 3
 *    cols: 3
 *    dt: d
 *    data: [ fx, 0., cx, 0., fy, cy, 0., 0., 1. ]
 * distortion_coefficients: !!opencv-matrix
 *    rows: 5
 *    cols: 1
 *    dt: d
 *    data: [ k1, k2, p1, p2, k3 ]
 * avg_reprojection_error: 0.25
 * </pre>
 * The {@code %YAML:1.0} directive and the {@code !!opencv-matrix} tags (not standard YAML) are accepted; other
 * keys OpenCV writes (calibration_time, flags, per-view extrinsics) are ignored. Stateless.
 */
public final class OpenCvCameraYaml {

    private OpenCvCameraYaml() {
    }

    /** Reads the intrinsics; {@link CalibrationFileException} names the file and the field at fault. */
    public static CameraIntrinsics read(Path file) {
        return parse(YamlMatrices.readText(file), String.valueOf(file));
    }

    public static CameraIntrinsics parse(String text, String file) {
        String yaml = text.replaceFirst("\\A\\s*%YAML:1\\.0[^\\n]*\\n", "").replace("!!opencv-matrix", "");
        JsonNode root = YamlMatrices.tree(yaml, file);
        int w = YamlMatrices.positiveInt(root, "image_width", file);
        int h = YamlMatrices.positiveInt(root, "image_height", file);
        double[] k = YamlMatrices.matrix(root, "camera_matrix", file, 3, 3);
        double[] d = root.has("distortion_coefficients")
                ? YamlMatrices.vector(root, "distortion_coefficients", file, 4, 5, 8) : new double[0];
        DistortionCoefficients dist = DistortionCoefficients.ofOpenCv(d);
        try {
            return CameraIntrinsics.fromCameraMatrix(k, w, h, dist);
        } catch (IllegalArgumentException e) {
            throw CalibrationFileException.of(file, "camera_matrix", e);
        }
    }

    /** The reprojection error the file states ({@code avg_reprojection_error}, pixels), if any. */
    public static OptionalDouble reprojectionErrorPixels(Path file) {
        String yaml = YamlMatrices.readText(file).replaceFirst("\\A\\s*%YAML:1\\.0[^\\n]*\\n", "")
                .replace("!!opencv-matrix", "");
        JsonNode v = YamlMatrices.tree(yaml, String.valueOf(file)).get("avg_reprojection_error");
        return v != null && v.isNumber() ? OptionalDouble.of(v.doubleValue()) : OptionalDouble.empty();
    }

    /** The file text; {@code rmsPixels}, when present, is written as {@code avg_reprojection_error}. */
    public static String format(CameraIntrinsics k, OptionalDouble rmsPixels) {
        double[] d = k.distortion().toOpenCv();
        StringBuilder sb = new StringBuilder("%YAML:1.0\n---\n");
        sb.append("image_width: ").append(k.widthPixels()).append('\n');
        sb.append("image_height: ").append(k.heightPixels()).append('\n');
        sb.append("camera_matrix: !!opencv-matrix\n   rows: 3\n   cols: 3\n   dt: d\n   data: ")
                .append(YamlMatrices.list(k.cameraMatrixRowMajor())).append('\n');
        sb.append("distortion_coefficients: !!opencv-matrix\n   rows: ").append(d.length)
                .append("\n   cols: 1\n   dt: d\n   data: ").append(YamlMatrices.list(d)).append('\n');
        if (rmsPixels.isPresent()) {
            sb.append("avg_reprojection_error: ").append(String.format(Locale.ROOT, "%.6f", rmsPixels.getAsDouble())).append('\n');
        }
        return sb.toString();
    }

    public static void write(CameraIntrinsics k, OptionalDouble rmsPixels, Path file) throws IOException {
        Files.writeString(file, format(k, rmsPixels), StandardCharsets.UTF_8);
    }
}
