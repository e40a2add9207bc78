package org.avfusion.runtime.align;

import static org.avfusion.runtime.align.AlignerRig.CAMERA;
import static org.avfusion.runtime.align.AlignerRig.GNSS;
import static org.avfusion.runtime.align.AlignerRig.IMU;
import static org.avfusion.runtime.align.AlignerRig.LIDAR;
import static org.avfusion.runtime.align.AlignerRig.ms;
import static org.avfusion.runtime.align.AlignerRig.ns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Alignment around the lidar on the default profile: camera tolerance 40 ms, max wait 80 ms, pose gap 250 ms;
 * time-outs lidar 300 ms, camera 500 ms, GNSS 500 ms, IMU 100 ms. Times in the tables are milliseconds.
 */
class TimeAlignerTest {

    /** One sweep at 1000 ms, pose samples on both sides, camera frames at the given stamps; the set it makes. */
    private static AlignedSet setWithCameras(AlignerRig rig, double... cameraStampsMs) {
        rig.pose(900);
        for (double c : cameraStampsMs) {
            rig.camera(c, Math.max(c, 1000) + 1);
        }
        rig.lidar(1000, 1005);
        rig.pose(1100);
        rig.clock(1100);
        AlignedSet set = rig.poll();
        assertNotNull(set, "a set is ready once every partner has something after the sweep");
        return set;
    }

    @ParameterizedTest(name = "sweep at 1000, cameras at {0} and {1} -> camera {2} ({3})")
    @CsvSource({
        // camera A, camera B, expected camera stamp (NaN = none), status
        "970,  1025, 1025, OK",        // 25 ms beats 30 ms
        "990,  1025,  990, OK",        // 10 ms beats 25 ms
        "960,  1040, 960,  OK",        // a tie of 40 ms each: the earlier one, both within tolerance
        "959,  1041, NaN,  MISSING",   // 41 ms either side: outside the 40 ms tolerance
        "900,  1100, NaN,  MISSING",
        "1000, 1001, 1000, OK",
    })
    void nearestCameraWithinToleranceJoins(double a, double b, double expected, SensorStatus status) {
        AlignerRig rig = new AlignerRig();
        AlignedSet set = setWithCameras(rig, a, b);
        assertEquals(ns(1000), set.referenceStampNanos());
        assertEquals(status, set.status(CAMERA));
        if (status == SensorStatus.OK) {
            assertEquals(ns(expected), set.stampNanos(CAMERA));
            assertNotNull(set.image(CAMERA));
            assertEquals(0, set.missingMask() & (1 << CAMERA));
        } else {
            assertNull(set.image(CAMERA));
            assertEquals(1 << CAMERA, set.missingMask() & (1 << CAMERA), "MISSING camera is flagged in the mask");
            assertTrue(set.isPartial());
        }
        assertEquals(0, rig.aligner.lateCount(CAMERA), "frames before the first set are not late");
        set.releasePayloads();
        rig.aligner.close();
        assertEquals("", rig.leakReport());
    }

    /**
     * Camera clock 12 ms ahead of the vehicle clock (offset +12 ms): a frame it stamps 1042 was taken at 1030
     * vehicle time, 30 ms from the sweep: it joins, with its corrected stamp. Without the offset it would be 42 ms
     * away and missing.
     */
    @ParameterizedTest(name = "camera offset {0} ms, lidar offset {1} ms: camera stamped {2}, sweep stamped {3} -> {4}")
    @CsvSource({
        "12,  0,  1042, 1000, OK,      1030",
        "0,   0,  1042, 1000, MISSING, NaN",
        "-12, 0,  970,  1000, OK,      982",    // clock 12 ms behind: stamped 970 is 982 vehicle time
        "0,  -5,  1030, 995,  OK,      1030",   // lidar 5 ms behind: sweep stamped 995 is 1000 vehicle time
        "12, -5,  1050, 995,  OK,      1038",   // both: 38 ms; ignoring either offset would give 43 or 50 ms
    })
    void clockOffsetsAreRemoved(double cameraOffset, double lidarOffset, double cameraStamp, double sweepStamp,
            SensorStatus status, double correctedCamera) {
        AlignerRig rig = new AlignerRig(lidarOffset, cameraOffset);
        rig.pose(900);
        rig.camera(cameraStamp, 1050);
        rig.lidar(sweepStamp, 1005);
        rig.pose(1100);
        rig.clock(1100);
        AlignedSet set = rig.poll();
        assertNotNull(set);
        assertEquals(ns(sweepStamp - lidarOffset), set.referenceStampNanos(), "sweep stamp in vehicle time");
        assertEquals(status, set.status(CAMERA));
        if (status == SensorStatus.OK) {
            assertEquals(ns(correctedCamera), set.stampNanos(CAMERA));
        }
        set.releasePayloads();
    }

    /** GNSS at 950 (10 m/s) and 1050 (20 m/s), IMU at 990 (0.1 rad/s) and 1010 (0.3 rad/s). */
    @ParameterizedTest(name = "sweep at {0}: speed {1} m/s, yaw rate {2} rad/s")
    @CsvSource({
        "1000, 15.0, 0.2",
        "995,  14.5, 0.15",
        "1005, 15.5, 0.25",
        "990,  14.0, 0.1",
        "1010, 16.0, 0.3",
        "1020, 17.0, 0.3",    // past the last IMU sample: held, not extrapolated
        "960,  11.0, 0.1",    // before the first IMU sample (30 ms, within the gap): its value
    })
    void egoMotionIsInterpolatedAtTheSweepStamp(double sweep, double speed, double yawRate) {
        AlignerRig rig = new AlignerRig();
        rig.gnss(950, 951, 10.0, 48.0, 11.0);
        rig.imu(990, 991, 0.1);
        rig.imu(1010, 1011, 0.3);
        rig.gnss(1050, 1051, 20.0, 48.001, 11.002);
        rig.lidar(sweep, 1040);
        rig.clock(1200);
        AlignedSet set = rig.poll();
        assertNotNull(set);
        assertTrue(set.hasEgoMotion());
        assertEquals(speed, set.speedMetersPerSecond(), 1e-9);
        assertEquals(yawRate, set.yawRateRadPerSec(), 1e-9);
        double w = (sweep - 950) / 100;
        assertEquals(48.0 + 0.001 * w, set.latitudeDeg(), 1e-12);
        assertEquals(11.0 + 0.002 * w, set.longitudeDeg(), 1e-12);
        assertEquals(SensorStatus.OK, set.status(GNSS));
        assertEquals(SensorStatus.OK, set.status(IMU));
        set.releasePayloads();
    }

    @Test
    void aSetRecordsWhenItsSweepWasComplete() {
        AlignerRig rig = new AlignerRig();
        rig.pose(990);
        rig.camera(1000, 1030);
        rig.lidarSweep(ns(1000), 100 * AlignerRig.MS, ns(1108)); // first point at 1000 ms, last at 1100 ms
        AlignedSet set = rig.poll();
        assertNotNull(set);
        assertEquals(ns(1000), set.referenceStampNanos(), "the set is matched at the sweep's stamp");
        assertEquals(ns(1100), set.completeStampNanos(), "complete at the sweep's last point");
        set.releasePayloads();
    }

    @Test
    void aSweepNotStoredInTimeOrderIsCompleteAtItsLatestPoint() {
        AlignerRig rig = new AlignerRig();
        rig.pose(990);
        rig.camera(1000, 1030);
        // first and last stored points are mid-sweep (49 and 50 ms after the stamp), the latest is stored second
        rig.lidarSweepLaserByLaser(ns(1000), 100 * AlignerRig.MS, ns(1108));
        AlignedSet set = rig.poll();
        assertNotNull(set);
        assertEquals(ns(1100), set.completeStampNanos(), "complete at the sweep's latest point, not its last stored");
        set.releasePayloads();
    }

    @Test
    void aSweepWithoutPointTimesIsCompleteWhenItsSourceDeclared() {
        AlignerRig rig = new AlignerRig();
        rig.pose(990);
        rig.camera(1000, 1030);
        rig.lidarSweepWithoutTimes(ns(1000), 100 * AlignerRig.MS, ns(1108)); // a PCD folder's: one period
        AlignedSet set = rig.poll();
        assertNotNull(set);
        assertEquals(ns(1100), set.completeStampNanos(), "complete one period after the stamp, not at it");
        set.releasePayloads();
    }

    @Test
    void gnssAndImuAreNotWaitedFor() {
        AlignerRig rig = new AlignerRig();
        rig.gnss(950, 1010, 7.0);     // GNSS arrives 60 ms after its epoch; the fix of epoch 1050 is not here yet
        rig.imu(995, 997, 0.1);
        rig.camera(1000, 1030);
        rig.lidar(1000, 1008);
        AlignedSet set = rig.poll();
        assertNotNull(set, "released at once: only cameras are waited for");
        assertEquals(7.0, set.speedMetersPerSecond(), 1e-12, "the latest fix is held");
        assertEquals(0.1, set.yawRateRadPerSec(), 1e-12);
        assertEquals(0, set.missingMask());
        set.releasePayloads();
    }

    @Test
    void poseBeyondLastSampleIsHeldNotExtrapolated() {
        AlignerRig rig = new AlignerRig();
        rig.gnss(950, 951, 10.0);
        rig.gnss(980, 981, 16.0);     // trend +0.2 m/s per ms; extrapolated to 1000 it would be 20
        rig.imu(995, 996, 0.2);
        rig.lidar(1000, 1010);
        rig.clock(1090);              // max wait passed
        AlignedSet set = rig.poll();
        assertNotNull(set);
        assertEquals(16.0, set.speedMetersPerSecond(), 1e-12);
        assertEquals(ns(980), set.gnssStampNanos());
        set.releasePayloads();
    }

    @Test
    void poseSamplesFurtherThanTheGapAreNotUsed() {
        AlignerRig rig = new AlignerRig();
        rig.gnss(700, 701, 10.0);     // 300 ms before the sweep: beyond poseMaxGapMillis 250
        rig.imu(990, 991, 0.1);
        rig.lidar(1000, 1010);
        rig.clock(1090);
        AlignedSet set = rig.poll();
        assertNotNull(set);
        assertEquals(SensorStatus.MISSING, set.status(GNSS));
        assertFalse(set.hasEgoMotion());
        assertTrue(Double.isNaN(set.speedMetersPerSecond()));
        assertEquals(0.1, set.yawRateRadPerSec(), 1e-12);
        assertEquals((1 << GNSS) | (1 << CAMERA), set.missingMask(), "GNSS too old, camera never sent");
        set.releasePayloads();
    }

    @Test
    void outOfOrderFramesAreCountedAndStillUsed() {
        AlignerRig rig = new AlignerRig();
        rig.pose(900);
        rig.camera(1030, 1031);
        rig.camera(1010, 1032);       // older than the one before: out of order, and the nearest to the sweep
        rig.lidar(1100, 1101);
        rig.lidar(1000, 1102);        // the older sweep arrives second
        rig.pose(1200);
        rig.clock(1200);
        assertEquals(1, rig.aligner.outOfOrderCount(CAMERA));
        assertEquals(1, rig.aligner.outOfOrderCount(LIDAR));
        List<AlignedSet> sets = rig.drain();
        assertEquals(2, sets.size());
        assertEquals(ns(1000), sets.get(0).referenceStampNanos(), "sets in stamp order, not arrival order");
        assertEquals(ns(1010), sets.get(0).stampNanos(CAMERA));
        assertEquals(ns(1100), sets.get(1).referenceStampNanos());
        assertEquals(SensorStatus.MISSING, sets.get(1).status(CAMERA), "nearest camera 1030 is 70 ms away");
        assertEquals(0, rig.aligner.lateCount(LIDAR));
        sets.forEach(AlignedSet::releasePayloads);
        rig.aligner.close();
        assertEquals("", rig.leakReport());
    }

    @Test
    void sweepOlderThanAReleasedSetIsLateAndDropped() {
        AlignerRig rig = new AlignerRig();
        rig.pose(900);
        rig.lidar(1000, 1001);
        rig.pose(1100);
        AlignedSet first = rig.poll();
        assertNotNull(first);
        rig.lidar(950, 1110);         // older than the released 1000
        rig.lidar(1000, 1111);        // as old as it: a duplicate, late too
        assertEquals(2, rig.aligner.lateCount(LIDAR));
        rig.clock(1300);
        rig.pose(1300);
        assertNull(rig.poll(), "a late sweep makes no set");
        assertEquals(rig.clouds.freeCount() + 1, AlignerRig.POOL_SIZE, "only the released set's cloud is out");
        first.releasePayloads();
        rig.aligner.close();
        assertEquals("", rig.leakReport());
    }

    @Test
    void cameraFrameTooOldForAnyLaterSetIsLateAndItsBufferGoesBack() {
        AlignerRig rig = new AlignerRig();
        rig.pose(900);
        rig.camera(1000, 1001);
        rig.lidar(1000, 1002);
        rig.pose(1100);
        AlignedSet set = rig.poll();
        assertNotNull(set);
        assertEquals(ns(1000), set.stampNanos(CAMERA));
        assertEquals(0, rig.aligner.lateCount(CAMERA));
        int freeBefore = rig.images.freeCount();
        rig.camera(950, 1110);        // 50 ms before the released set: no later set can take it
        assertEquals(1, rig.aligner.lateCount(CAMERA));
        assertEquals(freeBefore, rig.images.freeCount(), "the late image is not kept");
        rig.camera(970, 1111);        // 30 ms before it: within tolerance of the released set, not late
        assertEquals(1, rig.aligner.lateCount(CAMERA));
        set.releasePayloads();
        rig.aligner.close();
        assertEquals("", rig.leakReport());
    }

    @Test
    void cameraSilentPastItsTimeoutDoesNotBlock() {
        AlignerRig rig = new AlignerRig();
        rig.camera(1000, 1001);       // the camera's last frame
        for (int t = 1000; t <= 1600; t += 10) {
            rig.pose(t);
        }
        rig.lidar(1600, 1605);
        rig.pose(1606);               // pose partners complete; the camera is silent since 1001 (> 500 ms)
        assertTrue(rig.aligner.isSilent(CAMERA));
        AlignedSet set = rig.poll();
        assertNotNull(set, "no waiting for a silent camera");
        assertEquals(SensorStatus.SILENT, set.status(CAMERA));
        assertEquals(1 << CAMERA, set.missingMask());
        assertEquals(ns(1606), set.emittedAtNanos(), "released at once, not after max wait");
        set.releasePayloads();
    }

    @Test
    void cameraAliveButBehindIsWaitedForUpToMaxWait() {
        AlignerRig rig = new AlignerRig();
        rig.camera(1550, 1551);       // 50 ms before the sweep: outside the tolerance
        for (int t = 1500; t <= 1600; t += 10) {
            rig.pose(t);
        }
        rig.lidar(1600, 1605);
        rig.pose(1610);
        assertNull(rig.poll(), "camera alive (last frame 59 ms ago) and nothing at or after 1600 yet");
        rig.clock(1684);
        assertNull(rig.poll(), "79 ms after the sweep arrived");
        rig.clock(1685);
        AlignedSet set = rig.poll();
        assertNotNull(set, "80 ms after the sweep arrived: out, partial");
        assertEquals(SensorStatus.MISSING, set.status(CAMERA));
        set.releasePayloads();
    }

    @Test
    void cameraCatchingUpReleasesTheSetBeforeMaxWait() {
        AlignerRig rig = new AlignerRig();
        rig.pose(1500);
        rig.lidar(1600, 1605);
        rig.pose(1610);
        rig.camera(1590, 1612);
        assertNull(rig.poll(), "camera 1590 is before the sweep: a nearer one may still come");
        rig.camera(1623, 1620);
        AlignedSet set = rig.poll();
        assertNotNull(set);
        assertEquals(ns(1590), set.stampNanos(CAMERA), "10 ms beats 23 ms");
        set.releasePayloads();
    }

    /** Lidar timeout 300 ms; sweeps every 100 ms until 1200, then nothing: reference-less sets every 100 ms. */
    @Test
    void deadLidarGivesReferenceLessSetsAtTheReferencePeriod() {
        AlignerRig rig = new AlignerRig();
        long sets = 0;
        long lastSilentStamp = Long.MIN_VALUE;
        int silentSets = 0;
        for (int t = 1000; t <= 2500; t += 10) {
            if (t <= 1200 && t % 100 == 0) {
                rig.lidar(t, t + 2);
            }
            rig.pose(t + 3);
            rig.clock(t + 5);
            for (AlignedSet set : rig.drain()) {
                sets++;
                if (set.status(LIDAR) == SensorStatus.SILENT) {
                    assertNull(set.cloud());
                    assertEquals(-1, set.referenceSequence());
                    assertEquals(1 << LIDAR, set.missingMask() & (1 << LIDAR));
                    assertTrue(set.referenceStampNanos() > ns(1200 + 300), "only after the 300 ms time-out");
                    if (lastSilentStamp != Long.MIN_VALUE) {
                        assertEquals(100, ms(set.referenceStampNanos() - lastSilentStamp), 10.0,
                                "reference period, to within one 10 ms tick");
                    }
                    lastSilentStamp = set.referenceStampNanos();
                    silentSets++;
                } else {
                    assertNotNull(set.cloud());
                }
                set.releasePayloads();
            }
        }
        // silent once more than 300 ms passed since the last sweep arrived (1202): sets at 1505, 1605, ..., 2505
        assertEquals(11, silentSets);
        assertEquals(silentSets, rig.aligner.silentReferenceSetCount());
        assertEquals(sets, rig.aligner.setCount());
        rig.aligner.close();
        assertEquals("", rig.leakReport());
    }

    @Test
    void lidarComingBackEndsTheSilentSets() {
        AlignerRig rig = new AlignerRig();
        rig.lidar(1000, 1001);
        int silent = 0;
        int withCloud = 0;
        for (int t = 1000; t <= 3000; t += 10) {
            if (t >= 2000 && t % 100 == 0) {
                rig.lidar(t + 1, t + 3);
            }
            rig.pose(t + 4);
            rig.clock(t + 5);
            for (AlignedSet set : rig.drain()) {
                if (set.cloud() == null) {
                    silent++;
                    assertTrue(set.referenceStampNanos() < ns(2100), "no silent set once sweeps flow again");
                } else {
                    withCloud++;
                }
                set.releasePayloads();
            }
        }
        assertTrue(silent > 0);
        assertTrue(withCloud >= 9, "sweeps after the outage make sets: " + withCloud);
        rig.aligner.close();
        assertEquals("", rig.leakReport());
    }

    @Test
    void constructorRejectsANonLidarReference() {
        List<AlignerSensor> sensors = List.of(
                new AlignerSensor(new SensorId("camera_front", SensorKind.CAMERA), 0, 500 * AlignerRig.MS),
                new AlignerSensor(new SensorId("lidar_top", SensorKind.LIDAR), 0, 300 * AlignerRig.MS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimeAligner(sensors, 0, AlignerRig.DEFAULT_ALIGNMENT));
        assertTrue(e.getMessage().contains("camera_front"), e.getMessage());
    }

    @Test
    void configRejectsHistoryShorterThanWaitPlusTolerance() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AlignmentConfig("lidar_top", 40, 80, 250, 100));
        assertTrue(e.getMessage().contains("alignment.historyMillis"), e.getMessage());
    }
}
