package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.output.mqtt.broker.ClassBroker;
import org.avfusion.scenarios.expect.RecordedDecision;
import org.avfusion.scenarios.fault.FaultInjectingSink;
import org.avfusion.scenarios.fault.FaultInjectingSink.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The clear road, healthy and with sensors failing: the runtime degrades gracefully and says so. A dead lidar gives
 * flagged partial sets and a fail-safe STOP within its timeout; a dead camera only flags the sets; out-of-order GNSS
 * is counted and changes nothing.
 */
class DegradedSensorsEndToEndTest {
    private static final double KILL_SECONDS = 6.0;
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    /** The healthy drive: two tests read it, so it is driven once (by whichever runs first). */
    private static EndToEnd.Outcome healthy;

    private static synchronized EndToEnd.Outcome healthy() throws Exception {
        if (healthy == null) {
            healthy = EndToEnd.drive(BROKER.uri(), "clear-road", s -> s);
        }
        return healthy;
    }

    @Test
    void clearRoadGivesNoStopAndNoSlow() throws Exception {
        EndToEnd.Outcome o = healthy();
        List<RecordedDecision> notProceed = o.decisions().stream().filter(d -> !d.kind().equals("PROCEED")).toList();
        assertTrue(o.decisions().size() > 200, "decisions: " + o.decisions().size());
        assertEquals(List.of(), notProceed, "a clear road (a curve between parked cars) must give PROCEED only");
    }

    @Test
    void deadLidarGivesFlaggedPartialSetsAndAFailSafeStopWithinItsTimeout() throws Exception {
        double timeoutMillis = new ConfigLoader().loadDefault().sensors().stream()
                .filter(s -> s.name().equals("lidar_top")).findFirst().orElseThrow().timeoutMillis();
        EndToEnd.Outcome o = EndToEnd.drive(BROKER.uri(), "clear-road",
                s -> new FaultInjectingSink(s, List.of(Fault.silence(SimulatedDrive.LIDAR, KILL_SECONDS))));
        List<RecordedDecision> after = o.decisions().stream()
                .filter(d -> d.referenceSeconds() >= KILL_SECONDS).toList();
        assertFalse(after.isEmpty(), "decisions keep coming after the lidar died");
        RecordedDecision firstStop = after.get(0);
        assertEquals("STOP", firstStop.kind(), "first decision after the lidar died: " + firstStop);
        assertEquals("LIDAR_MISSING", firstStop.reason());
        assertTrue(firstStop.partial() && firstStop.missing().contains("lidar_top"),
                "the set is flagged partial with lidar_top missing: " + firstStop.missing());
        double delayMillis = (firstStop.referenceSeconds() - KILL_SECONDS) * 1000;
        assertTrue(delayMillis <= timeoutMillis + 100 + 20, "fail-safe STOP " + delayMillis
                + " ms after the last sweep; the lidar timeout is " + timeoutMillis + " ms (+ one sweep period)");
        assertTrue(after.stream().allMatch(RecordedDecision::isStop), "only STOPs once the lidar is gone");
        assertTrue(after.size() > 100, "the silent lidar keeps producing fail-safe decisions: " + after.size());
        JsonNode last = o.recorder().lastOnlineHealth();
        assertTrue(last.path("sets").path("withoutReference").asLong() > 0, "health counts sets without lidar: " + last);
        assertTrue(last.path("sensors").path("lidar_top").path("silent").asBoolean(), "health says the lidar is silent");
    }

    @Test
    void deadCameraIsFlaggedButDoesNotStopTheVehicle() throws Exception {
        EndToEnd.Outcome o = EndToEnd.drive(BROKER.uri(), "clear-road",
                s -> new FaultInjectingSink(s, List.of(Fault.silence(SimulatedDrive.CAMERA, KILL_SECONDS))));
        List<RecordedDecision> after = o.decisions().stream()
                .filter(d -> d.referenceSeconds() >= KILL_SECONDS + 0.6).toList();
        assertFalse(after.isEmpty());
        assertTrue(after.stream().allMatch(d -> d.kind().equals("PROCEED")), "camera is not critical: PROCEED goes on");
        assertTrue(after.stream().allMatch(d -> d.partial() && d.missing().equals(List.of("camera_front"))),
                "every set after the camera died says so");
    }

    @Test
    void outOfOrderGnssIsCountedAndChangesNoDecision() throws Exception {
        EndToEnd.Outcome clean = healthy();
        FaultInjectingSink[] faults = new FaultInjectingSink[1];
        EndToEnd.Outcome shuffled = EndToEnd.drive(BROKER.uri(), "clear-road", s -> {
            faults[0] = new FaultInjectingSink(s, List.of(Fault.swapPairs(SimulatedDrive.GNSS, 2.0, 12.0)));
            return faults[0];
        });
        assertTrue(faults[0].reorderedCount() > 40, "pairs swapped: " + faults[0].reorderedCount());
        JsonNode last = shuffled.recorder().lastOnlineHealth();
        assertTrue(last.path("sensors").path("gnss").path("outOfOrder").asLong() > 0, "health counts them: " + last);
        assertEquals(clean.decisions().stream().map(RecordedDecision::kind).toList(),
                shuffled.decisions().stream().map(RecordedDecision::kind).toList());
    }
}
