package org.avfusion.drivers.recorded.rosbag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.calibration.tools.CrossCorrelationOffsetEstimator;
import org.avfusion.calibration.tools.SampledSignal;
import org.avfusion.calibration.tools.TimeOffsetConfig;
import org.avfusion.calibration.tools.TimeOffsetEstimate;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The clock offset between the Husky's IMU and its wheel odometry, from {@code rosbag/husky-gps-imu-odom.bag}. */
class HuskyTimeOffsetTest {
    private static final String IMU = "/imu/data";
    private static final String ODOM = "/husky_velocity_controller/odom";
    private static SampledSignal imuYawRate;
    private static SampledSignal odomYawRate;

    @BeforeAll
    static void readBag() throws Exception {
        Path bag = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "rosbag",
                "husky-gps-imu-odom.bag");
        Assumptions.assumeTrue(Files.isRegularFile(bag), "../shared/data/rosbag not found: " + bag);
        RecordedHealth health = new RecordedHealth(bag.getFileName().toString());
        imuYawRate = BagMotionSignals.imuAngularVelocity(bag, IMU, BagMotionSignals.Axis.Y, health);
        odomYawRate = BagMotionSignals.odometryVelocity(bag, ODOM, BagMotionSignals.OdometryField.ANGULAR,
                BagMotionSignals.Axis.Z, health);
        System.out.println("husky: imu " + imuYawRate.size() + " samples, odom " + odomYawRate.size() + "; " + health);
    }

    @Test
    void readsEveryImuAndOdometryMessage() {
        assertEquals(11_865, imuYawRate.size(), "IMU messages with advancing stamps");
        assertEquals(3_952, odomYawRate.size(), "odometry messages with advancing stamps");
    }

    @Test
    void reportsTheRecordingsOwnOffsetWithAnUncertainty() {
        TimeOffsetEstimate e = CrossCorrelationOffsetEstimator.estimate(imuYawRate, odomYawRate,
                TimeOffsetConfig.DEFAULTS);
        System.out.printf("husky: odometry minus IMU clock %.2f ms +- %.2f ms, sign %d, peak r %.3f, %d windows%n",
                e.offsetMillis(), e.uncertaintyMillis(), e.sign(), e.peakCorrelation(), e.windowsUsed());
        assertTrue(e.estimable(), e.reason());
        assertTrue(Math.abs(e.peakCorrelation()) > 0.9, "the README reports about 0.96; was " + e.peakCorrelation());
        assertTrue(e.uncertaintyMillis() < 10, "uncertainty " + e.uncertaintyMillis() + " ms");
    }

    @Test
    void recoversA37MillisecondOffsetAddedToTheOdometry() {
        TimeOffsetEstimate base = CrossCorrelationOffsetEstimator.estimate(imuYawRate, odomYawRate,
                TimeOffsetConfig.DEFAULTS);
        TimeOffsetEstimate shifted = CrossCorrelationOffsetEstimator.estimate(imuYawRate,
                odomYawRate.shifted(37_000_000L), TimeOffsetConfig.DEFAULTS);
        double recovered = shifted.offsetMillis() - base.offsetMillis();
        System.out.printf("husky: +37 ms on the odometry: recovered %.2f ms (%.2f -> %.2f)%n", recovered,
                base.offsetMillis(), shifted.offsetMillis());
        assertTrue(shifted.estimable(), shifted.reason());
        assertEquals(37.0, recovered, 5.0);
    }

    @Test
    void recoversA37MillisecondOffsetAddedToTheImu() {
        TimeOffsetEstimate base = CrossCorrelationOffsetEstimator.estimate(imuYawRate, odomYawRate,
                TimeOffsetConfig.DEFAULTS);
        TimeOffsetEstimate shifted = CrossCorrelationOffsetEstimator.estimate(imuYawRate.shifted(37_000_000L),
                odomYawRate, TimeOffsetConfig.DEFAULTS);
        assertTrue(shifted.estimable(), shifted.reason());
        assertEquals(-37.0, shifted.offsetMillis() - base.offsetMillis(), 5.0);
    }

    @Test
    void refusesToEstimateOnAStretchWithoutRotation() {
        // 36 s to 50 s after the first odometry message the Husky drives straight: |wz| stays below 0.002 rad/s
        long from = odomYawRate.firstNanos() + 36_000_000_000L;
        long to = odomYawRate.firstNanos() + 50_000_000_000L;
        TimeOffsetEstimate e = CrossCorrelationOffsetEstimator.estimate(imuYawRate.between(from, to),
                odomYawRate.between(from, to), TimeOffsetConfig.DEFAULTS);
        System.out.println("husky, 36..50 s: " + e.reason());
        assertFalse(e.estimable());
        assertTrue(e.reason().contains("no motion"), e.reason());
        assertTrue(Double.isNaN(e.offsetNanos()), "no number to misuse");
    }
}
