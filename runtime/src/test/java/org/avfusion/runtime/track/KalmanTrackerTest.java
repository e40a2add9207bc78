package org.avfusion.runtime.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.avfusion.runtime.fusion.ObjectClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tracker on synthetic targets at 10 Hz with Gaussian position noise (fixed seeds, printed on failure).
 */
class KalmanTrackerTest {
    private static final long STEP_NANOS = 100_000_000L;

    /** A target moving at constant velocity in odom, measured from an ego that moves (or not). */
    private static final class Scene {
        final KalmanTracker tracker;
        final TrackMeasurements m = new TrackMeasurements(64);
        final Tracks out;
        final Random random;
        final double noise;
        double egoX, egoY, egoYaw;
        int step;

        Scene(TrackerConfig config, long seed, double noiseMeters) {
            tracker = new KalmanTracker(config);
            out = new Tracks(config.maxTracks());
            random = new Random(seed);
            noise = noiseMeters;
        }

        /** Adds an odom-frame target as a base-frame measurement. */
        void see(double ox, double oy, ObjectClass c) {
            double dx = ox - egoX, dy = oy - egoY;
            double cos = Math.cos(egoYaw), sin = Math.sin(egoYaw);
            double bx = cos * dx + sin * dy + noise * random.nextGaussian();
            double by = -sin * dx + cos * dy + noise * random.nextGaussian();
            m.add(bx, by, 0.8, 4.0, 1.8, 1.5, 0.0, c, 500);
        }

        /** Moves the ego, then sees the targets at the new time, then updates: the usual order. */
        void moveEgo(double dx, double dy, double dyaw) {
            double cos = Math.cos(egoYaw), sin = Math.sin(egoYaw);
            egoX += cos * dx - sin * dy;
            egoY += sin * dx + cos * dy;
            egoYaw += dyaw;
            pendingDx = dx;
            pendingDy = dy;
            pendingDyaw = dyaw;
        }

        double pendingDx, pendingDy, pendingDyaw;

        void update() {
            assertTrue(tracker.update(step * STEP_NANOS, pendingDx, pendingDy, pendingDyaw, m, out));
            pendingDx = pendingDy = pendingDyaw = 0;
            m.clear();
            step++;
        }

        int indexOf(long id) {
            for (int i = 0; i < out.size(); i++) {
                if (out.id(i) == id) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Test
    void constantVelocityTargetIsTrackedWithinHalfAMetreAndHalfAMetrePerSecond() {
        // rows: ego speed forward (m/s), ego yaw rate (rad/s)
        double[][] egos = {{0, 0}, {10, 0}, {8, 0.1}};
        for (double[] ego : egos) {
            long seed = 11;
            Scene s = new Scene(TrackerConfig.DEFAULTS, seed, 0.2);
            double vx = 3, vy = -1;
            double maxPosErr = 0, maxVelErr = 0;
            for (int k = 0; k < 60; k++) {
                double t = k * 0.1;
                s.moveEgo(k == 0 ? 0 : ego[0] * 0.1, 0, k == 0 ? 0 : ego[1] * 0.1);
                s.see(15 + vx * t, 5 + vy * t, ObjectClass.VEHICLE);
                s.update();
                if (k >= 20) {
                    assertEquals(1, s.out.size(), "step " + k + " ego " + ego[0] + " seed " + seed);
                    maxPosErr = Math.max(maxPosErr, Math.hypot(s.out.xMeters(0) - (15 + vx * t),
                            s.out.yMeters(0) - (5 + vy * t)));
                    maxVelErr = Math.max(maxVelErr, Math.hypot(s.out.vxMetersPerSec(0) - vx,
                            s.out.vyMetersPerSec(0) - vy));
                }
            }
            System.out.printf("ego %.0f m/s %.1f rad/s: max position error %.3f m, velocity error %.3f m/s%n",
                    ego[0], ego[1], maxPosErr, maxVelErr);
            assertTrue(maxPosErr < 0.5, "position error " + maxPosErr + " seed " + seed);
            assertTrue(maxVelErr < 0.5, "velocity error " + maxVelErr + " seed " + seed);
            assertEquals(1, s.out.id(0));
            assertEquals(ObjectClass.VEHICLE, s.out.objectClass(0));
            assertEquals(Math.atan2(vy, vx), s.out.headingRad(0), 0.1);
            assertTrue(s.out.covariance(0, 0, 0) > 0 && s.out.covariance(0, 0, 0) < 0.1);
            assertEquals(s.out.covariance(0, 0, 2), s.out.covariance(0, 2, 0), 1e-12);
        }
    }

    @Test
    void twoCrossingTargetsKeepTheirIds() {
        long seed = 5;
        Scene s = new Scene(TrackerConfig.DEFAULTS, seed, 0.1);
        // A from (10, -10) at (1, 4) m/s, B from (10, 11) at (1, -4) m/s: they pass 1 m apart at t = 2.5 s
        long idA = -1, idB = -1;
        for (int k = 0; k < 50; k++) {
            double t = k * 0.1;
            double ax = 10 + t, ay = -10 + 4 * t, bx = 10 + t, by = 11 - 4 * t;
            s.see(ax, ay, ObjectClass.PEDESTRIAN);
            s.see(bx, by, ObjectClass.CYCLIST);
            s.update();
            if (s.out.size() == 2) {
                long nearA = nearest(s.out, ax, ay), nearB = nearest(s.out, bx, by);
                if (idA < 0) {
                    idA = nearA;
                    idB = nearB;
                }
                assertEquals(idA, nearA, "A's id at step " + k + ", seed " + seed);
                assertEquals(idB, nearB, "B's id at step " + k + ", seed " + seed);
            }
        }
        assertTrue(idA > 0 && idB > 0 && idA != idB);
        assertEquals(ObjectClass.PEDESTRIAN, s.out.objectClass(s.indexOf(idA)));
        assertEquals(ObjectClass.CYCLIST, s.out.objectClass(s.indexOf(idB)));
        assertEquals(2, s.tracker.confirmedTotal());
    }

    private static long nearest(Tracks t, double x, double y) {
        long best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < t.size(); i++) {
            double d = Math.hypot(t.xMeters(i) - x, t.yMeters(i) - y);
            if (d < bestD) {
                bestD = d;
                best = t.id(i);
            }
        }
        return best;
    }

    @Test
    void isBornAfterThreeHitsAndDiesAfterItsClassDeathTime() {
        // class, death time (s): measured at steps 0..9 (last at t = 0.9 s); present while t - 0.9 <= death
        Object[][] table = {
            {ObjectClass.VEHICLE, 1.5, 24},
            {ObjectClass.PEDESTRIAN, 1.0, 19},
            {ObjectClass.UNKNOWN, 0.5, 14},
        };
        for (Object[] row : table) {
            ObjectClass c = (ObjectClass) row[0];
            int lastPresent = (int) row[2];
            assertEquals((double) row[1], TrackerConfig.DEFAULTS.deathSeconds(c));
            Scene s = new Scene(TrackerConfig.DEFAULTS, 3, 0.05);
            for (int k = 0; k < 40; k++) {
                if (k < 10) {
                    s.see(12, 3, c);
                }
                s.update();
                boolean present = s.out.size() == 1;
                boolean expected = k >= 2 && k <= lastPresent;
                assertEquals(expected, present, c + " at step " + k);
                if (present) {
                    assertEquals(k < 10, s.out.updated(0), c + " at step " + k);
                }
            }
            assertEquals(1, s.tracker.confirmedTotal());
            assertEquals(1, s.tracker.droppedTotal());
        }
    }

    @Test
    void aTentativeTrackThatMissesIsDroppedWithoutAnId() {
        Scene s = new Scene(TrackerConfig.DEFAULTS, 3, 0.05);
        s.see(12, 3, ObjectClass.UNKNOWN);
        s.update();
        s.see(12, 3, ObjectClass.UNKNOWN);
        s.update();
        s.update(); // missed before the third hit
        assertEquals(0, s.tracker.trackCount());
        s.see(12, 3, ObjectClass.UNKNOWN);
        s.update();
        s.see(12, 3, ObjectClass.UNKNOWN);
        s.update();
        s.see(12, 3, ObjectClass.UNKNOWN);
        s.update();
        assertEquals(1, s.out.size());
        assertEquals(1, s.out.id(0), "ids are given at confirmation: the dropped tentative track used none");
    }

    @ParameterizedTest(name = "a camera measurement 2.5 m off a lidar track, sigma {0} m: joins {1}")
    @CsvSource({
        // sigma, joins, largest pull on the track (m)
        "NaN,    false, 0.0",   // lidar noise (0.3 m): outside the gate, a tentative track of its own
        "3.0,    true,  1.0",   // the flat-ground range at 30 m: joins, and moves the track only part of the way
    })
    void aMeasurementsOwnNoiseWidensItsGateAndNarrowsItsPull(double sigma, boolean joins, double pull) {
        Scene s = new Scene(TrackerConfig.DEFAULTS, 11, 0.05);
        for (int k = 0; k < 10; k++) {
            s.see(30, 0, ObjectClass.VEHICLE);
            s.update();
        }
        long id = s.out.id(0);
        s.m.add(32.5, 0, 0.8, 1.8, 1.8, 1.5, 0.0, ObjectClass.VEHICLE, 0, 2, sigma);
        s.update();
        int i = s.indexOf(id);
        assertEquals(joins, s.out.updated(i), "updated by the camera measurement");
        assertEquals(joins ? 1 : 2, s.tracker.trackCount(), "no second track when it joins");
        assertTrue(s.out.xMeters(i) - 30 <= pull + 0.05, "pulled " + (s.out.xMeters(i) - 30) + " m of 2.5 m");
    }

    @Test
    void aTwentyMetreJumpIsGatedAndCounted() {
        Scene s = new Scene(TrackerConfig.DEFAULTS, 9, 0.1);
        for (int k = 0; k < 10; k++) {
            s.see(10, 0, ObjectClass.VEHICLE);
            s.update();
        }
        assertEquals(0, s.tracker.gatedRejections());
        long id = s.out.id(0);
        s.see(30, 0, ObjectClass.VEHICLE);
        s.update();
        assertEquals(1, s.tracker.gatedRejections());
        assertEquals(1, s.out.size(), "the jump starts a tentative track, not a confirmed one");
        assertEquals(id, s.out.id(0));
        assertFalse(s.out.updated(0));
        assertEquals(10, s.out.xMeters(0), 0.3, "the track stays where it was");
        assertEquals(2, s.tracker.trackCount());
    }

    @Test
    void refusesAnUpdateOlderThanTheLastAndNonFiniteMeasurements() {
        KalmanTracker t = new KalmanTracker(TrackerConfig.DEFAULTS);
        TrackMeasurements m = new TrackMeasurements(4);
        Tracks out = new Tracks(TrackerConfig.DEFAULTS.maxTracks());
        m.add(Double.NaN, 1, 0, 1, 1, 1, 0, ObjectClass.UNKNOWN, 10);
        assertTrue(t.update(1_000, EgoMotion.IDENTITY, m, out));
        assertEquals(1, t.invalidMeasurements());
        assertEquals(0, t.trackCount());
        assertFalse(t.update(500, EgoMotion.IDENTITY, m, out));
        assertEquals(1, t.outOfOrderUpdates());
    }

    @Test
    void rejectsImpossibleSettingsNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrackerConfig.DEFAULTS.withBirthHits(0));
        assertTrue(e.getMessage().contains("tracker.birthHits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrackerConfig.DEFAULTS.withDeathSeconds(-1));
        assertTrue(e.getMessage().contains("tracker.deathSecondsUnknown"), e.getMessage());
    }
}
