package org.avfusion.runtime.ego;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.runtime.cli.ego.EgoReplay;
import org.avfusion.runtime.cli.ego.Recording;
import org.avfusion.runtime.cli.ego.RosbagMeasurements;
import org.avfusion.runtime.cli.ego.SourceSelection;
import org.avfusion.runtime.cli.ego.TimedMeasurement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The filter on ../shared/data/rosbag/husky-gps-imu-odom.bag (robot_localization's test drive: IMU with yaw on
 * its y axis, wheel odometry, GNSS): the fused yaw rate follows the odometry's, and the track stays near the fixes.
 */
class EgoHuskyBagTest {

    @Test
    void fusedYawRateCorrelatesWithOdometryAndTrackStaysNearTheFixes() throws Exception {
        Path bag = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "rosbag",
                "husky-gps-imu-odom.bag");
        Assumptions.assumeTrue(Files.isRegularFile(bag), "../shared/data/rosbag/husky-gps-imu-odom.bag not found");
        Recording rec = RosbagMeasurements.read(bag, EnumSet.allOf(SourceSelection.class), Double.NaN, Double.NaN,
                new RecordedHealth("husky"));
        List<long[]> odomStamps = new ArrayList<>();
        List<Double> odomYaw = new ArrayList<>();
        List<EgoMeasurement.GnssPosition> fixes = new ArrayList<>();
        for (TimedMeasurement tm : rec.measurements()) {
            if (tm.measurement() instanceof EgoMeasurement.OdometryTwist o) {
                odomStamps.add(new long[] {o.stampNanos()});
                odomYaw.add(o.yawRateRadPerSec());
            } else if (tm.measurement() instanceof EgoMeasurement.GnssPosition g) {
                fixes.add(g);
            }
        }
        long[] ot = odomStamps.stream().mapToLong(a -> a[0]).toArray();
        EgoMotionFilter filter = new EgoMotionFilter(RosbagMeasurements.huskyConfig());
        List<EgoEstimate> estimates = new ArrayList<>();
        EgoReplay.run(rec, filter, 100_000_000L, estimates::add);

        List<Double> fused = new ArrayList<>();
        List<Double> odo = new ArrayList<>();
        for (EgoEstimate e : estimates) {
            int i = Arrays.binarySearch(ot, e.stampNanos());
            int at = i >= 0 ? i : Math.min(-i - 1, ot.length - 1);
            if (at > 0 && Math.abs(ot[at - 1] - e.stampNanos()) < Math.abs(ot[at] - e.stampNanos())) {
                at--;
            }
            if (Math.abs(ot[at] - e.stampNanos()) < 100_000_000L) {
                fused.add(e.yawRateRadPerSec());
                odo.add(odomYaw.get(at));
            }
        }
        double r = correlation(fused, odo);

        // track vs fixes: distance from each fix to the estimate nearest in time
        EgoMeasurement.GnssPosition first = fixes.get(0);
        LocalTangentPlane plane = new LocalTangentPlane(first.latitudeDeg(), first.longitudeDeg(), 0);
        long[] et = estimates.stream().mapToLong(EgoEstimate::stampNanos).toArray();
        List<Double> distances = new ArrayList<>();
        double[] a = new double[3];
        double[] b = new double[3];
        for (EgoMeasurement.GnssPosition g : fixes) {
            int i = Arrays.binarySearch(et, g.stampNanos());
            int at = i >= 0 ? i : Math.min(-i - 1, et.length - 1);
            EgoEstimate e = estimates.get(at);
            if (Double.isNaN(e.latitudeDeg()) || Math.abs(e.stampNanos() - g.stampNanos()) > 100_000_000L) {
                continue;
            }
            plane.toEnu(g.latitudeDeg(), g.longitudeDeg(), 0, a);
            plane.toEnu(e.latitudeDeg(), e.longitudeDeg(), 0, b);
            distances.add(Math.hypot(a[0] - b[0], a[1] - b[1]));
        }
        double[] d = distances.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = d[d.length / 2];
        double p95 = d[(int) (d.length * 0.95)];
        EgoHealth health = filter.health();
        System.out.printf("husky bag: %d estimates, yaw-rate correlation with odometry %.4f over %d pairs; track to "
                + "fixes median %.2f m, p95 %.2f m over %d fixes; GNSS gated %d, IMU bias %.4f rad/s%n",
                estimates.size(), r, fused.size(), median, p95, d.length,
                health.of(EgoSource.GNSS_POSITION).gated(), estimates.get(estimates.size() - 1).gyroBiasRadPerSec());
        System.out.println("husky bag health: " + health);
        assertTrue(fused.size() > 3000, "pairs " + fused.size());
        assertTrue(r >= 0.95, "correlation " + r);
        assertTrue(median < 2.5, "median distance to fixes " + median + " m (fix noise 2.5 m)");
    }

    private static double correlation(List<Double> a, List<Double> b) {
        int n = a.size();
        double ma = a.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double mb = b.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a.get(i) - ma;
            double db = b.get(i) - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
