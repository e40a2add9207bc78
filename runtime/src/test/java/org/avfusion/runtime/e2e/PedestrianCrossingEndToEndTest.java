package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.avfusion.scenarios.sim.ActorState;
import org.avfusion.scenarios.sim.ActorType;
import org.avfusion.scenarios.sim.EgoState;
import org.avfusion.scenarios.sim.GroundTruth;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.avfusion.scenarios.expect.RecordedDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pedestrian-crossing drive through the whole pipeline, decisions read back from an embedded broker: a STOP
 * before the ego reaches the pedestrian, PROCEED once they have crossed; and the same decisions on a second run.
 */
class PedestrianCrossingEndToEndTest {
    private static EmbeddedBroker broker;
    private static EndToEnd.Outcome first;
    private static GroundTruth truth;
    private static double frontOverhangMeters;

    @BeforeAll
    static void drive() throws Exception {
        broker = EmbeddedBroker.start(0);
        first = EndToEnd.drive(broker.uri(), "pedestrian-crossing", UnaryOperator.identity());
        try (SimulatedDrive sim = new SimulatedDrive(ScenarioCatalog.loadBuiltIn("pedestrian-crossing"))) {
            truth = sim.groundTruth();
            frontOverhangMeters = sim.egoFrontOverhangMeters();
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Distance from the ego's front bumper to the pedestrian's near face, along the ego's heading. */
    private static double gapToPedestrianMeters(long stampNanos) {
        EgoState ego = truth.egoAt(stampNanos);
        ActorState ped = truth.actorsAt(stampNanos).stream().filter(a -> a.type() == ActorType.PEDESTRIAN)
                .findFirst().orElseThrow();
        double along = (ped.centreXMeters() - ego.xMeters()) * Math.cos(ego.yawRad())
                + (ped.centreYMeters() - ego.yMeters()) * Math.sin(ego.yawRad());
        return along - frontOverhangMeters - ped.lengthMeters() / 2;
    }

    private static double lateralOffsetMeters(long stampNanos) {
        EgoState ego = truth.egoAt(stampNanos);
        ActorState ped = truth.actorsAt(stampNanos).stream().filter(a -> a.type() == ActorType.PEDESTRIAN)
                .findFirst().orElseThrow();
        return -(ped.centreXMeters() - ego.xMeters()) * Math.sin(ego.yawRad())
                + (ped.centreYMeters() - ego.yMeters()) * Math.cos(ego.yawRad());
    }

    @Test
    void stopArrivesBeforeTheEgoReachesThePedestrian() {
        List<RecordedDecision> decisions = first.decisions();
        RecordedDecision stop = decisions.stream().filter(RecordedDecision::isStop).findFirst()
                .orElseThrow(() -> new AssertionError("no STOP in " + decisions.size() + " decisions"));
        assertEquals("OBSTACLE_IN_PATH", stop.reason(), "first STOP " + stop);
        double gap = gapToPedestrianMeters(stop.referenceStampNanos());
        assertTrue(gap > 1.0, "STOP at t=" + stop.referenceSeconds() + " s came with the bumper only " + gap
                + " m from the pedestrian");
        assertTrue(Math.abs(lateralOffsetMeters(stop.referenceStampNanos())) < 3.0,
                "the first STOP is for the pedestrian on the road, not before they stepped onto it: lateral offset "
                        + lateralOffsetMeters(stop.referenceStampNanos()));
        assertFalse(Double.isNaN(stop.obstacleDistanceMeters()), "a STOP for an obstacle names its distance");
        assertEquals(gap, stop.obstacleDistanceMeters(), 1.5, "reported distance vs ground truth gap");
    }

    @Test
    void proceedReturnsAfterThePedestrianHasCrossed() {
        List<RecordedDecision> decisions = first.decisions();
        int lastStop = -1;
        for (int i = 0; i < decisions.size(); i++) {
            if (decisions.get(i).isStop()) {
                lastStop = i;
            }
        }
        assertTrue(lastStop >= 0, "no STOP at all");
        RecordedDecision released = decisions.subList(lastStop + 1, decisions.size()).stream()
                .filter(d -> d.kind().equals("PROCEED")).findFirst()
                .orElseThrow(() -> new AssertionError("no PROCEED after the last STOP"));
        double lateral = lateralOffsetMeters(released.referenceStampNanos());
        assertTrue(lateral > 1.5, "PROCEED at t=" + released.referenceSeconds() + " s while the pedestrian is still "
                + lateral + " m from the ego's centre line");
        long afterRelease = decisions.subList(lastStop + 1, decisions.size()).stream()
                .filter(d -> !d.kind().equals("PROCEED")).count();
        assertEquals(0, afterRelease, "decisions other than PROCEED after the release");
        EgoState end = truth.egoAt(decisions.get(decisions.size() - 1).referenceStampNanos());
        assertTrue(end.xMeters() > 62, "the drive ends with the ego past the crossing, x=" + end.xMeters());
    }

    @Test
    void everyDecisionCarriesItsInputsAndNoneIsPartial() {
        for (RecordedDecision d : first.decisions()) {
            assertFalse(d.partial(), "partial set in a healthy drive: " + d + " missing " + d.missing());
            assertFalse(Double.isNaN(d.latencyMillis()), "latency missing in " + d);
        }
        for (int i = 1; i < first.decisions().size(); i++) {
            assertTrue(first.decisions().get(i).referenceStampNanos() > first.decisions().get(i - 1).referenceStampNanos(),
                    "decisions out of order at " + i);
        }
        assertTrue(first.recorder().objectsCount() > 0, "objects published");
        assertTrue(first.recorder().occupancyCount() > 0, "occupancy published");
        assertFalse(first.recorder().health().isEmpty(), "health published");
    }

    @Test
    void aSecondReplayGivesTheSameDecisions() throws Exception {
        EndToEnd.Outcome second = EndToEnd.drive(broker.uri(), "pedestrian-crossing", UnaryOperator.identity());
        assertEquals(first.decisions().stream().map(RecordedDecision::signature).toList(),
                second.decisions().stream().map(RecordedDecision::signature).toList());
    }
}
