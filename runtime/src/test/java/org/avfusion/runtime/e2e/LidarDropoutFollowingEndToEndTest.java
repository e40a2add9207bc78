package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.avfusion.runtime.plan.TrafficConfig;
import org.avfusion.scenarios.expect.RecordedDecision;
import org.avfusion.scenarios.fault.FaultInjectingSink;
import org.avfusion.scenarios.fault.FaultInjectingSink.Fault;
import org.avfusion.scenarios.sim.ActorState;
import org.avfusion.scenarios.sim.EgoState;
import org.avfusion.scenarios.sim.GroundTruth;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, "lidar dropout while following (camera + depth keep a conservative decision)", end to end through the
 * ring, MQTT to an embedded broker and a real subscriber, in closed loop: {@code lidar-dropout-following} (a car 25 m
 * ahead at 10 m/s, a simulated camera detector) with the lidar silenced from t = 6 s. The camera's detections, placed
 * by the flat-ground range of their boxes, keep the lead's track; the decision stays SLOW
 * {@code LIDAR_MISSING_CAMERA_DEPTH} for {@code traffic.lidarDropoutMaxMillis} and turns into the fail-safe STOP
 * after it, or at once when the camera goes too. Runs with the ego-motion filter off, as the other closed-loop
 * scenarios do until the traffic rules are retuned for it (see ClosedLoopEndToEndTest). Every number checked is
 * printed.
 */
class LidarDropoutFollowingEndToEndTest {
    private static final double FRONT = 3.7;
    private static final double EGO_HALF_WIDTH = 1.85 / 2;
    private static final double DROPOUT_SECONDS = 6.0;
    /** The lidar's timeout (300 ms in the default profile) plus a sweep: no set is made before it is called silent. */
    private static final double SILENCE_NOTICED_SECONDS = 0.5;
    private static final double BOUND_SECONDS = TrafficConfig.DEFAULTS.lidarDropoutMaxMillis() / 1000.0;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static EndToEnd.Outcome drive(Fault... faults) throws Exception {
        UnaryOperator<FrameSink> inject = s -> new FaultInjectingSink(s, List.of(faults));
        EndToEnd.Outcome o = EndToEnd.drive(broker.uri(), "lidar-dropout-following", inject, null,
                c -> c.withEgo(c.ego().withFilterEnabled(false)));
        assertEquals(0, o.result().lockstepTimeouts(), "lockstep waits that timed out");
        assertEquals(0, o.result().lateCommands(), "commands that arrived after they should have acted");
        return o;
    }

    @Test
    void lidarDropoutWhileFollowingKeepsASlowOnTheCameraThenStopsAfterTheBound() throws Exception {
        EndToEnd.Outcome o = drive(Fault.silence(SimulatedDrive.LIDAR, DROPOUT_SECONDS));
        GroundTruth truth = o.result().groundTruth();
        List<RecordedDecision> before = between(o, DROPOUT_SECONDS - 2, DROPOUT_SECONDS);
        double lastSweep = before.get(before.size() - 1).referenceSeconds();
        // the bound runs from the last sweep's stamp; a decision within 50 ms of its end may fall either side
        List<RecordedDecision> within = between(o, DROPOUT_SECONDS, lastSweep + BOUND_SECONDS - 0.05);
        List<RecordedDecision> after = between(o, lastSweep + BOUND_SECONDS + 0.05, 99);
        double leastGap = Double.POSITIVE_INFINITY, worstRangeError = 0;
        for (RecordedDecision d : within) {
            long t = d.referenceStampNanos();
            double gap = gapMeters(truth.egoAt(t), lead(truth, t));
            leastGap = Math.min(leastGap, gap);
            worstRangeError = Math.max(worstRangeError, Math.abs(d.obstacleDistanceMeters() - gap) / gap);
        }
        double speedAtDropout = truth.egoAt(Math.round(DROPOUT_SECONDS * 1e9)).speedMetersPerSecond();
        double speedAtBound = truth.egoAt(Math.round((DROPOUT_SECONDS + BOUND_SECONDS) * 1e9)).speedMetersPerSecond();
        double gap = minGapMeters(truth);
        System.out.printf(Locale.ROOT, "lidar dropout at t=%.1f s while following (bound %.1f s): before %s; within "
                + "the bound %d decisions, first %s (target %.2f m/s, %s), last %s (target %.2f m/s); lead range error "
                + "of the decisions <= %.1f %%; ego %.2f m/s at the dropout, %.2f m/s at the bound; after %d decisions, "
                + "first %s; least bumper gap over the drive %.2f m, within the bound %.2f m%n", DROPOUT_SECONDS,
                BOUND_SECONDS, before.isEmpty() ? "-" : before.get(before.size() - 1).detail(), within.size(),
                within.isEmpty() ? "-" : within.get(0).detail() + " at t=" + within.get(0).referenceSeconds(),
                within.isEmpty() ? Double.NaN : within.get(0).targetSpeedMetersPerSecond(),
                within.isEmpty() ? "-" : within.get(0).modalities(),
                within.isEmpty() ? "-" : within.get(within.size() - 1).detail(),
                within.isEmpty() ? Double.NaN : within.get(within.size() - 1).targetSpeedMetersPerSecond(),
                100 * worstRangeError, speedAtDropout, speedAtBound, after.size(),
                after.isEmpty() ? "-" : after.get(0).detail() + " at t=" + after.get(0).referenceSeconds(), gap,
                leastGap);

        between(o, DROPOUT_SECONDS - 0.3, 99).forEach(d -> System.out.printf(Locale.ROOT,
                "  t=%.3f %s %s target %.2f m/s %s missing %s%n", d.referenceSeconds(), d.kind(), d.detail(),
                d.targetSpeedMetersPerSecond(), d.modalities(), d.missing()));
        assertTrue(before.stream().anyMatch(d -> d.reason().equals("FOLLOWING")), "following before the dropout");
        // sets without a sweep come at least a sweep period apart, stamped at a camera frame (15 Hz here: 133 ms)
        assertTrue(within.size() >= (BOUND_SECONDS - SILENCE_NOTICED_SECONDS) / 0.15,
                "a decision per set without a sweep within the bound: " + within.size());
        assertTrue(within.stream().noneMatch(RecordedDecision::isStop), "no STOP while the camera sees the lead: "
                + within.stream().filter(RecordedDecision::isStop).findFirst().orElse(null));
        for (RecordedDecision d : within) {
            assertEquals("SLOW", d.kind(), d.toString());
            assertEquals("LIDAR_MISSING_CAMERA_DEPTH", d.reason(), d.toString());
            assertTrue(d.detail().matches("LIDAR_MISSING_CAMERA_DEPTH track \\d+ vehicle \\d+\\.\\d m"),
                    "names the lead: " + d.detail());
            assertFalse(d.modalities().contains("LIDAR"), "no lidar in this set: " + d.modalities());
            assertTrue(d.modalities().contains("CAMERA"), d.modalities().toString());
            assertTrue(d.targetSpeedMetersPerSecond() <= TrafficConfig.DEFAULTS.lidarDropoutSpeedFactor()
                    * speedAtDropout + 1e-6, "reduced target speed: " + d.targetSpeedMetersPerSecond());
        }
        assertTrue(within.stream().anyMatch(d -> d.modalities().contains("GROUND_PLANE")),
                "the camera's detections are placed by the flat-ground range");
        // 640 px over 90 degrees, camera 1.4 m up: at 35 m the road under the lead is 13 px below the horizon, and
        // the detector's 1.5 px edge noise is 11 % of that; the tracker smooths it
        assertTrue(worstRangeError < 0.15, "the lead's range from the camera alone within 15 %: " + worstRangeError);
        assertTrue(speedAtBound < speedAtDropout, "the ego slowed: " + speedAtBound + " < " + speedAtDropout);
        assertFalse(after.isEmpty());
        assertTrue(after.stream().allMatch(d -> d.isStop() && d.reason().equals("LIDAR_MISSING")),
                "fail-safe STOP once the dropout outlasts the bound: " + after.get(0));
        assertTrue(gap > 0, "no collision: " + gap);
    }

    @Test
    void lidarAndCameraDroppingOutTogetherStopAtOnce() throws Exception {
        EndToEnd.Outcome o = drive(Fault.silence(SimulatedDrive.LIDAR, DROPOUT_SECONDS),
                Fault.silence(SimulatedDrive.CAMERA, DROPOUT_SECONDS));
        // the last camera frame captured before the fault may still join a set stamped just after it
        List<RecordedDecision> after = between(o, DROPOUT_SECONDS + 0.1, 99);
        List<RecordedDecision> withoutCamera = o.decisions().stream()
                .filter(d -> d.missing().containsAll(List.of("lidar_top", "camera_front"))).toList();
        double gap = minGapMeters(o.result().groundTruth());
        System.out.printf(Locale.ROOT, "lidar and camera dropout at t=%.1f s: %d decisions from t=%.1f s, first %s at "
                + "t=%.2f s; %d decisions on sets without lidar and camera, %d of them STOP LIDAR_MISSING; least bumper "
                + "gap %.2f m%n", DROPOUT_SECONDS, after.size(), DROPOUT_SECONDS + 0.1, after.get(0).detail(),
                after.get(0).referenceSeconds(), withoutCamera.size(), withoutCamera.stream()
                        .filter(d -> d.isStop() && d.reason().equals("LIDAR_MISSING")).count(), gap);
        assertFalse(withoutCamera.isEmpty());
        assertTrue(withoutCamera.stream().allMatch(d -> d.isStop() && d.reason().equals("LIDAR_MISSING")),
                "STOP whenever a set has neither lidar nor camera");
        assertTrue(after.stream().allMatch(d -> d.isStop() && d.reason().equals("LIDAR_MISSING")),
                "STOP once lidar and camera are gone: " + after.get(0));
        assertTrue(gap > 0, "no collision: " + gap);
    }

    private static List<RecordedDecision> between(EndToEnd.Outcome o, double fromSeconds, double toSeconds) {
        return o.decisions().stream()
                .filter(d -> d.referenceSeconds() >= fromSeconds && d.referenceSeconds() < toSeconds).toList();
    }

    private static ActorState lead(GroundTruth truth, long t) {
        return truth.actorsAt(t).stream().filter(a -> a.id().equals("lead-car")).findFirst().orElseThrow();
    }

    /** Front bumper to the actor's near end, for an actor ahead overlapping the ego's width; +inf otherwise. */
    private static double gapMeters(EgoState ego, ActorState a) {
        double dx = a.centreXMeters() - ego.xMeters(), dy = a.centreYMeters() - ego.yMeters();
        double c = Math.cos(ego.yawRad()), s = Math.sin(ego.yawRad());
        double along = c * dx + s * dy, lateral = -s * dx + c * dy;
        if (Math.abs(lateral) > EGO_HALF_WIDTH + a.widthMeters() / 2 || along < 0) {
            return Double.POSITIVE_INFINITY;
        }
        return along - FRONT - a.lengthMeters() / 2;
    }

    /** The least bumper gap to any actor over the drive (every 10 ms of ground truth). */
    private static double minGapMeters(GroundTruth truth) {
        double min = Double.POSITIVE_INFINITY;
        for (long t = 0; t <= truth.durationNanos(); t += 10_000_000L) {
            EgoState ego = truth.egoAt(t);
            for (ActorState a : truth.actorsAt(t)) {
                min = Math.min(min, gapMeters(ego, a));
            }
        }
        return min;
    }
}
