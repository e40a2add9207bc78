package org.avfusion.runtime.cli.clusters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.io.KittiObjectCalibration;
import org.avfusion.runtime.perceive.lidar.GroundPrior;

/**
 * The two transforms of a KITTI object-benchmark calibration file ({@code calib/NNNNNN.txt}) that relate the lidar to
 * the rectified camera: {@code Tr_velo_to_cam} (3x4, lidar to camera 0) and {@code R0_rect} (3x3, camera 0 to
 * rectified). A lidar point {@code X} is {@code R0_rect * Tr_velo_to_cam * [X;1]} in the rectified camera frame
 * (x right, y down, z forward, metres), where KITTI's labels live.
 *
 * <p>Immutable; the matrices are copied in and out.
 */
public final class KittiCalibration {
    private final double[] rect = new double[12]; // R0_rect * Tr_velo_to_cam, 3x4 row-major

    private KittiCalibration(double[] trVeloToCam, double[] r0Rect) {
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += r0Rect[3 * r + k] * trVeloToCam[4 * k + c];
                }
                rect[4 * r + c] = s;
            }
        }
    }

    /** From the two matrices, row-major: {@code trVeloToCam} 12 numbers, {@code r0Rect} 9. */
    public static KittiCalibration of(double[] trVeloToCam, double[] r0Rect) {
        if (trVeloToCam.length != 12 || r0Rect.length != 9) {
            throw new IllegalArgumentException("Tr_velo_to_cam needs 12 numbers and R0_rect 9, got "
                    + trVeloToCam.length + " and " + r0Rect.length);
        }
        return new KittiCalibration(trVeloToCam.clone(), r0Rect.clone());
    }

    /**
     * Reads a KITTI object calibration file through the calibration module's importer
     * ({@link KittiObjectCalibration}): the lidar-to-rectified-camera transform is {@code R0_rect * Tr_velo_to_cam}.
     *
     * @throws IllegalArgumentException naming the file and field when a key is missing, has the wrong count of numbers,
     *                                  or is not a rotation ({@code CalibrationFileException})
     * @throws IOException              when the file cannot be read
     */
    public static KittiCalibration read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read KITTI calibration file " + file);
        }
        KittiObjectCalibration calib = KittiObjectCalibration.read(file);
        RigidTransform rectFromVelo = calib.rect0FromCam0().compose(calib.cam0FromVelo());
        double[] tr = new double[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                tr[4 * r + c] = rectFromVelo.rotation(r, c);
            }
        }
        tr[3] = rectFromVelo.txMeters();
        tr[7] = rectFromVelo.tyMeters();
        tr[11] = rectFromVelo.tzMeters();
        return new KittiCalibration(tr, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    /** A lidar-frame point in the rectified camera frame: {@code {x, y, z}}, metres. */
    public double[] lidarToRect(double x, double y, double z) {
        double[] out = new double[3];
        for (int r = 0; r < 3; r++) {
            out[r] = rect[4 * r] * x + rect[4 * r + 1] * y + rect[4 * r + 2] * z + rect[4 * r + 3];
        }
        return out;
    }

    /** A rectified-camera point in the lidar frame (the inverse rigid transform): {@code {x, y, z}}, metres. */
    public double[] rectToLidar(double x, double y, double z) {
        double dx = x - rect[3], dy = y - rect[7], dz = z - rect[11];
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            out[c] = rect[c] * dx + rect[4 + c] * dy + rect[8 + c] * dz;
        }
        return out;
    }

    /**
     * The road plane as the rectified camera sees it, in the lidar frame: up is the camera's -y axis (KITTI's
     * rectified camera is levelled to the road), {@code sensorHeightMeters} below the lidar.
     */
    public GroundPrior groundPrior(double sensorHeightMeters) {
        return new GroundPrior(-rect[4], -rect[5], -rect[6], sensorHeightMeters);
    }
}
