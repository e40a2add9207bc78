package org.avfusion.runtime.plan;

import static org.avfusion.runtime.occupancy.GridFixtures.emptyGrid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.fusion.ObjectClass;
import org.avfusion.runtime.track.TrackSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lidar dropout on the default profile (bound 3000 ms, speed factor 0.7, time gap 2 s x 1.5 + 2 m): the ego follows
 * a lead at 12 m/s on lidar sets for 1 s (the last sweep at t = 0.9 s), then sets come without a sweep; each case is
 * the decision {@code after} ms past that last sweep.
 */
class LidarDropoutDecisionTest {
    private static final long MS = 1_000_000L;
    private static final int LIDAR = Modality.LIDAR.bit();
    private static final int CAMERA = Modality.CAMERA.bit();
    private static final int GROUND = Modality.GROUND_PLANE.bit();
    private static final long LAST_SWEEP = 900 * MS;

    private static TrackSnapshot lead(double x, double vx, int modalities) {
        TrackSnapshot t = new TrackSnapshot(4);
        t.add(7, ObjectClass.VEHICLE, x, 0, vx, 0, 4.5, 1.8, modalities, 20);
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case,                                         after, camera, lead x, lead vx, bound, kind, reason,                     target, track
        "'camera keeps the lead: SLOW, larger gap',      1000,  true,   30.85,  12,      3000,  SLOW, LIDAR_MISSING_CAMERA_DEPTH, 7.6333, 7",
        "'camera sees nothing ahead: SLOW to 0.7 v',     1000,  true,   NaN,    0,       3000,  SLOW, LIDAR_MISSING_CAMERA_DEPTH, 8.4,    0",
        "'lead far ahead: the speed cap still holds',    1000,  true,   80,     12,      3000,  SLOW, LIDAR_MISSING_CAMERA_DEPTH, 8.4,    0",
        "'last set within the bound',                    3000,  true,   30.85,  12,      3000,  SLOW, LIDAR_MISSING_CAMERA_DEPTH, 7.6333, 7",
        "'past the bound: fail-safe STOP',               3100,  true,   30.85,  12,      3000,  STOP, LIDAR_MISSING,              0,      0",
        "'camera missing too: STOP at once',             200,   false,  30.85,  12,      3000,  STOP, LIDAR_MISSING,              0,      0",
        "'lead braking hard, 10 m: its STOP',            500,   true,   15.95,  4,       3000,  STOP, LEAD_TOO_CLOSE,             0,      7",
        "'bound 0: STOP at once, as before',             100,   true,   30.85,  12,      0,     STOP, LIDAR_MISSING,              0,      0",
    })
    void decisionThroughALidarDropout(String name, long after, boolean camera, double leadX, double leadVx,
            double boundMillis, DecisionKind kind, DecisionReason reason, double target, long track) {
        TrafficConfig d = TrafficConfig.DEFAULTS;
        TrafficConfig traffic = new TrafficConfig(d.timeGapSeconds(), d.minGapMeters(), d.gapCloseSeconds(),
                d.stopGapMeters(), d.movingSpeedMetersPerSec(), d.movingSpeedLargeMetersPerSec(), d.horizonSeconds(),
                d.predictionStepMillis(), d.pedestrianStopMarginMeters(), d.onMillis(), d.offMillis(),
                d.trackMarginMeters(), boundMillis, d.lidarDropoutSpeedFactor(), d.lidarDropoutTimeGapFactor());
        DecisionPolicy policy = new DecisionPolicy(PlanFixtures.defaultConfig(), traffic);
        TrackSnapshot following = lead(30.85, 12, LIDAR | CAMERA);
        for (long t = 0; t <= LAST_SWEEP; t += 100 * MS) {
            policy.decide(t, true, false, 12, 0, emptyGrid(), following, LIDAR | CAMERA);
        }
        TrackSnapshot tracks = Double.isNaN(leadX) ? new TrackSnapshot(4) : lead(leadX, leadVx, CAMERA | GROUND);
        Decision decision = policy.decide(LAST_SWEEP + after * MS, false, false, 12, 0, emptyGrid(), tracks,
                camera ? CAMERA : 0);
        assertEquals(kind, decision.kind(), name + ": " + decision.describe());
        assertEquals(reason, decision.reason(), name + ": " + decision.describe());
        assertEquals(target, decision.targetSpeedMetersPerSecond(), 1e-3, name);
        assertEquals(track, decision.trackId(), "the track that set it: " + decision.describe());
        assertEquals(0, decision.modalityMask() & LIDAR, "no lidar came with the set: " + decision);
        if (track != 0) {
            assertEquals(CAMERA | GROUND, decision.modalityMask(), "the camera and its flat-ground range");
            assertTrue(decision.describe().startsWith(reason + " track 7 vehicle"), decision.describe());
        } else if (camera && reason == DecisionReason.LIDAR_MISSING_CAMERA_DEPTH) {
            assertEquals(CAMERA, decision.modalityMask());
        }
    }

    @ParameterizedTest(name = "speed {0} m/s without a sweep before: STOP")
    @CsvSource({"12", "0"})
    void noSweepEverSeenIsAStop(double speed) {
        DecisionPolicy policy = new DecisionPolicy(PlanFixtures.defaultConfig());
        Decision d = policy.decide(0, false, false, speed, 0, emptyGrid(), lead(30.85, 12, CAMERA | GROUND), CAMERA);
        assertEquals(DecisionReason.LIDAR_MISSING, d.reason(), "the bound runs from a sweep; there was none");
    }
}
