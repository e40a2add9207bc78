package org.avfusion.runtime.cli.ego;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.comma2k19.Comma2k19Segment;
import org.avfusion.drivers.recorded.comma2k19.Comma2k19SegmentReader;
import org.avfusion.drivers.recorded.comma2k19.TimeSeries;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.runtime.ego.EgoMeasurement;
import org.avfusion.runtime.ego.GnssLatency;
import org.avfusion.runtime.ego.GnssLatencyEstimator;

/**
 * A comma2k19 segment as ego measurements. The device's IMU frame is x forward, y right, z down (its accelerometer
 * reads about -9.7 m/s^2 on z at rest), so the yaw rate is {@code -gyro z} and the forward specific force is
 * {@code accel x}. CAN speed and the four wheel speeds (front left, front right, rear left, rear right) are used
 * as logged. GNSS: u-blox fixes (the better receiver here); each source's latency is estimated from the data
 * ({@link GnssLatencyEstimator} against CAN speed) and each fix is stamped at its own epoch mapped onto the log
 * clock, arriving at its log time.
 */
public final class Comma2k19Measurements {
    /** u-blox horizontal standard deviation used for its fixes (the segment carries no accuracy), metres. */
    public static final double UBLOX_STD_METERS = 1.0;

    private Comma2k19Measurements() {
    }

    /**
     * @param dropGnssFromSeconds GNSS fixes logged in [from, to) seconds after the segment's first sample are left
     *                            out (NaN: none)
     */
    public static Recording read(Path folder, Set<SourceSelection> sources, double dropGnssFromSeconds,
            double dropGnssToSeconds, boolean useAccel) throws RecordedDriveException {
        Comma2k19Segment seg = Comma2k19SegmentReader.read(folder);
        List<TimedMeasurement> out = new ArrayList<>();
        double t0 = firstTime(seg);
        if (sources.contains(SourceSelection.IMU)) {
            TimeSeries gyro = seg.gyro();
            TimeSeries accel = seg.accelerometer();
            boolean sameClock = useAccel && accel.size() == gyro.size();
            for (int i = 0; i < gyro.size(); i++) {
                long stamp = nanos(gyro.timesSeconds()[i]);
                double a = sameClock && accel.timesSeconds()[i] == gyro.timesSeconds()[i] ? accel.values()[i][0]
                        : Double.NaN;
                out.add(new TimedMeasurement(stamp, new EgoMeasurement.ImuYawRate(stamp, -gyro.values()[i][2], a)));
            }
        }
        if (sources.contains(SourceSelection.CAN)) {
            TimeSeries speed = seg.canSpeed();
            for (int i = 0; i < speed.size(); i++) {
                long stamp = nanos(speed.timesSeconds()[i]);
                out.add(new TimedMeasurement(stamp, new EgoMeasurement.VehicleSpeed(stamp, speed.values()[i][0])));
            }
            TimeSeries wheels = seg.wheelSpeeds();
            for (int i = 0; i < wheels.size(); i++) {
                long stamp = nanos(wheels.timesSeconds()[i]);
                double[] w = wheels.values()[i];
                out.add(new TimedMeasurement(stamp, new EgoMeasurement.WheelSpeeds(stamp, w[0], w[1], w[2], w[3])));
            }
        }
        Map<String, GnssLatency> latency = latencies(seg);
        if (sources.contains(SourceSelection.GNSS) && !seg.gnssUblox().isEmpty()) {
            TimeSeries gnss = seg.gnssUblox();
            GnssLatency lat = latency.get("live_gnss_ublox");
            double offset = lat.observable() ? lat.clockOffsetSeconds() : Double.NaN;
            for (int i = 0; i < gnss.size(); i++) {
                double logT = gnss.timesSeconds()[i];
                double rel = logT - t0;
                if (rel >= dropGnssFromSeconds && rel < dropGnssToSeconds) {
                    continue;
                }
                double[] v = gnss.values()[i];
                double at = Double.isNaN(offset) ? logT : v[3] * 1e-3 - offset;
                if (!(v[0] >= -89 && v[0] <= 89 && v[1] >= -180 && v[1] <= 180)) {
                    continue;
                }
                out.add(new TimedMeasurement(nanos(logT),
                        new EgoMeasurement.GnssPosition(nanos(at), v[0], v[1], UBLOX_STD_METERS)));
            }
        }
        out.sort(Comparator.comparingLong(TimedMeasurement::arrivalNanos));
        return new Recording(out, latency);
    }

    /**
     * Each receiver's latency. Both keep UTC, so they share one clock offset to the log clock: it is taken from
     * the receiver whose fixes align best with CAN speed (the smallest residual; u-blox at 10 Hz here, the
     * Qualcomm's 30 fixes 2 s apart are too few and too noisy to align alone), and every receiver's latency is
     * its median log-minus-epoch on that clock.
     */
    static Map<String, GnssLatency> latencies(Comma2k19Segment seg) {
        Map<String, GnssLatency> own = new LinkedHashMap<>();
        Map<String, TimeSeries> series = new LinkedHashMap<>();
        for (TimeSeries gnss : List.of(seg.gnssUblox(), seg.gnssQcom())) {
            if (gnss.size() >= 2) {
                String name = gnss.name().substring(gnss.name().lastIndexOf('/') + 1);
                own.put(name, latency(gnss, seg.canSpeed()));
                series.put(name, gnss);
            }
        }
        GnssLatency best = null;
        for (GnssLatency l : own.values()) {
            if (l.observable() && (best == null || l.residualMetersPerSec() < best.residualMetersPerSec())) {
                best = l;
            }
        }
        Map<String, GnssLatency> out = new LinkedHashMap<>();
        for (Map.Entry<String, GnssLatency> e : own.entrySet()) {
            if (best == null || e.getValue() == best) {
                out.put(e.getKey(), e.getValue());
                continue;
            }
            TimeSeries gnss = series.get(e.getKey());
            double[] epoch = new double[gnss.size()];
            for (int i = 0; i < epoch.length; i++) {
                epoch[i] = gnss.values()[i][3] * 1e-3;
            }
            out.put(e.getKey(), GnssLatencyEstimator.onSharedClock(gnss.timesSeconds(), epoch,
                    best.clockOffsetSeconds()));
        }
        return out;
    }

    /** The latency of one GNSS series (columns lat, lon, alt, UTC ms) against CAN speed. */
    static GnssLatency latency(TimeSeries gnss, TimeSeries canSpeed) {
        int n = gnss.size();
        double[] log = gnss.timesSeconds();
        double[] epoch = new double[n];
        double[] east = new double[n];
        double[] north = new double[n];
        LocalTangentPlane plane = new LocalTangentPlane(gnss.values()[0][0], gnss.values()[0][1], 0);
        double[] enu = new double[3];
        for (int i = 0; i < n; i++) {
            double[] v = gnss.values()[i];
            epoch[i] = v[3] * 1e-3;
            plane.toEnu(v[0], v[1], 0, enu);
            east[i] = enu[0];
            north[i] = enu[1];
        }
        double[] speeds = new double[canSpeed.size()];
        for (int i = 0; i < speeds.length; i++) {
            speeds[i] = canSpeed.values()[i][0];
        }
        return GnssLatencyEstimator.estimate(log, epoch, east, north, canSpeed.timesSeconds(), speeds, 1.0);
    }

    private static double firstTime(Comma2k19Segment seg) {
        double t = Double.POSITIVE_INFINITY;
        for (TimeSeries s : List.of(seg.gyro(), seg.canSpeed(), seg.gnssUblox())) {
            if (!s.isEmpty()) {
                t = Math.min(t, s.timesSeconds()[0]);
            }
        }
        return Double.isFinite(t) ? t : 0;
    }

    static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
