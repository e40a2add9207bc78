package org.avfusion.calibration.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.ProjectionMatrix;

/**
 * The KITTI 3D object benchmark calibration ({@code calib/NNNNNN.txt}): the four rectified cameras' projection
 * matrices {@code P0..P3} (pixels; they act on rectified camera-0 coordinates), the rectifying rotation
 * {@code R0_rect} (camera 0 to rectified camera 0) and the rigid transforms {@code Tr_velo_to_cam} (Velodyne to
 * camera 0, metres) and {@code Tr_imu_to_velo}. A Velodyne point projects into image {@code i} as
 * {@code P_i * R0_rect * Tr_velo_to_cam * [X; 1]} ({@link #veloToImage(int)}).
 *
 * @param projections       P0..P3
 * @param rect0FromCam0     R0_rect, a pure rotation
 * @param cam0FromVelo      Tr_velo_to_cam
 * @param veloFromImu       Tr_imu_to_velo
 */
public record KittiObjectCalibration(List<ProjectionMatrix> projections, RigidTransform rect0FromCam0,
        RigidTransform cam0FromVelo, RigidTransform veloFromImu) {

    public KittiObjectCalibration {
        if (projections == null || projections.size() != 4) {
            throw new IllegalArgumentException("KITTI object calibration needs the 4 projection matrices P0..P3");
        }
        projections = List.copyOf(projections);
        if (rect0FromCam0 == null || cam0FromVelo == null || veloFromImu == null) {
            throw new IllegalArgumentException("KITTI object calibration needs R0_rect, Tr_velo_to_cam and Tr_imu_to_velo");
        }
    }

    /**
     * Reads {@code calib/NNNNNN.txt}.
     *
     * @throws CalibrationFileException naming the file and the field when it is missing, of the wrong size or
     *                                  not a rotation
     */
    public static KittiObjectCalibration read(Path file) {
        return from(KittiCalibText.read(file));
    }

    /** Parses the text of a calibration file; {@code sourceName} is used in messages. */
    public static KittiObjectCalibration parse(String text, String sourceName) {
        return from(KittiCalibText.parse(text, sourceName));
    }

    private static KittiObjectCalibration from(KittiCalibText t) {
        ProjectionMatrix[] p = new ProjectionMatrix[4];
        for (int i = 0; i < 4; i++) {
            p[i] = projection(t, "P" + i);
        }
        RigidTransform r0 = rotation(t, "R0_rect");
        RigidTransform tr = transform(t, "Tr_velo_to_cam");
        RigidTransform imu = transform(t, "Tr_imu_to_velo");
        return new KittiObjectCalibration(List.of(p), r0, tr, imu);
    }

    static ProjectionMatrix projection(KittiCalibText t, String key) {
        try {
            return ProjectionMatrix.of(t.require(key, 12));
        } catch (IllegalArgumentException e) {
            throw CalibrationFileException.of(t.file(), key, e);
        }
    }

    static RigidTransform rotation(KittiCalibText t, String key) {
        try {
            return RigidTransform.of(t.require(key, 9), 0, 0, 0);
        } catch (IllegalArgumentException e) {
            throw CalibrationFileException.of(t.file(), key, e);
        }
    }

    static RigidTransform transform(KittiCalibText t, String key) {
        try {
            return RigidTransform.fromMatrix3x4(t.require(key, 12));
        } catch (IllegalArgumentException e) {
            throw CalibrationFileException.of(t.file(), key, e);
        }
    }

    /** {@code P_i}. */
    public ProjectionMatrix projection(int camera) {
        return projections.get(camera);
    }

    /** {@code P_i * R0_rect * Tr_velo_to_cam}: Velodyne points to image {@code i}. */
    public ProjectionMatrix veloToImage(int camera) {
        return projection(camera).compose(rect0FromCam0.compose(cam0FromVelo));
    }

    /**
     * Rectified camera {@code i} as intrinsics plus the rigid transform from the Velodyne into its (rectified)
     * frame; the same projection as {@link #veloToImage(int)}, in the form {@link
     * org.avfusion.calibration.projection.PointProjector} takes.
     */
    public ProjectionMatrix.Rectified rectifiedCamera(int camera, int widthPixels, int heightPixels) {
        return projection(camera).decomposeRectified(widthPixels, heightPixels);
    }

    /** {@code camera_i_rect-from-velo}: the rectified camera's translation after {@code R0_rect * Tr_velo_to_cam}. */
    public RigidTransform rectifiedCameraFromVelo(int camera) {
        RigidTransform camFromRect0 = projection(camera).decomposeRectified(1, 1).cameraFromReference();
        return camFromRect0.compose(rect0FromCam0).compose(cam0FromVelo);
    }

    /** Intrinsics of rectified camera {@code i} for an image of the given size. */
    public CameraIntrinsics rectifiedIntrinsics(int camera, int widthPixels, int heightPixels) {
        return rectifiedCamera(camera, widthPixels, heightPixels).intrinsics();
    }

    /** The file text in KITTI's layout (12 significant digits). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sb.append(KittiCalibText.format("P" + i, projections.get(i).toRowMajor()));
        }
        sb.append(KittiCalibText.format("R0_rect", rect0FromCam0.rotationRowMajor()));
        sb.append(KittiCalibText.format("Tr_velo_to_cam", cam0FromVelo.toMatrix3x4()));
        sb.append(KittiCalibText.format("Tr_imu_to_velo", veloFromImu.toMatrix3x4()));
        return sb.toString();
    }

    /** Writes {@link #format()} to a file. */
    public void write(Path file) throws IOException {
        Files.writeString(file, format(), StandardCharsets.US_ASCII);
    }
}
