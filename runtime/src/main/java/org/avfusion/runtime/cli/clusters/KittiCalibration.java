package org.avfusion.runtime.cli.clusters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
     * Reads a calibration file ({@code key: n n n ...} lines).
     *
     * @throws IllegalArgumentException naming the file, key and value when a key is missing, has the wrong count of
     *                                  numbers, or a number does not parse
     * @throws IOException              when the file cannot be read
     */
    public static KittiCalibration read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, double[]> values = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String rest = line.substring(colon + 1).trim();
            String[] parts = rest.isEmpty() ? new String[0] : rest.split("\\s+");
            double[] v = new double[parts.length];
            for (int k = 0; k < parts.length; k++) {
                try {
                    v[k] = Double.parseDouble(parts[k]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + key + " value " + (k + 1)
                            + " '" + parts[k] + "' is not a number");
                }
                if (!Double.isFinite(v[k])) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + key + " value " + (k + 1)
                            + " is not finite: " + parts[k]);
                }
            }
            values.put(key, v);
        }
        double[] tr = require(file, values, "Tr_velo_to_cam", 12);
        double[] r0 = require(file, values, "R0_rect", 9);
        return new KittiCalibration(tr, r0);
    }

    private static double[] require(Path file, Map<String, double[]> values, String key, int count) {
        double[] v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": no " + key + " line (a KITTI object calibration file has "
                    + "P0..P3, R0_rect, Tr_velo_to_cam and Tr_imu_to_velo)");
        }
        if (v.length != count) {
            throw new IllegalArgumentException(file + ": " + key + " has " + v.length + " numbers, expected " + count);
        }
        return v;
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
