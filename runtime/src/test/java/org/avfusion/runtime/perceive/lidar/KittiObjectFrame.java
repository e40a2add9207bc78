package org.avfusion.runtime.perceive.lidar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.pointcloud.io.NonFinitePolicy;
import org.avfusion.runtime.cli.clusters.KittiCalibration;
import org.junit.jupiter.api.Assumptions;

/**
 * One frame of {@code ../shared/data/kitti/object/training}: the Velodyne scan, the calibration and the labels, with
 * the labels' boxes moved into the lidar frame (Tr_velo_to_cam and R0_rect inverted). Tests skip when the data is
 * absent.
 */
record KittiObjectFrame(String id, PointCloud cloud, KittiCalibration calib, List<Label> labels) {
    /** KITTI's HDL-64E sits 1.73 m above the road. */
    static final double SENSOR_HEIGHT_METERS = 1.73;

    /**
     * One label line: type, 3-D size (h, w, l), bottom centre (camera rect frame) and rotation about the camera's y.
     */
    record Label(String type, double h, double w, double l, double x, double y, double z, double ry) {
        /** Footprint corners in the lidar frame (x, y pairs), the box enlarged by {@code marginMeters} on each side. */
        double[][] footprintLidar(KittiCalibration calib, double marginMeters) {
            double hl = l / 2 + marginMeters, hw = w / 2 + marginMeters;
            double[][] corners = {{hl, hw}, {hl, -hw}, {-hl, -hw}, {-hl, hw}};
            double c = Math.cos(ry), s = Math.sin(ry);
            double[][] out = new double[4][];
            for (int k = 0; k < 4; k++) {
                double cx = x + c * corners[k][0] + s * corners[k][1];
                double cz = z - s * corners[k][0] + c * corners[k][1];
                double[] lidar = calib.rectToLidar(cx, y - h / 2, cz);
                out[k] = new double[] {lidar[0], lidar[1]};
            }
            return out;
        }

        /** Whether a lidar-frame point lies in the labelled 3-D box. */
        boolean contains(KittiCalibration calib, double px, double py, double pz) {
            double[] r = calib.lidarToRect(px, py, pz);
            double dx = r[0] - x, dz = r[2] - z;
            double c = Math.cos(ry), s = Math.sin(ry);
            double u = c * dx - s * dz;   // along the length
            double v = s * dx + c * dz;   // along the width
            return Math.abs(u) <= l / 2 && Math.abs(v) <= w / 2 && r[1] <= y && r[1] >= y - h;
        }

        /** Horizontal distance from the lidar to the box centre, metres. */
        double rangeMeters(KittiCalibration calib) {
            double[] p = calib.rectToLidar(x, y - h / 2, z);
            return Math.hypot(p[0], p[1]);
        }
    }

    static Path dir() {
        return Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "object", "training");
    }

    static KittiObjectFrame load(String id) throws Exception {
        Path dir = dir();
        Path bin = dir.resolve("velodyne/" + id + ".bin");
        Assumptions.assumeTrue(Files.isRegularFile(bin),
                "../shared/data/kitti/object/training/velodyne/" + id + ".bin not found: " + bin.toAbsolutePath());
        PointCloud cloud = new PointCloud((int) (Files.size(bin) / KittiBinReader.POINT_BYTES));
        new KittiBinReader(new KittiBinReader.Options(KittiBinReader.RingMode.UNKNOWN, KittiBinReader.TimeMode.ZERO,
                NonFinitePolicy.SKIP_POINT)).read(bin, cloud);
        KittiCalibration calib = KittiCalibration.read(dir.resolve("calib/" + id + ".txt"));
        List<Label> labels = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("label_2/" + id + ".txt"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 15 || f[0].equals("DontCare")) {
                continue;
            }
            labels.add(new Label(f[0], d(f[8]), d(f[9]), d(f[10]), d(f[11]), d(f[12]), d(f[13]), d(f[14])));
        }
        return new KittiObjectFrame(id, cloud, calib, labels);
    }

    GroundPrior prior() {
        return calib.groundPrior(SENSOR_HEIGHT_METERS);
    }

    Label label(String type) {
        return labels.stream().filter(l -> l.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in label_2/" + id + ".txt"));
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    static boolean inside(double[][] polygon, double x, double y) {
        boolean in = false;
        for (int i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
            double xi = polygon[i][0], yi = polygon[i][1], xj = polygon[j][0], yj = polygon[j][1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }

    double[][] footprintLidarOf(Label l) {
        return l.footprintLidar(calib, 1.0);
    }
}
