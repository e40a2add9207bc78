package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real data: KITTI object training frames 000000 (Pedestrian at 8.6 m) and 000001 (Truck at 69 m, Car at 61 m,
 * Cyclist at 46 m), {@code ../shared/data/kitti/object/training}. Labels (camera frame) are moved into the lidar
 * frame with Tr_velo_to_cam and R0_rect. A lidar sees only an object's near faces, so a cluster's centre may sit
 * metres from the labelled centre: a label counts as found when a cluster's centre lies in its ground footprint
 * enlarged by 1.0 m.
 */
class KittiClustersTest {
    private static final double MARGIN_METERS = 1.0;

    private record Outcome(KittiObjectFrame frame, LidarObstaclePipeline pipeline, ObstacleClusters clusters) {
        /** Lidar points of non-ground voxels whose centroid lies in the labelled box. */
        int nonGroundPointsIn(KittiObjectFrame.Label label) {
            VoxelCloud v = pipeline.voxels();
            int points = 0;
            for (int i = 0; i < v.size(); i++) {
                if (!v.isGround(i) && label.contains(frame.calib(), v.x(i), v.y(i), v.z(i))) {
                    points += v.weight(i);
                }
            }
            return points;
        }

        /** Clusters whose centre lies in the label's footprint enlarged by the margin. */
        List<Integer> clustersOn(KittiObjectFrame.Label label) {
            double[][] footprint = label.footprintLidar(frame.calib(), MARGIN_METERS);
            List<Integer> found = new ArrayList<>();
            for (int c = 0; c < clusters.size(); c++) {
                if (KittiObjectFrame.inside(footprint, clusters.centerXMeters(c), clusters.centerYMeters(c))) {
                    found.add(c);
                }
            }
            return found;
        }

        String describe(KittiObjectFrame.Label label) {
            StringBuilder b = new StringBuilder(frame.id() + " " + label.type() + " at "
                    + String.format("%.1f m", label.rangeMeters(frame.calib())) + ", " + nonGroundPointsIn(label)
                    + " non-ground points; clusters on it:");
            for (int c : clustersOn(label)) {
                b.append(String.format(" [(%.2f, %.2f, %.2f) %.2f x %.2f x %.2f yaw %.2f, %d points]",
                        clusters.centerXMeters(c), clusters.centerYMeters(c), clusters.centerZMeters(c),
                        clusters.lengthMeters(c), clusters.widthMeters(c), clusters.heightMeters(c), clusters.yawRad(c),
                        clusters.points(c)));
            }
            return b.toString();
        }
    }

    private static Outcome run(String id) throws Exception {
        KittiObjectFrame frame = KittiObjectFrame.load(id);
        LidarObstaclePipeline pipeline = new LidarObstaclePipeline(ClusterConfig.DEFAULTS);
        ObstacleClusters clusters = new ObstacleClusters();
        pipeline.process(frame.cloud(), frame.prior(), clusters);
        return new Outcome(frame, pipeline, clusters);
    }

    @Test
    void findsThePedestrianOf000000() throws Exception {
        Outcome o = run("000000");
        KittiObjectFrame.Label pedestrian = o.frame().label("Pedestrian");
        String what = o.describe(pedestrian);
        System.out.println(what);
        assertTrue(o.nonGroundPointsIn(pedestrian) >= 250, what);
        assertEquals(1, o.clustersOn(pedestrian).size(), what);
        int c = o.clustersOn(pedestrian).get(0);
        // a person: 1.89 m tall in the label, under a metre across
        assertTrue(o.clusters().heightMeters(c) > 1.3 && o.clusters().lengthMeters(c) < 1.5, what);
    }

    @Test
    void findsTheTruckAndTheCyclistOf000001() throws Exception {
        Outcome o = run("000001");
        for (String type : new String[] {"Truck", "Cyclist"}) {
            KittiObjectFrame.Label label = o.frame().label(type);
            String what = o.describe(label);
            System.out.println(what);
            assertTrue(o.nonGroundPointsIn(label) >= 15, what);
            assertTrue(!o.clustersOn(label).isEmpty(), what);
        }
    }

    @Test
    void findsEveryLabelledObjectWithAtLeast15NonGroundPoints() throws Exception {
        for (String id : new String[] {"000000", "000001"}) {
            Outcome o = run(id);
            for (KittiObjectFrame.Label label : o.frame().labels()) {
                String what = o.describe(label);
                System.out.println(what);
                if (o.nonGroundPointsIn(label) >= 15) {
                    assertTrue(!o.clustersOn(label).isEmpty(), what);
                }
            }
        }
    }

    @Test
    void reportsWhetherTheSparseCarOf000001IsFound() throws Exception {
        // 9 lidar points at 61 m, most of them on the road-level part of the car: reported, not required
        Outcome o = run("000001");
        KittiObjectFrame.Label car = o.frame().label("Car");
        System.out.println(o.describe(car) + (o.clustersOn(car).isEmpty() ? " -> not found" : " -> found"));
        assertTrue(o.nonGroundPointsIn(car) < 15, o.describe(car));
    }

    @Test
    void groundVoxelsAreInNoClusterAndClustersStandOffTheRoad() throws Exception {
        for (String id : new String[] {"000000", "000001"}) {
            Outcome o = run(id);
            VoxelCloud v = o.pipeline().voxels();
            int groundVoxels = 0;
            for (int i = 0; i < v.size(); i++) {
                if (v.isGround(i)) {
                    groundVoxels++;
                    assertEquals(-1, v.cluster(i), id + ": ground voxel " + i + " is in cluster " + v.cluster(i));
                }
            }
            assertEquals(o.clusters().groundVoxels(), groundVoxels, id);
            assertTrue(groundVoxels > v.size() / 5, id + ": only " + groundVoxels + " of " + v.size()
                    + " voxels are ground");
            // independent of the filter: a least-squares plane through the ground voxels within 20 m; no cluster
            // inside that disc lies flat on it (every member under 15 cm above it)
            double[] plane = fitPlane(v, 20);
            ObstacleClusters c = o.clusters();
            for (int k = 0; k < c.size(); k++) {
                if (Math.hypot(c.centerXMeters(k), c.centerYMeters(k)) > 20) {
                    continue;
                }
                double top = Double.NEGATIVE_INFINITY;
                for (int m = c.memberStart(k); m < c.memberStart(k + 1); m++) {
                    double ground = plane[0] * c.memberX(m) + plane[1] * c.memberY(m) + plane[2];
                    top = Math.max(top, c.memberZ(m) - ground);
                }
                assertTrue(top > 0.15, id + ": cluster " + k + " at (" + c.centerXMeters(k) + ", "
                        + c.centerYMeters(k) + ") rises only " + top + " m above the road plane");
            }
        }
    }

    /** z = a x + b y + c through the ground voxels nearer than {@code rangeMeters}. */
    private static double[] fitPlane(VoxelCloud v, double rangeMeters) {
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        for (int i = 0; i < v.size(); i++) {
            if (!v.isGround(i) || Math.hypot(v.x(i), v.y(i)) > rangeMeters) {
                continue;
            }
            double[] row = {v.x(i), v.y(i), 1};
            for (int r = 0; r < 3; r++) {
                for (int s = 0; s < 3; s++) {
                    ata[r][s] += row[r] * row[s];
                }
                atb[r] += row[r] * v.z(i);
            }
        }
        // Cramer's rule on the 3 x 3 normal equations
        double det = det(ata);
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] m = {ata[0].clone(), ata[1].clone(), ata[2].clone()};
            for (int r = 0; r < 3; r++) {
                m[r][k] = atb[r];
            }
            out[k] = det(m) / det;
        }
        return out;
    }

    private static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
