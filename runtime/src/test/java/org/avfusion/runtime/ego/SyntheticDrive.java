package org.avfusion.runtime.ego;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.avfusion.drivers.map.LocalTangentPlane;

/**
 * A generated drive with known truth for the filter's bad-input tests: speed 10 m/s accelerating gently, a slow
 * S-curve (yaw rate 0.1 sin(0.2 t) rad/s), IMU at 100 Hz, wheel speeds at 50 Hz, GNSS at 10 Hz, with Gaussian noise
 * from a fixed seed. Truth is integrated at 1 ms.
 */
final class SyntheticDrive {
    static final double LAT = 37.72;
    static final double LON = -122.47;
    static final double TRACK = 1.6;
    final LocalTangentPlane plane = new LocalTangentPlane(LAT, LON, 0);
    final Random random;
    final double seconds;
    double gyroBias;
    double gnssNoise = 0.5;
    /** Truth sampled every 10 ms: t, east, north, yaw, speed, yaw rate. */
    final List<double[]> truth = new ArrayList<>();

    SyntheticDrive(long seed, double seconds) {
        this.random = new Random(seed);
        this.seconds = seconds;
        double e = 0;
        double n = 0;
        double yaw = 0.3;
        for (int ms = 0; ms <= seconds * 1000; ms++) {
            double t = ms * 1e-3;
            double v = speed(t);
            double w = yawRate(t);
            if (ms % 10 == 0) {
                truth.add(new double[] {t, e, n, yaw, v, w});
            }
            e += v * Math.cos(yaw) * 1e-3;
            n += v * Math.sin(yaw) * 1e-3;
            yaw += w * 1e-3;
        }
    }

    static double speed(double t) {
        return 10 + 0.1 * t;
    }

    static double yawRate(double t) {
        return 0.1 * Math.sin(0.2 * t);
    }

    double[] truthAt(double t) {
        return truth.get((int) Math.round(t * 100));
    }

    static long nanos(double t) {
        return Math.round(t * 1e9);
    }

    /** IMU, wheels and GNSS, time-ordered. */
    List<EgoMeasurement> measurements() {
        List<EgoMeasurement> out = new ArrayList<>();
        for (double[] s : truth) {
            double t = s[0];
            int tick = (int) Math.round(t * 100);
            out.add(new EgoMeasurement.ImuYawRate(nanos(t), s[5] + gyroBias + 0.005 * random.nextGaussian(),
                    Double.NaN));
            if (tick % 2 == 0) {
                double left = s[4] - s[5] * TRACK / 2;
                double right = s[4] + s[5] * TRACK / 2;
                out.add(new EgoMeasurement.WheelSpeeds(nanos(t), left + 0.05 * random.nextGaussian(),
                        right + 0.05 * random.nextGaussian(), left + 0.05 * random.nextGaussian(),
                        right + 0.05 * random.nextGaussian()));
            }
            if (tick % 10 == 0) {
                double[] geo = new double[3];
                plane.toGeodetic(s[1] + gnssNoise * random.nextGaussian(), s[2] + gnssNoise * random.nextGaussian(),
                        0, geo);
                out.add(new EgoMeasurement.GnssPosition(nanos(t), geo[0], geo[1], gnssNoise));
            }
        }
        out.sort(Comparator.comparingLong(EgoMeasurement::stampNanos));
        return out;
    }

    /** Horizontal distance of an estimate from the truth at its time. */
    double positionError(EgoEstimate e) {
        double[] s = truthAt(e.stampNanos() * 1e-9);
        double[] enu = new double[3];
        plane.toEnu(e.latitudeDeg(), e.longitudeDeg(), 0, enu);
        return Math.hypot(enu[0] - s[1], enu[1] - s[2]);
    }
}
