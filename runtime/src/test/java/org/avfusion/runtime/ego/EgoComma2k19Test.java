package org.avfusion.runtime.ego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.avfusion.drivers.recorded.comma2k19.Comma2k19Segment;
import org.avfusion.drivers.recorded.comma2k19.Comma2k19SegmentReader;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.runtime.cli.ego.Comma2k19Measurements;
import org.avfusion.runtime.cli.ego.EgoReplay;
import org.avfusion.runtime.cli.ego.Recording;
import org.avfusion.runtime.cli.ego.SourceSelection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter on ../shared/data/comma2k19/segment-40 (60 s, 1 km, real IMU + CAN + u-blox) against comma's
 * post-processed reference poses (global_pose, ECEF, 20 Hz).
 */
class EgoComma2k19Test {
    private static Path segment;
    private static Comma2k19Segment reference;
    private static LocalTangentPlane plane;

    @BeforeAll
    static void load() throws Exception {
        segment = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "comma2k19", "segment-40");
        Assumptions.assumeTrue(Files.isDirectory(segment), "../shared/data/comma2k19/segment-40 not found");
        reference = Comma2k19SegmentReader.read(segment);
        double[] first = reference.posePositionsEcef()[0];
        double[] geo = Ecef.toGeodetic(first[0], first[1], first[2]);
        plane = new LocalTangentPlane(geo[0], geo[1], 0);
    }

    private static List<EgoEstimate> run(double dropFrom, double dropTo) throws Exception {
        Recording rec = Comma2k19Measurements.read(segment, EnumSet.allOf(SourceSelection.class), dropFrom, dropTo,
                true);
        EgoMotionFilter filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        List<EgoEstimate> out = new ArrayList<>();
        EgoReplay.run(rec, filter, 50_000_000L, out::add);
        return out;
    }

    /** Reference {east, north, speed} at a time (seconds, log clock), or null outside the poses. */
    private static double[] referenceAt(double t) {
        double[] times = reference.poseTimesSeconds();
        int i = Arrays.binarySearch(times, t);
        int hi = i >= 0 ? i : -i - 1;
        if (hi <= 0 || hi >= times.length) {
            return null;
        }
        double f = (t - times[hi - 1]) / (times[hi] - times[hi - 1]);
        double[] out = new double[3];
        double[] enu = new double[3];
        for (int k = 0; k < 2; k++) {
            double[] p = reference.posePositionsEcef()[hi - 1 + k];
            double[] geo = Ecef.toGeodetic(p[0], p[1], p[2]);
            plane.toEnu(geo[0], geo[1], 0, enu);
            double w = k == 0 ? 1 - f : f;
            out[0] += w * enu[0];
            out[1] += w * enu[1];
            double[] v = reference.poseVelocitiesEcef()[hi - 1 + k];
            out[2] += w * Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        }
        return out;
    }

    private static double[] error(EgoEstimate e) {
        double[] ref = referenceAt(e.stampNanos() * 1e-9);
        if (ref == null || Double.isNaN(e.latitudeDeg())) {
            return null;
        }
        double[] enu = new double[3];
        plane.toEnu(e.latitudeDeg(), e.longitudeDeg(), 0, enu);
        return new double[] {Math.hypot(enu[0] - ref[0], enu[1] - ref[1]), Math.abs(e.speedMetersPerSec() - ref[2])};
    }

    @Test
    void fusedSpeedAndPositionFollowTheReferencePoses() throws Exception {
        List<EgoEstimate> estimates = run(Double.NaN, Double.NaN);
        List<Double> position = new ArrayList<>();
        double speedSum = 0;
        int n = 0;
        for (EgoEstimate e : estimates) {
            double[] err = error(e);
            if (err == null || e.quality() != EgoQuality.FUSED) {
                continue;
            }
            position.add(err[0]);
            speedSum += err[1];
            n++;
        }
        double meanSpeedError = speedSum / n;
        double medianPosition = median(position);
        System.out.printf("comma2k19 segment-40: %d fused estimates, mean |speed error| %.3f m/s, median position "
                + "error %.3f m%n", n, meanSpeedError, medianPosition);
        assertTrue(n > 900, "fused estimates: " + n);
        assertTrue(meanSpeedError < 0.2, "mean speed error " + meanSpeedError);
        assertTrue(medianPosition < 1.5, "median position error " + medianPosition);
    }

    @Test
    void deadReckonsTenSecondsWithoutGnssWithinTwoMetres() throws Exception {
        double from = 25;
        double to = 35;
        List<EgoEstimate> estimates = run(from, to);
        double t0 = estimates.get(0).stampNanos() * 1e-9 - 0.05;
        EgoEstimate last = null;
        for (EgoEstimate e : estimates) {
            double rel = e.stampNanos() * 1e-9 - t0;
            if (rel < to - 0.3) {
                last = e;
            }
        }
        double[] err = error(last);
        System.out.printf("comma2k19 segment-40, GNSS dropped %.0f-%.0f s: at %.2f s position error %.3f m, quality %s, "
                + "fix age %.2f s%n", from, to, last.stampNanos() * 1e-9 - t0, err[0], last.quality(),
                last.absoluteFixAgeSeconds());
        assertEquals(EgoQuality.DEAD_RECKONED, last.quality());
        assertTrue(last.absoluteFixAgeSeconds() > 9, "fix age " + last.absoluteFixAgeSeconds());
        assertTrue(err[0] < 2.0, "dead-reckoned position error " + err[0]);
    }

    @Test
    void estimatesTheGnssLatencyFromTheData() throws Exception {
        Recording rec = Comma2k19Measurements.read(segment, EnumSet.allOf(SourceSelection.class), Double.NaN,
                Double.NaN, true);
        GnssLatency ublox = rec.gnssLatency().get("live_gnss_ublox");
        GnssLatency qcom = rec.gnssLatency().get("live_gnss_qcom");
        System.out.println("comma2k19 segment-40 latency: ublox " + ublox + ", qcom " + qcom);
        assertTrue(ublox.observable());
        // plausible: a receiver logs its fix after the epoch, within a few hundred ms; jitter about 10 ms
        assertTrue(ublox.latencySeconds() > 0.02 && ublox.latencySeconds() < 0.4, "ublox " + ublox);
        assertTrue(ublox.jitterSeconds() < 0.05, "ublox " + ublox);
        assertTrue(qcom.latencySeconds() > 0 && qcom.latencySeconds() < 0.3, "qcom " + qcom);
        assertEquals(ublox.clockOffsetSeconds(), qcom.clockOffsetSeconds(), 1e-9, "one UTC clock");
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }
}
