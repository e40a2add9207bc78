package org.avfusion.runtime.ego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.avfusion.runtime.ego.EgoMeasurement.GnssPosition;
import org.avfusion.runtime.ego.EgoMeasurement.GnssVelocity;
import org.avfusion.runtime.ego.EgoMeasurement.ImuYawRate;
import org.avfusion.runtime.ego.EgoMeasurement.VehicleSpeed;
import org.avfusion.runtime.ego.EgoMeasurement.WheelSpeeds;
import org.avfusion.runtime.ego.EgoMotionFilter.Outcome;
import org.junit.jupiter.api.Test;

/**
 * What the {@link EgoMotionFilter} says at the start of a drive and at rest (issue #10):
 * <pre>
 *   start-up                                       quality          dead-reckoned since
 *   nothing yet                                    UNKNOWN          -
 *   IMU only (no speed source, no fix)             UNKNOWN          the first sample
 *   IMU + wheel speeds, no fix yet                 DEAD_RECKONED    the first sample (not "forever")
 *   IMU + GNSS, the fix arriving after IMU samples FUSED            the fix (taken although older than them)
 *
 *   standstill                                     speed
 *   braking to a stop, GNSS + IMU only             never below 0 (projection onto speed >= 0)
 *   wheels read 0, IMU with a bias                 0 (zero-velocity update), the bias estimated
 *   a wheel stuck at 0 while driving               refused by the gate: the speed stays the driven one
 * </pre>
 * Fixed seeds; the numbers a user sees are printed.
 */
class EgoStartupAndStandstillTest {
    private static final long MS = 1_000_000L;
    private static final double LAT = 37.72;
    private static final double LON = -122.47;
    private static final double METERS_PER_DEG_LAT = 111_320.0;

    private static EgoMotionFilter filter() {
        return new EgoMotionFilter(EgoFilterConfig.defaults());
    }

    private static WheelSpeeds wheels(long t, double speed) {
        return new WheelSpeeds(t, speed, speed, speed, speed);
    }

    @Test
    void beforeAnyMeasurementTheEstimateIsUnknown() {
        EgoEstimate e = filter().estimate();
        assertEquals(EgoQuality.UNKNOWN, e.quality());
        assertEquals(0.0, e.deadReckonedSeconds());
    }

    @Test
    void anImuAloneNeverMeasuredTheSpeedSoTheEstimateIsUnknown() {
        EgoMotionFilter f = filter();
        for (int k = 0; k <= 200; k++) {
            f.update(new ImuYawRate(k * 10 * MS, 0.0, 0.0));
        }
        EgoEstimate e = f.estimate();
        assertEquals(EgoQuality.UNKNOWN, e.quality(), "speed std " + Math.sqrt(e.varianceSpeed()));
        assertEquals(2.0, e.deadReckonedSeconds(), 1e-9, "counted from the first sample");
    }

    @Test
    void imuAndWheelSpeedsWithoutAFixAreDeadReckonedSinceTheStartNotForever() {
        EgoMotionFilter f = filter();
        for (int k = 0; k <= 150; k++) {
            long t = k * 10 * MS;
            f.update(new ImuYawRate(t, 0.0, 0.0));
            if (k % 2 == 0) {
                f.update(wheels(t, 8.0));
            }
        }
        EgoEstimate e = f.estimate();
        System.out.printf("IMU + wheels, no fix: quality %s, speed %.3f m/s, dead-reckoned %.2f s, fix age %s%n",
                e.quality(), e.speedMetersPerSec(), e.deadReckonedSeconds(), e.absoluteFixAgeSeconds());
        assertEquals(EgoQuality.DEAD_RECKONED, e.quality());
        assertEquals(8.0, e.speedMetersPerSec(), 0.05);
        assertEquals(1.5, e.deadReckonedSeconds(), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, e.absoluteFixAgeSeconds());
    }

    /**
     * The simulator's (and a real rig's) start: IMU samples from t = 0 arrive first; the GNSS fix of t = -1.6 ms
     * arrives 60 ms later (receiver latency), older than every IMU sample the filter holds. It is taken (the filter
     * restarts from its prior at the fix and re-applies the samples), so the first set has the fix's speed.
     */
    @Test
    void theFirstFixArrivingAfterTheFirstImuSamplesIsTakenNotDroppedAsTooOld() {
        EgoMotionFilter f = filter();
        for (int k = 0; k <= 6; k++) {
            f.update(new ImuYawRate(k * 10 * MS, 0.001, 0.0));
        }
        long fixStamp = -1_600_000L;
        assertEquals(Outcome.INITIALISED, f.update(new GnssPosition(fixStamp, LAT, LON, 0.05)));
        assertEquals(Outcome.FUSED, f.update(new GnssVelocity(fixStamp, 14.0, 90.0)));
        EgoEstimate e = f.estimateAt(60 * MS);
        System.out.printf("first fix after 7 IMU samples: quality %s, speed %.3f m/s, heading %.1f deg, health %s%n",
                e.quality(), e.speedMetersPerSec(), e.headingDeg(), f.health().of(EgoSource.GNSS_POSITION));
        assertEquals(EgoQuality.FUSED, e.quality());
        assertEquals(14.0, e.speedMetersPerSec(), 0.3);
        assertEquals(90.0, e.headingDeg(), 1.0);
        assertEquals(0, f.health().of(EgoSource.GNSS_POSITION).tooOld());
        assertEquals(0, f.health().of(EgoSource.GNSS_VELOCITY).tooOld());
        assertTrue(e.absoluteFixAgeSeconds() < 0.1, "fix age " + e.absoluteFixAgeSeconds());
    }

    @Test
    void aLateMeasurementOlderThanATruncatedHistoryIsStillTooOld() {
        EgoFilterConfig config = EgoFilterConfig.defaults().toBuilder().historyLength(4).build();
        EgoMotionFilter f = new EgoMotionFilter(config);
        for (int k = 0; k < 10; k++) {
            f.update(new ImuYawRate(k * 10 * MS, 0.0, 0.0));
        }
        assertEquals(Outcome.TOO_OLD, f.update(new GnssPosition(5 * MS, LAT, LON, 0.05)));
    }

    /** A GNSS + IMU drive at 14 m/s that brakes at 6 m/s^2 to a stop at t = 3.33 s and stands until 6 s. */
    private static List<EgoMeasurement> brakeToStop(Random rng) {
        List<EgoMeasurement> in = new ArrayList<>();
        double stop = 14.0 / 6.0 + 1.0;
        for (int k = 0; k <= 600; k++) {
            double t = k * 0.01;
            double accel = t < 1.0 || t >= stop ? 0.0 : -6.0;
            in.add(new ImuYawRate(k * 10 * MS, 0.002 * rng.nextGaussian(), accel + 0.05 * rng.nextGaussian()));
            if (k % 10 == 0) {
                double s = t < 1.0 ? 14.0 : Math.max(0.0, 14.0 - 6.0 * (t - 1.0));
                double x = t < 1.0 ? 14.0 * t : 14.0 + (Math.min(t, stop) - 1.0) * 14.0
                        - 3.0 * Math.pow(Math.min(t, stop) - 1.0, 2);
                long stamp = k * 10 * MS;
                in.add(new GnssPosition(stamp, LAT + x / METERS_PER_DEG_LAT, LON, 0.05));
                in.add(new GnssVelocity(stamp, s, 0.0));
            }
        }
        in.sort(Comparator.comparingLong(EgoMeasurement::stampNanos));
        return in;
    }

    @Test
    void brakingToAStopNeverGivesANegativeSpeed() {
        EgoMotionFilter f = filter();
        double least = Double.POSITIVE_INFINITY;
        for (EgoMeasurement m : brakeToStop(new Random(7))) {
            f.update(m);
            least = Math.min(least, f.estimate().speedMetersPerSec());
        }
        EgoEstimate e = f.estimate();
        System.out.printf("brake to a stop (GNSS + IMU): least speed %.4f m/s, at rest %.4f m/s%n", least,
                e.speedMetersPerSec());
        assertTrue(least >= 0.0, "least speed " + least);
        assertEquals(0.0, e.speedMetersPerSec(), 0.05);
        for (long t = 3_400 * MS; t <= 6_000 * MS; t += 100 * MS) {
            assertTrue(f.estimateAt(t).speedMetersPerSec() >= 0.0, "at " + t);
        }
    }

    @Test
    void wheelsReadingZeroPinTheSpeedAtZeroAndTheImuBiasIsLearnt() {
        EgoMotionFilter f = filter();
        Random rng = new Random(11);
        double bias = 0.01;
        for (int k = 0; k <= 1000; k++) {
            long t = k * 10 * MS;
            f.update(new ImuYawRate(t, bias + 0.002 * rng.nextGaussian(), 0.3 + 0.05 * rng.nextGaussian()));
            if (k % 2 == 0) {
                f.update(wheels(t, 0.0));
            }
        }
        EgoEstimate e = f.estimate();
        System.out.printf("standing 10 s, IMU yaw-rate bias 0.01 rad/s and 0.3 m/s^2 of pitch: speed %.5f m/s, "
                + "yaw rate %.5f rad/s, bias %.5f rad/s%n", e.speedMetersPerSec(), e.yawRateRadPerSec(),
                e.gyroBiasRadPerSec());
        assertEquals(0.0, e.speedMetersPerSec(), 0.005);
        assertEquals(0.0, e.yawRateRadPerSec(), 0.002);
        assertEquals(bias, e.gyroBiasRadPerSec(), 0.002);
    }

    @Test
    void aWheelSignalStuckAtZeroWhileDrivingDoesNotStopTheEstimate() {
        EgoMotionFilter f = filter();
        for (int k = 0; k <= 300; k++) {
            long t = k * 10 * MS;
            f.update(new ImuYawRate(t, 0.0, 0.0));
            if (k % 2 == 0) {
                f.update(new VehicleSpeed(t, k < 100 ? 10.0 : 0.0));
            }
            if (k % 10 == 0) {
                f.update(new GnssVelocity(t, 10.0, 0.0));
            }
        }
        EgoEstimate e = f.estimate();
        System.out.printf("speed signal stuck at 0 from 1 s, GNSS says 10 m/s: speed %.3f m/s, health %s%n",
                e.speedMetersPerSec(), f.health().of(EgoSource.VEHICLE_SPEED));
        assertEquals(10.0, e.speedMetersPerSec(), 0.5);
    }
}
