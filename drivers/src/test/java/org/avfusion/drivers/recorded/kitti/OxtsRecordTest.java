package org.avfusion.drivers.recorded.kitti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.junit.jupiter.api.Test;

class OxtsRecordTest {
    /** KITTI raw 2011_09_26_drive_0001, oxts/data/0000000000.txt. */
    private static final String FIRST = "49.015003823272 8.4342971002335 116.43032836914 0.035752 0.00903 "
            + "-2.6087069803847 -6.811441479104 -11.275641809511 13.172716663769 -0.12475264293164 "
            + "-0.032919903047354 -0.44519814607457 0.042957369847256 10.209865300506 -0.34030092211055 "
            + "-0.31686915378551 10.209117821189 0.0090951755733632 -0.023140741253985 -0.017909034508194 "
            + "0.0089018002187228 -0.022495299354602 -0.018809330937153 0.027658633371879 0.012727922061358 "
            + "4 11 6 6 6";

    @Test
    void mapsTheReadmeFieldOrderOntoFixAndImuSample() {
        OxtsRecord record = OxtsRecord.parse(FIRST);
        GnssFix fix = record.toGnssFix(1317042145964L);
        assertEquals(49.015003823272, fix.latitudeDeg());
        assertEquals(8.4342971002335, fix.longitudeDeg());
        assertEquals(116.43032836914, fix.altitudeMslMeters());
        assertEquals(Math.hypot(-6.811441479104, -11.275641809511), fix.speedMetersPerSecond(), 1e-12);
        assertEquals(FixMode.FIX_3D, fix.mode());
        assertEquals(11, fix.satellitesUsed());
        ImuSample imu = record.toImuSample();
        assertEquals(-0.44519814607457, imu.accelXMetersPerSec2(), "ax is field 12");
        assertEquals(0.042957369847256, imu.accelYMetersPerSec2(), "ay is field 13");
        assertEquals(10.209865300506, imu.accelZMetersPerSec2(), "az is field 14");
        assertEquals(0.0090951755733632, imu.gyroXRadPerSec(), "wx is field 18");
        assertEquals(-0.023140741253985, imu.gyroYRadPerSec(), "wy is field 19");
        assertEquals(-0.017909034508194, imu.gyroZRadPerSec(), "wz is field 20");
    }

    @Test
    void trackFromVelocityAgreesWithHeadingWhenMovingForward() {
        OxtsRecord record = OxtsRecord.parse(FIRST);
        double fromHeading = 90.0 - Math.toDegrees(-2.6087069803847) ;
        assertEquals(238.87, record.trackDeg(), 0.01, "atan2(ve, vn) south-west");
        assertEquals(fromHeading, record.trackDeg(), 1.0, "driving forward: course = heading within 1 deg");
    }

    @Test
    void standingStillTakesTheTrackFromTheHeading() {
        String still = FIRST.replace("-6.811441479104 -11.275641809511", "0.1 0.1");
        OxtsRecord record = OxtsRecord.parse(still);
        // yaw = 0 would be east = 90 deg; yaw = -2.6087 rad = -149.47 deg counter-clockwise from east
        assertEquals(239.47, record.trackDeg(), 0.01);
    }

    @Test
    void badFieldsAreNamedByNumberAndName() {
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> OxtsRecord.parse(FIRST.replace("0.035752", "0.03x")));
        assertEquals("field 4 (roll): '0.03x' is not a number", notNumber.getMessage());
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> OxtsRecord.parse("49.0 8.4"));
        assertEquals("expected 30 fields, found 2", tooFew.getMessage());
        IllegalArgumentException latitude = assertThrows(IllegalArgumentException.class,
                () -> OxtsRecord.parse(FIRST.replace("49.015003823272", "91.5")));
        assertTrue(latitude.getMessage().contains("field lat: 91.5"), latitude.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> OxtsRecord.parse(FIRST.replace("10.209865300506", "NaN")));
        assertTrue(nan.getMessage().contains("field az: NaN"), nan.getMessage());
    }

    @Test
    void timestampsKeepNanoseconds() {
        long nanos = KittiTimestamps.parseEpochNanos("2011-09-26 13:02:25.964389445", ZoneOffset.UTC);
        assertEquals(1317042145_964389445L, nanos);
        assertEquals(1317042145_900000000L, KittiTimestamps.parseEpochNanos("2011-09-26 13:02:25.9 ", ZoneOffset.UTC));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> KittiTimestamps.parseEpochNanos("2011-09-26T13:02", ZoneOffset.UTC));
        assertTrue(bad.getMessage().startsWith("'2011-09-26T13:02' is not a timestamp"), bad.getMessage());
    }
}
