package org.avfusion.scenarios.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.avfusion.scenarios.sim.world.SpeedProfile;
import org.junit.jupiter.api.Test;

/** The closed-loop ego (commands act at stamp + reaction delay, lockstep) and the simulated detector. */
class ClosedLoopTest {
    private static final long MS = 1_000_000L;

    private static ClosedLoopEgo ego(double cruise) {
        ScenarioSpec.Ego spec = new ScenarioSpec.Ego(0.0, null, null,
                List.of(new ScenarioSpec.Keyframe(0.0, cruise)), true, 0.3, 7.0, 2.0);
        return new ClosedLoopEgo(0, new SpeedProfile(new double[] {0}, new double[] {cruise}), 10_000 * MS, 100 * MS,
                spec);
    }

    @Test
    void aStopActsAtItsStampPlusTheReactionDelayAndBrakesAtTheAskedDeceleration() {
        ClosedLoopEgo e = ego(10);
        for (int k = 0; k < 20; k++) {
            e.command(k * 100 * MS, k < 5 ? Double.POSITIVE_INFINITY : 0.0, 5.0);
            e.advanceTo(k * 100 * MS + 380 * MS);
        }
        assertEquals(10.0, e.speedAt(799 * MS), 1e-9, "cruising until the STOP of t=0.5 s acts at 0.8 s");
        assertEquals(10.0 - 5.0 * 0.5, e.speedAt(1_300 * MS), 0.01, "then braking at 5 m/s^2");
        assertEquals(10.0 - 5.0 * 1.2, e.speedAt(2_000 * MS), 0.01);
        assertEquals(0, e.lateCommands());
        assertEquals(0, e.lockstepTimeouts());
    }

    @Test
    void theDriveWaitsForTheDecisionThatCouldAct() throws Exception {
        ClosedLoopEgo e = ego(10);
        e.command(0, Double.POSITIVE_INFINITY, 3);
        Thread decider = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            e.command(100 * MS, 0.0, 7.0);
        });
        decider.start();
        e.advanceTo(500 * MS); // needs the decision of t=0.1 s (acting at 0.4 s) first
        decider.join();
        assertEquals(10.0 - 7.0 * 0.1, e.speedAt(500 * MS), 0.01, "the STOP of 0.1 s acted at 0.4 s, not later");
        assertEquals(0, e.lateCommands());
    }

    @Test
    void simulatedDetectorSeesThePedestrianAheadAndRepeatsItsNoise() {
        ScenarioSpec spec = ScenarioCatalog.loadBuiltIn("pedestrian-between-parked-cars");
        try (SimulatedDrive drive = new SimulatedDrive(spec)) {
            SimulatedDetector d = drive.simulatedDetector();
            assertNotNull(d, "camera.detector: simulated");
            List<String> first = new ArrayList<>();
            List<String> again = new ArrayList<>();
            d.detect(4_000 * MS, (x1, y1, x2, y2, s, l) -> first.add(l + " " + x1 + " " + y1 + " " + x2 + " " + y2));
            d.detect(4_000 * MS, (x1, y1, x2, y2, s, l) -> again.add(l + " " + x1 + " " + y1 + " " + x2 + " " + y2));
            assertEquals(first, again, "same stamp, same detections");
            assertTrue(first.stream().anyMatch(s -> s.startsWith("PERSON")), "the pedestrian is seen: " + first);
            assertTrue(first.stream().anyMatch(s -> s.startsWith("CAR")), "the parked cars are seen: " + first);
        }
        try (SimulatedDrive scripted = new SimulatedDrive(ScenarioCatalog.loadBuiltIn("pedestrian-crossing"))) {
            assertNull(scripted.simulatedDetector(), "no detector unless the scenario asks for one");
            assertTrue(!scripted.closedLoop());
        }
    }
}
