package org.avfusion.calibration.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.ProjectionMatrix;

/**
 * A ROS {@code camera_info} calibration file (the YAML of {@code camera_calibration_parsers}: image_width,
 * image_height, camera_name, camera_matrix, distortion_model, distortion_coefficients, rectification_matrix,
 * projection_matrix; matrices as {rows, cols, data}). Distortion models {@code plumb_bob} (5 coefficients) and
 * {@code rational_polynomial} (8) are the OpenCV model; {@code equidistant} (fisheye) is not supported.
 *
 * @param cameraName    camera_name
 * @param intrinsics    camera_matrix, distortion and image size
 * @param rectification rectification_matrix R (a rotation; identity for a monocular camera)
 * @param projection    projection_matrix P (3x4) of the rectified image
 */
public record RosCameraInfo(String cameraName, CameraIntrinsics intrinsics, RigidTransform rectification,
        ProjectionMatrix projection) {

    public RosCameraInfo {
        if (cameraName == null || intrinsics == null || rectification == null || projection == null) {
            throw new IllegalArgumentException("camera_info needs a name, intrinsics, rectification and projection");
        }
    }

    /** A monocular camera: identity rectification, {@code P = [K | 0]}. */
    public static RosCameraInfo monocular(String cameraName, CameraIntrinsics k) {
        return new RosCameraInfo(cameraName, k, RigidTransform.identity(), ProjectionMatrix.of(k, RigidTransform.identity()));
    }

    public static RosCameraInfo read(Path file) {
        return parse(YamlMatrices.readText(file), String.valueOf(file));
    }

    public static RosCameraInfo parse(String yaml, String file) {
        JsonNode root = YamlMatrices.tree(yaml, file);
        int w = YamlMatrices.positiveInt(root, "image_width", file);
        int h = YamlMatrices.positiveInt(root, "image_height", file);
        JsonNode nameNode = root.get("camera_name");
        String name = nameNode == null ? "" : nameNode.asText();
        double[] k = YamlMatrices.matrix(root, "camera_matrix", file, 3, 3);
        String model = YamlMatrices.required(root, "distortion_model", file).asText();
        double[] d = YamlMatrices.vector(root, "distortion_coefficients", file);
        DistortionCoefficients dist;
        switch (model) {
            case "plumb_bob" -> {
                if (d.length != 5 && d.length != 4 && d.length != 0) {
                    throw new CalibrationFileException(file, "distortion_coefficients", "plumb_bob needs 5 values, had " + d.length);
                }
                dist = DistortionCoefficients.ofOpenCv(d);
            }
            case "rational_polynomial" -> {
                if (d.length != 8) {
                    throw new CalibrationFileException(file, "distortion_coefficients",
                            "rational_polynomial needs 8 values, had " + d.length);
                }
                dist = DistortionCoefficients.ofOpenCv(d);
            }
            default -> throw new CalibrationFileException(file, "distortion_model", "'" + model
                    + "' is not supported; use plumb_bob or rational_polynomial (the OpenCV model)");
        }
        CameraIntrinsics intrinsics;
        try {
            intrinsics = CameraIntrinsics.fromCameraMatrix(k, w, h, dist);
        } catch (IllegalArgumentException e) {
            throw CalibrationFileException.of(file, "camera_matrix", e);
        }
        RigidTransform r;
        try {
            r = RigidTransform.of(YamlMatrices.matrix(root, "rectification_matrix", file, 3, 3), 0, 0, 0);
        } catch (IllegalArgumentException e) {
            throw CalibrationFileException.of(file, "rectification_matrix", e);
        }
        ProjectionMatrix p;
        try {
            p = ProjectionMatrix.of(YamlMatrices.matrix(root, "projection_matrix", file, 3, 4));
        } catch (IllegalArgumentException e) {
            throw CalibrationFileException.of(file, "projection_matrix", e);
        }
        return new RosCameraInfo(name, intrinsics, r, p);
    }

    /** The file text in the camera_calibration_parsers layout. */
    public String format() {
        double[] d = intrinsics.distortion().toOpenCv();
        StringBuilder sb = new StringBuilder();
        sb.append("image_width: ").append(intrinsics.widthPixels()).append('\n');
        sb.append("image_height: ").append(intrinsics.heightPixels()).append('\n');
        sb.append("camera_name: ").append(cameraName).append('\n');
        matrix(sb, "camera_matrix", 3, 3, intrinsics.cameraMatrixRowMajor());
        sb.append("distortion_model: ").append(d.length == 8 ? "rational_polynomial" : "plumb_bob").append('\n');
        matrix(sb, "distortion_coefficients", 1, d.length, d);
        matrix(sb, "rectification_matrix", 3, 3, rectification.rotationRowMajor());
        matrix(sb, "projection_matrix", 3, 4, projection.toRowMajor());
        return sb.toString();
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, format(), StandardCharsets.UTF_8);
    }

    private static void matrix(StringBuilder sb, String key, int rows, int cols, double[] data) {
        sb.append(key).append(":\n  rows: ").append(rows).append("\n  cols: ").append(cols).append("\n  data: ")
                .append(YamlMatrices.list(data)).append('\n');
    }
}
