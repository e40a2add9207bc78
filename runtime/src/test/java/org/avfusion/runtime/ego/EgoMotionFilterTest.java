package org.avfusion.runtime.ego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.avfusion.runtime.ego.EgoMeasurement.GnssPosition;
import org.avfusion.runtime.ego.EgoMeasurement.ImuYawRate;
import org.avfusion.runtime.ego.EgoMeasurement.WheelSpeeds;
import org.avfusion.runtime.ego.EgoMotionFilter.Outcome;
import org.junit.jupiter.api.Test;

/** Bad input and time handling of the {@link EgoMotionFilter} on a {@link SyntheticDrive} (fixed seeds). */
class EgoMotionFilterTest {

    private static EgoMotionFilter run(List<EgoMeasurement> measurements) {
        EgoMotionFilter filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        measurements.forEach(filter::update);
        return filter;
    }

    @Test
    void cleanDriveIsFusedCloseToTheTruth() {
        SyntheticDrive drive = new SyntheticDrive(1, 60);
        EgoMotionFilter filter = run(drive.measurements());
        EgoEstimate e = filter.estimate();
        double[] truth = drive.truthAt(e.stampNanos() * 1e-9);
        assertEquals(EgoQuality.FUSED, e.quality());
        assertTrue(drive.positionError(e) < 0.5, "position error " + drive.positionError(e));
        assertEquals(truth[4], e.speedMetersPerSec(), 0.05);
        assertEquals(truth[5], e.yawRateRadPerSec(), 0.01);
    }

    @Test
    void gnssJumpOf50MetresIsGatedAndCounted() {
        SyntheticDrive drive = new SyntheticDrive(2, 40);
        List<EgoMeasurement> in = new ArrayList<>();
        int jumped = 0;
        for (EgoMeasurement m : drive.measurements()) {
            double t = m.stampNanos() * 1e-9;
            if (m instanceof GnssPosition g && t >= 20 && t < 20.5) {
                double[] enu = new double[3];
                drive.plane.toEnu(g.latitudeDeg(), g.longitudeDeg(), 0, enu);
                double[] geo = new double[3];
                drive.plane.toGeodetic(enu[0] + 50, enu[1], 0, geo);
                m = new GnssPosition(g.stampNanos(), geo[0], geo[1], g.horizontalStdMeters());
                jumped++;
            }
            in.add(m);
        }
        EgoMotionFilter filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        double worst = 0;
        for (EgoMeasurement m : in) {
            filter.update(m);
            if (m.stampNanos() > SyntheticDrive.nanos(20) && m.stampNanos() < SyntheticDrive.nanos(21)) {
                worst = Math.max(worst, drive.positionError(filter.estimate()));
            }
        }
        assertEquals(5, jumped);
        assertEquals(jumped, filter.health().of(EgoSource.GNSS_POSITION).gated());
        assertEquals(0, filter.health().reanchors());
        assertTrue(worst < 1.0, "position error during the jump " + worst);
    }

    @Test
    void persistentGnssOffsetReanchorsAfterTheConfiguredFixes() {
        SyntheticDrive drive = new SyntheticDrive(3, 30);
        EgoMotionFilter filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        for (EgoMeasurement m : drive.measurements()) {
            if (m instanceof GnssPosition g && m.stampNanos() >= SyntheticDrive.nanos(20)) {
                double[] enu = new double[3];
                drive.plane.toEnu(g.latitudeDeg(), g.longitudeDeg(), 0, enu);
                double[] geo = new double[3];
                drive.plane.toGeodetic(enu[0], enu[1] + 50, 0, geo);
                m = new GnssPosition(g.stampNanos(), geo[0], geo[1], g.horizontalStdMeters());
            }
            filter.update(m);
        }
        // the 10th consecutive refused fix re-anchors (it is used, not counted as gated); later ones agree
        assertEquals(1, filter.health().reanchors());
        assertEquals(9, filter.health().of(EgoSource.GNSS_POSITION).gated());
        assertTrue(drive.positionError(filter.estimate()) > 45, "follows the receiver after re-anchoring");
    }

    @Test
    void stuckWheelIsDetectedAndLeftOut() {
        SyntheticDrive drive = new SyntheticDrive(4, 40);
        List<EgoMeasurement> in = new ArrayList<>();
        for (EgoMeasurement m : drive.measurements()) {
            if (m instanceof WheelSpeeds w && m.stampNanos() >= SyntheticDrive.nanos(15)) {
                m = new WheelSpeeds(w.stampNanos(), 0.0, w.frontRightMetersPerSec(), w.rearLeftMetersPerSec(),
                        w.rearRightMetersPerSec());
            }
            in.add(m);
        }
        EgoMotionFilter filter = run(in);
        EgoHealth.SourceCounters wheels = filter.health().of(EgoSource.WHEEL_SPEEDS);
        EgoEstimate e = filter.estimate();
        assertEquals(1, wheels.stuckEvents());
        assertTrue(wheels.stuck() > 1000, "samples with a wheel left out: " + wheels.stuck());
        assertEquals(drive.truthAt(e.stampNanos() * 1e-9)[4], e.speedMetersPerSec(), 0.1);
        assertEquals(drive.truthAt(e.stampNanos() * 1e-9)[5], e.yawRateRadPerSec(), 0.02);
    }

    @Test
    void constantImuBiasIsEstimatedByTheBiasState() {
        SyntheticDrive drive = new SyntheticDrive(5, 60);
        drive.gyroBias = 0.02;
        EgoMotionFilter filter = run(drive.measurements());
        EgoEstimate e = filter.estimate();
        assertEquals(0.02, e.gyroBiasRadPerSec(), 0.003);
        assertEquals(drive.truthAt(e.stampNanos() * 1e-9)[5], e.yawRateRadPerSec(), 0.01);
        assertTrue(drive.positionError(e) < 0.5);
    }

    @Test
    void timeGoingBackwardsIsCountedAndDropped() {
        EgoMotionFilter filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        assertEquals(Outcome.FUSED, filter.update(new ImuYawRate(2_000_000_000L, 0.1, Double.NaN)));
        assertEquals(Outcome.TIME_BACKWARDS, filter.update(new ImuYawRate(1_999_000_000L, 0.1, Double.NaN)));
        assertEquals(Outcome.FUSED, filter.update(new ImuYawRate(2_010_000_000L, 0.1, Double.NaN)));
        assertEquals(1, filter.health().of(EgoSource.IMU).timeBackwards());
        assertEquals(2, filter.health().of(EgoSource.IMU).fused());
    }

    @Test
    void lateMeasurementBeyondTheWindowIsTooOld() {
        EgoMotionFilter filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        filter.update(new ImuYawRate(2_000_000_000L, 0.1, Double.NaN));
        filter.update(new ImuYawRate(3_000_000_000L, 0.1, Double.NaN));
        assertEquals(Outcome.TOO_OLD, filter.update(new EgoMeasurement.VehicleSpeed(2_400_000_000L, 5)));
        assertEquals(1, filter.health().of(EgoSource.VEHICLE_SPEED).tooOld());
    }

    /** Differential: GNSS fixes delivered 50-150 ms late give the same estimate as delivered in stamp order. */
    @Test
    void outOfOrderFixesAreRefilteredToTheInOrderResult() {
        SyntheticDrive drive = new SyntheticDrive(6, 30);
        List<EgoMeasurement> ordered = drive.measurements();
        Random random = new Random(7);
        List<long[]> arrival = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            EgoMeasurement m = ordered.get(i);
            long delay = m instanceof GnssPosition ? 50_000_000L + (long) (random.nextDouble() * 100_000_000L) : 0;
            arrival.add(new long[] {m.stampNanos() + delay, i});
        }
        arrival.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        EgoMotionFilter late = new EgoMotionFilter(EgoFilterConfig.defaults());
        for (long[] a : arrival) {
            late.update(ordered.get((int) a[1]));
        }
        EgoMotionFilter inOrder = run(ordered);
        EgoEstimate a = late.estimate();
        EgoEstimate b = inOrder.estimate();
        assertTrue(late.health().of(EgoSource.GNSS_POSITION).outOfOrder() > 250);
        assertEquals(b.stampNanos(), a.stampNanos());
        assertEquals(b.eastMeters(), a.eastMeters(), 1e-6);
        assertEquals(b.northMeters(), a.northMeters(), 1e-6);
        assertEquals(b.speedMetersPerSec(), a.speedMetersPerSec(), 1e-9);
        assertEquals(b.headingDeg(), a.headingDeg(), 1e-6);
        assertEquals(b.varianceEast(), a.varianceEast(), 1e-9);
    }

    @Test
    void qualityDegradesToDeadReckonedThenUnknown() {
        SyntheticDrive drive = new SyntheticDrive(8, 30);
        EgoMotionFilter filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        EgoQuality at15 = null;
        EgoQuality at25 = null;
        for (EgoMeasurement m : drive.measurements()) {
            double t = m.stampNanos() * 1e-9;
            if (m instanceof GnssPosition && t > 20) {
                continue;
            }
            filter.update(m);
            if (m.stampNanos() == SyntheticDrive.nanos(15)) {
                at15 = filter.estimate().quality();
            }
            if (m.stampNanos() == SyntheticDrive.nanos(25)) {
                at25 = filter.estimate().quality();
            }
        }
        assertEquals(EgoQuality.FUSED, at15);
        assertEquals(EgoQuality.DEAD_RECKONED, at25);
        EgoEstimate dr = filter.estimate();
        assertEquals(10, dr.absoluteFixAgeSeconds(), 0.2);
        filter.predict(SyntheticDrive.nanos(33));
        assertEquals(EgoQuality.UNKNOWN, filter.estimate().quality());
        assertTrue(filter.estimate().sourceAgesSeconds().isEmpty());
    }

    @Test
    void gnssCourseInitialisesTheHeadingAndGnssSpeedIsFused() {
        EgoMotionFilter filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        filter.update(new GnssPosition(1_000_000_000L, SyntheticDrive.LAT, SyntheticDrive.LON, 1.0));
        assertEquals(Outcome.FUSED, filter.update(new EgoMeasurement.GnssVelocity(1_000_000_000L, 12.0, 135.0)));
        EgoEstimate e = filter.estimate();
        assertEquals(135.0, e.headingDeg(), 1.0);
        assertEquals(12.0, e.speedMetersPerSec(), 0.3);
        assertEquals(EgoQuality.FUSED, e.quality());
    }

    @Test
    void stuckVehicleSpeedSignalIsLeftOut() {
        SyntheticDrive drive = new SyntheticDrive(9, 30);
        EgoMotionFilter filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        for (EgoMeasurement m : drive.measurements()) {
            filter.update(m);
            if (m instanceof ImuYawRate && m.stampNanos() % 20_000_000L == 0) {
                double t = m.stampNanos() * 1e-9;
                double speed = t < 10 ? SyntheticDrive.speed(t) : 0.0;
                filter.update(new EgoMeasurement.VehicleSpeed(m.stampNanos(), speed));
            }
        }
        EgoHealth.SourceCounters speed = filter.health().of(EgoSource.VEHICLE_SPEED);
        EgoEstimate e = filter.estimate();
        assertEquals(1, speed.stuckEvents());
        assertTrue(speed.stuck() > 900, "speed samples left out " + speed.stuck());
        assertEquals(drive.truthAt(e.stampNanos() * 1e-9)[4], e.speedMetersPerSec(), 0.1);
    }

    @Test
    void configOutOfRangeNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EgoFilterConfig.defaults().toBuilder().trackWidthMeters(12).build());
        assertTrue(e.getMessage().contains("trackWidthMeters") && e.getMessage().contains("12"), e.getMessage());
    }
}
