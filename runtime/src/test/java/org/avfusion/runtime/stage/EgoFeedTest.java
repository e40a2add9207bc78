package org.avfusion.runtime.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.frame.TwistSample;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoFilterConfig;
import org.avfusion.runtime.ego.EgoMotionFilter;
import org.avfusion.runtime.ego.EgoQuality;
import org.avfusion.runtime.ego.EgoSource;
import org.avfusion.runtime.plan.DecisionReason;
import org.avfusion.runtime.plan.EgoDegradedMode;
import org.junit.jupiter.api.Test;

/**
 * {@link EgoFeed}: GNSS fixes at their own epoch on the vehicle clock, IMU samples with the sensor's clock offset
 * removed, bad values counted instead of thrown; a GNSS jump the gate refuses shows as REJECTED (the HIL scenario
 * scenarios/hil/gnss-jump.yaml checks it on the wire).
 */
class EgoFeedTest {
    private static final long MS = 1_000_000L;
    private static final SensorId GNSS = new SensorId("gnss", SensorKind.GNSS);
    private static final SensorId IMU = new SensorId("imu", SensorKind.IMU);
    private static final long EPOCH0_MILLIS = 1_700_000_000_000L;

    private static GnssFix fix(long utcMillis, double lat, double speed) {
        return new GnssFix(utcMillis, lat, -122.0, 10, speed, 0.0, FixMode.FIX_3D, 1.0, 8);
    }

    private static EgoFeed feed(long imuOffsetNanos) {
        return new EgoFeed(new EgoMotionFilter(EgoFilterConfig.defaults()),
                new SensorKind[] {SensorKind.LIDAR, SensorKind.GNSS, SensorKind.IMU}, new long[] {0, 0, imuOffsetNanos},
                0, null);
    }

    @Test
    void gnssFixesAreStampedAtTheirEpochOnTheVehicleClock() {
        EgoFeed feed = feed(0);
        // fixes 100 ms apart at their epochs; they arrive 80, 60 (the least latency) and 95 ms after them
        long[] latencyMillis = {80, 60, 95};
        for (int k = 0; k < 3; k++) {
            long epochMillis = EPOCH0_MILLIS + 100L * k;
            long arrival = 10_000 * MS + 100L * k * MS + latencyMillis[k] * MS;
            feed.onFrame(1, new FrameHeader(GNSS, arrival, k), fix(epochMillis, 37.0 + k * 9e-6, 10.0));
        }
        EgoEstimate e = feed.estimateAt(10_300 * MS);
        // the last fix's stamp: its epoch + the smallest latency (60 ms) = 10.260 s, not its arrival (10.295 s)
        assertEquals(10_300 * MS, e.stampNanos(), "the estimate is for the set's stamp: " + e);
        assertEquals(0.040, e.absoluteFixAgeSeconds(), 1e-9, "the last fix is 40 ms old at 10.300 s: " + e);
        assertEquals(3, feed.lastHealth().of(EgoSource.GNSS_POSITION).fused()
                + feed.lastHealth().of(EgoSource.GNSS_POSITION).gated(), "every fix reached the filter");
    }

    @Test
    void imuStampsLoseTheSensorsClockOffsetAndBadValuesAreCounted() {
        EgoFeed feed = feed(5 * MS);
        for (int k = 0; k < 50; k++) {
            feed.onFrame(2, new FrameHeader(IMU, 1_000 * MS + 10L * k * MS + 5 * MS, k),
                    new ImuSample(0, 0, 0.1, 0, 0, 9.81));
        }
        EgoEstimate e = feed.estimateAt(1_000 * MS + 490 * MS);
        assertEquals(1_490 * MS, e.stampNanos(), "last IMU sample at 1.490 s once its 5 ms offset is removed");
        assertTrue(e.sourceAgesSeconds().containsKey(EgoSource.IMU), "IMU in use: " + e);
        assertEquals(EgoQuality.UNKNOWN, e.quality(), "an IMU alone never measured the speed (and no GNSS fix yet)");
        // a fix at latitude 89.5 (beyond what the local plane takes): refused and counted, never thrown
        feed.onFrame(1, new FrameHeader(GNSS, 1_500 * MS, 0), fix(EPOCH0_MILLIS, 89.5, 0));
        assertEquals(1, feed.rejectedCount());
        // a payload of the wrong kind is left to the aligner to report
        feed.onFrame(1, new FrameHeader(GNSS, 1_500 * MS, 1), new ImuSample(0, 0, 0, 0, 0, 9.81));
        assertEquals(1, feed.rejectedCount());
    }

    @Test
    void vehicleOdometryGivesSpeedAndYawRateAndReverseIsRefused() {
        SensorId odom = new SensorId("odom", SensorKind.ODOMETRY);
        EgoFeed feed = new EgoFeed(new EgoMotionFilter(EgoFilterConfig.defaults()),
                new SensorKind[] {SensorKind.LIDAR, SensorKind.ODOMETRY}, new long[] {0, 0}, 0, null);
        for (int k = 0; k < 40; k++) {
            feed.onFrame(1, new FrameHeader(odom, 1_000 * MS + 50L * k * MS, k), new TwistSample(5.0, 0.1));
        }
        EgoEstimate e = feed.estimateAt(1_000 * MS + 39 * 50 * MS);
        assertEquals(5.0, e.speedMetersPerSec(), 0.05, "speed from 2 s of 20 Hz odometry: " + e);
        assertEquals(0.1, e.yawRateRadPerSec(), 0.01, "yaw rate: " + e);
        assertTrue(e.sourceAgesSeconds().containsKey(EgoSource.ODOMETRY), "odometry in use: " + e);
        assertEquals(40, feed.vehicleOdometryCount());
        // reversing (the filter's speed is non-negative) is refused and counted; standstill noise is fused as 0
        feed.onFrame(1, new FrameHeader(odom, 3_000 * MS, 40), new TwistSample(-1.0, 0));
        assertEquals(1, feed.rejectedCount());
        feed.onFrame(1, new FrameHeader(odom, 3_050 * MS, 41), new TwistSample(-0.05, Double.NaN));
        assertEquals(1, feed.rejectedCount());
        assertEquals(41, feed.vehicleOdometryCount(), "a plain speed signal (no yaw rate) is fused as speed");
    }

    /** Degrees of latitude per metre north, and of longitude per metre east at 37 deg N (for 10 m/s and the jump). */
    private static final double LAT_PER_METER = 1 / 111_320.0;
    private static final double LON_PER_METER = 1 / (111_320.0 * Math.cos(Math.toRadians(37.0)));

    /**
     * Drives north at 10 m/s with a 10 Hz receiver (50 ms latency) whose position jumps {@code jumpMeters} east from
     * {@code fromSeconds} to {@code toSeconds}; calls {@code atFix} after each fix with the set estimate at it.
     */
    private static void drive(EgoFeed feed, double seconds, double fromSeconds, double toSeconds,
            double jumpMeters, java.util.function.BiConsumer<Double, EgoEstimate> atFix) {
        for (int k = 0; k <= seconds * 10; k++) {
            double t = k / 10.0;
            double east = t >= fromSeconds && t < toSeconds ? jumpMeters : 0;
            long arrival = 10_000 * MS + 100L * k * MS + 50 * MS;
            feed.onFrame(1, new FrameHeader(GNSS, arrival, k), new GnssFix(EPOCH0_MILLIS + 100L * k,
                    37.0 + 10 * t * LAT_PER_METER, -122.0 + east * LON_PER_METER, 10, 10.0, 0.0, FixMode.FIX_3D,
                    1.0, 8));
            atFix.accept(t, feed.estimateAt(arrival));
        }
    }

    @Test
    void aGnssJumpIsRejectedAndEndsInAReanchoringWithTheDefaultGate() {
        EgoFeed feed = feed(0);
        java.util.Map<Double, EgoFeed.GnssPositionStatus> status = new java.util.TreeMap<>();
        drive(feed, 6.0, 3.0, 5.0, 50, (t, e) -> status.put(t, feed.gnssPositionStatus(false)));
        // | t (s) | status   | why                                                         |
        // | 2.9   | OK       | fixes fused                                                 |
        // | 3.0   | REJECTED | 50 m off the estimate: gated                                |
        // | 3.8   | REJECTED | 9 in a row                                                  |
        // | 3.9   | OK       | the 10th re-anchors the position on the receiver            |
        // | 5.0   | REJECTED | the jump ends: 50 m back, gated again                       |
        // | 6.0   | OK       | re-anchored at 5.9 s                                        |
        assertEquals(EgoFeed.GnssPositionStatus.OK, status.get(2.9));
        assertEquals(EgoFeed.GnssPositionStatus.REJECTED, status.get(3.0));
        assertEquals(EgoFeed.GnssPositionStatus.REJECTED, status.get(3.8));
        assertEquals(EgoFeed.GnssPositionStatus.OK, status.get(3.9), "re-anchored after 10 gated fixes: " + status);
        assertEquals(EgoFeed.GnssPositionStatus.REJECTED, status.get(5.0));
        assertEquals(2, feed.gnssRejections(), "two jumps: there and back");
        assertTrue(feed.lastHealth().of(EgoSource.GNSS_POSITION).gated() >= 10, "gated fixes counted");
        assertEquals(EgoFeed.GnssPositionStatus.OK, status.get(6.0), "re-anchored on the way back at 5.9 s too");
        assertEquals(2, feed.lastHealth().reanchors(), "one re-anchoring per jump");
        // a health report after the re-anchoring still says REJECTED once: a refusal happened since the last one
        EgoFeed once = feed(0);
        drive(once, 4.0, 3.0, 5.0, 50, (t, e) -> { });
        assertEquals(0, once.gnssConsecutiveGated(), "re-anchored at 3.9 s");
        assertEquals(EgoFeed.GnssPositionStatus.REJECTED, once.gnssPositionStatus(true));
        assertEquals(EgoFeed.GnssPositionStatus.OK, once.gnssPositionStatus(true));
    }

    @Test
    void aGnssThatStaysRejectedLeavesTheEgoDeadReckonedThenTheBoundedTimeStopApplies() {
        // no re-anchoring: the jumped receiver stays refused
        EgoFeed feed = new EgoFeed(new EgoMotionFilter(EgoFilterConfig.defaults().toBuilder()
                .reanchorAfterGatedFixes(10_000).build()), new SensorKind[] {SensorKind.LIDAR, SensorKind.GNSS,
                        SensorKind.IMU}, new long[] {0, 0, 0}, 0, null);
        EgoDegradedMode mode = new EgoDegradedMode(true, 5000); // ego.deadReckonedMaxMillis in config/default.yaml
        java.util.Map<Double, EgoEstimate> at = new java.util.TreeMap<>();
        drive(feed, 9.0, 2.0, 100, 50, at::put);
        // | t (s) | quality       | decision check                  |
        // | 1.9   | FUSED         | none                            |
        // | 3.5   | DEAD_RECKONED | none (dead-reckoning may drive) |
        // | 6.5   | DEAD_RECKONED | none                            |
        // | 7.5   | DEAD_RECKONED | STOP EGO_DEAD_RECKONED_TOO_LONG |
        assertEquals(EgoQuality.FUSED, at.get(1.9).quality());
        assertEquals(EgoQuality.DEAD_RECKONED, at.get(3.5).quality(), "no fix fused for 1.6 s: " + at.get(3.5));
        assertEquals(null, mode.check(at.get(6.5)), "within deadReckonedMaxMillis: " + at.get(6.5));
        assertEquals(EgoQuality.DEAD_RECKONED, at.get(7.5).quality());
        assertEquals(DecisionReason.EGO_DEAD_RECKONED_TOO_LONG, mode.check(at.get(7.5)), at.get(7.5).toString());
        assertEquals(EgoFeed.GnssPositionStatus.REJECTED, feed.gnssPositionStatus(false));
        assertEquals(71, feed.gnssConsecutiveGated(), "every fix from 2.0 s to 9.0 s refused");
        assertEquals(1, feed.gnssRejections());
    }
}
