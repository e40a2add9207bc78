package org.avfusion.runtime.plan;

import static org.avfusion.runtime.occupancy.GridFixtures.emptyGrid;
import static org.avfusion.runtime.occupancy.GridFixtures.occupy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.fusion.ObjectClass;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.track.TrackSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decisions from tracks on the default profile (bumper 3.7 m ahead of base_link; time gap 2 s + 2 m; stop gap 2 m;
 * comfort 3 m/s^2; on after 300 ms, off after 1000 ms). Tracks are given in base_link; each case decides for 0.5 s
 * of sets (10 Hz) so that the on-delay has passed, and reports the last.
 */
class TrafficDecisionTest {
    private static final long MS = 1_000_000L;
    private static final int LIDAR = Modality.LIDAR.bit();
    private static final int CAMERA = Modality.CAMERA.bit();
    private final DecisionConfig config = PlanFixtures.defaultConfig();

    private static TrackSnapshot one(ObjectClass c, double x, double y, double vx, double vy, double len, double wid,
            int modalities, int lidarHits) {
        TrackSnapshot t = new TrackSnapshot(4);
        t.add(7, c, x, y, vx, vy, len, wid, modalities, lidarHits);
        return t;
    }

    private Decision settle(DecisionPolicy policy, double speed, TrackSnapshot tracks, OccupancyGrid grid) {
        Decision d = null;
        for (int k = 0; k <= 5; k++) {
            d = policy.decide(k * 100 * MS, true, false, speed, 0, grid, tracks, LIDAR | CAMERA);
        }
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case,                                        class,      x,    y,    vx,   vy,   len, wid, mod, lidarHits, ego, kind,   reason
        "'same speed, 24.9 m gap: slightly short',      VEHICLE,    30.85, 0,   12,   0,    4.5, 1.8, 3,   20,  12,  SLOW,    FOLLOWING",
        "'same speed, 30 m gap: long enough',           VEHICLE,    35.95, 0,   12,   0,    4.5, 1.8, 3,   20,  12,  PROCEED, FOLLOWING",
        "'lead 6 m/s slower at 20 m: comfortable',      VEHICLE,    25.95, 0,   6,    0,    4.5, 1.8, 3,   20,  12,  SLOW,    FOLLOWING",
        "'lead 8 m/s slower at 10 m: too close',        VEHICLE,    15.95, 0,   4,    0,    4.5, 1.8, 3,   20,  12,  STOP,    LEAD_TOO_CLOSE",
        "'lead at 1.5 m: under the stop gap',           VEHICLE,    7.45,  0,   12,   0,    4.5, 1.8, 3,   20,  12,  STOP,    LEAD_TOO_CLOSE",
        "'unknown lidar cluster leads just as well',    UNKNOWN,    30.85, 0,   12,   0,    4.5, 1.8, 1,   20,  12,  SLOW,    FOLLOWING",
        "'pedestrian walking into the corridor',        PEDESTRIAN, 20,   -4,   0,    1.4,  0.5, 0.5, 3,   20,  8,   SLOW,    ENTERING_PATH",
        "'pedestrian walking away from it',             PEDESTRIAN, 20,   -4,   0,   -1.4,  0.5, 0.5, 3,   20,  8,   PROCEED, PATH_CLEAR",
        "'pedestrian crossing inside it, near',         PEDESTRIAN, 12,    0,   0,    1.4,  0.5, 0.5, 3,   20,  8,   STOP,    OBSTACLE_IN_PATH",
        "'camera-only object in path at speed',         VEHICLE,    25,    0,   0,    0,    4.5, 1.8, 2,   0,   12,  SLOW,    CAMERA_ONLY_UNCORROBORATED",
        "'camera-only object, very near, at speed',     VEHICLE,    10,    0,   0,    0,    4.5, 1.8, 2,   0,   12,  SLOW,    CAMERA_ONLY_UNCORROBORATED",
        "'camera-only object near at walking speed',    VEHICLE,    10,    0,   0,    0,    4.5, 1.8, 2,   0,   3,   SLOW,    CAMERA_ONLY_UNCORROBORATED",
        "'camera-only object beside the corridor',      VEHICLE,    20,    2.5, 0,    0,    4.5, 1.8, 2,   0,   12,  PROCEED, PATH_CLEAR",
        "'cyclist riding alongside, drifting slightly', CYCLIST,    10,    2.3, 8,    0.3,  1.8, 0.6, 3,   20,  5,   PROCEED, PATH_CLEAR",
        "'oncoming car in the next lane',               VEHICLE,    30,    3.5, -12,  0,    4.5, 1.8, 3,   20,  12,  PROCEED, PATH_CLEAR",
    })
    void tracksGiveTheirDecision(String name, ObjectClass c, double x, double y, double vx, double vy, double len,
            double wid, int modalities, int lidarHits, double ego, DecisionKind kind, DecisionReason reason) {
        Decision d = settle(new DecisionPolicy(config), ego, one(c, x, y, vx, vy, len, wid, modalities, lidarHits),
                emptyGrid());
        assertEquals(kind, d.kind(), name + ": " + d.describe());
        assertEquals(reason, d.reason(), name + ": " + d.describe());
        if (reason != DecisionReason.PATH_CLEAR) {
            assertEquals(7, d.trackId(), "the decision names its track");
            assertEquals(c, d.trackClass());
        }
        if (kind == DecisionKind.SLOW) {
            assertTrue(d.targetSpeedMetersPerSecond() < ego, "SLOW below the ego's speed: " + d);
        }
    }

    @Test
    void followingNamesTheTrackItsClassAndTheGap() {
        Decision d = settle(new DecisionPolicy(config), 12,
                one(ObjectClass.VEHICLE, 30.85, 0, 12, 0, 4.5, 1.8, LIDAR | CAMERA, 20), emptyGrid());
        assertEquals("FOLLOWING track 7 vehicle 24.9 m", d.describe());
        assertEquals(LIDAR | CAMERA, d.modalityMask(), "lidar and camera both contributed");
        // gap 24.9 m, wanted 2 + 2 * 12 = 26 m: target 12 + (24.9 - 26) / 3
        assertEquals(12 - 1.1 / 3, d.targetSpeedMetersPerSecond(), 1e-6);
    }

    @Test
    void aSlowIsIssuedAfterTheOnDelayAndReleasedAfterTheOffDelay() {
        DecisionPolicy policy = new DecisionPolicy(config);
        TrackSnapshot lead = one(ObjectClass.VEHICLE, 30.85, 0, 12, 0, 4.5, 1.8, LIDAR, 20);
        TrackSnapshot none = new TrackSnapshot(4);
        StringBuilder kinds = new StringBuilder();
        for (int k = 0; k < 20; k++) {
            TrackSnapshot t = k < 6 ? lead : none;
            kinds.append(policy.decide(k * 100 * MS, true, false, 12, 0, emptyGrid(), t, LIDAR).kind().name()
                    .charAt(0));
        }
        // on at 300 ms (k = 3), cause gone from k = 6 (last seen k = 5), off 1000 ms after: k = 15
        assertEquals("PPPSSSSSSSSSSSSPPPPP", kinds.toString());
    }

    @Test
    void gridCellsOnAMovingTrackAreTheDynamicLayerAndOnAStaticOneStillStop() {
        OccupancyGrid grid = emptyGrid();
        occupy(grid, 20, 0);
        TrackSnapshot moving = one(ObjectClass.VEHICLE, 20, 0, 11, 0, 4.5, 1.8, LIDAR, 20);
        Decision d = settle(new DecisionPolicy(config), 10, moving, grid);
        assertEquals(DecisionReason.FOLLOWING, d.reason(), "the lead's cells are not a static obstacle: " + d);
        TrackSnapshot parked = one(ObjectClass.VEHICLE, 20, 0, 0, 0, 4.5, 1.8, LIDAR, 20);
        Decision s = settle(new DecisionPolicy(config), 10, parked, grid);
        assertEquals(DecisionKind.STOP, s.kind());
        assertEquals(DecisionReason.OBSTACLE_IN_PATH, s.reason(), "a standing object stops us on the grid: " + s);
    }

    /**
     * KITTI 2011_09_26 sfnd, t = 1.6 s: a 13.7 m cluster of parked cars in the next lane (y = -3.9 m) took a spurious
     * 4.1 m/s; its footprint, as wide as it is long, claimed the car 4.9 m ahead in our lane, and the decision went
     * PROCEED PATH_CLEAR. Across its motion a footprint is at most a truck wide.
     */
    @Test
    void aLongMovingClusterInTheNextLaneDoesNotClaimTheCarAheadInOurs() {
        OccupancyGrid grid = emptyGrid();
        occupy(grid, 7.6, -0.4);
        TrackSnapshot merged = one(ObjectClass.UNKNOWN, 6.7, -3.9, 4.1, 0.1, 13.7, 2.6, LIDAR, 20);
        Decision d = settle(new DecisionPolicy(config), 2.2, merged, grid);
        assertEquals(DecisionKind.STOP, d.kind(), "the car ahead is still an obstacle: " + d);
        assertEquals(DecisionReason.OBSTACLE_IN_PATH, d.reason(), d.toString());
        TrafficPolicy policy = new TrafficPolicy(config, TrafficConfig.DEFAULTS);
        assertTrue(policy.belongsToMovingTrack(merged, 6.7, -2.0), "its own lane is its own");
        assertFalse(policy.belongsToMovingTrack(merged, 7.6, -0.4), "ours is not");
    }

    @Test
    void pathCoordinatesFollowTheArc() {
        double[] sl = new double[2];
        TrafficPolicy.toPath(10, 1, 0, sl);
        assertEquals(10, sl[0], 1e-12);
        assertEquals(1, sl[1], 1e-12);
        double r = 50;
        double phi = 0.3;
        TrafficPolicy.toPath(r * Math.sin(phi), r * (1 - Math.cos(phi)), 1 / r, sl);
        assertEquals(r * phi, sl[0], 1e-9, "on a left arc: its length");
        assertEquals(0, sl[1], 1e-9);
        TrafficPolicy.toPath(r * Math.sin(phi), -r * (1 - Math.cos(phi)), -1 / r, sl);
        assertEquals(r * phi, sl[0], 1e-9, "on a right arc");
        assertEquals(0, sl[1], 1e-9);
    }
}
