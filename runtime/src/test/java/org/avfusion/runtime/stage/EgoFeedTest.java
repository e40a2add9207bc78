package org.avfusion.runtime.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoFilterConfig;
import org.avfusion.runtime.ego.EgoMotionFilter;
import org.avfusion.runtime.ego.EgoQuality;
import org.avfusion.runtime.ego.EgoSource;
import org.junit.jupiter.api.Test;

/**
 * {@link EgoFeed}: GNSS fixes at their own epoch on the vehicle clock, IMU samples with the sensor's clock offset
 * removed, bad values counted instead of thrown.
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
}
