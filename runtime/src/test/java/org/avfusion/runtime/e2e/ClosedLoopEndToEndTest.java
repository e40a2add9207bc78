package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.avfusion.scenarios.expect.RecordedDecision;
import org.avfusion.scenarios.expect.RecordedTrack;
import org.avfusion.scenarios.fault.FaultInjectingSink;
import org.avfusion.scenarios.fault.FaultInjectingSink.Fault;
import org.avfusion.scenarios.sim.ActorState;
import org.avfusion.scenarios.sim.ActorType;
import org.avfusion.scenarios.sim.EgoState;
import org.avfusion.scenarios.sim.GroundTruth;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.ScenarioSpec;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The closed-loop scenarios through the whole runtime (ring, stages, MQTT to an embedded broker and back): the
 * simulated ego obeys the published decisions, so collisions and gaps are checked against the simulator's ground
 * truth, and tracks (read back from {@code objects}) against its actors. Every number checked is printed.
 */
class ClosedLoopEndToEndTest {
    private static final double FRONT = 3.7;
    private static final double EGO_HALF_WIDTH = 1.85 / 2;
    private static final double CORRIDOR_HALF_WIDTH = EGO_HALF_WIDTH + 0.4;
    private static EmbeddedBroker broker;
    private static final Map<String, EndToEnd.Outcome> RUNS = new HashMap<>();

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

    /**
     * Every scenario runs with the ego-motion filter on. pedestrian-between-parked-cars used to run with it off: with
     * it on, the pedestrian, stopped at the far kerb as the ego drove off, left a fragment of their cluster that
     * started a tentative track, whose wide covariance then won the pedestrian's next measurement in the Hungarian
     * (one id switch at t = 10.5 s). The tracker now assigns confirmed tracks first and merges the fragments a small
     * road user's footprint holds ({@code KalmanTracker}).
     */
    private static EndToEnd.Outcome drive(String scenario) throws Exception {
        return EndToEnd.drive(broker.uri(), scenario, UnaryOperator.identity(), null, UnaryOperator.identity());
    }

    private static synchronized EndToEnd.Outcome run(String scenario) throws Exception {
        EndToEnd.Outcome o = RUNS.get(scenario);
        if (o == null) {
            o = drive(scenario);
            assertEquals(0, o.result().lockstepTimeouts(), "lockstep waits that timed out");
            assertEquals(0, o.result().lateCommands(), "commands that arrived after they should have acted");
            RUNS.put(scenario, o);
        }
        return o;
    }

    /** Ego's position of an actor: along (from base_link) and lateral (left), metres. */
    private static double[] relative(EgoState ego, ActorState a) {
        double dx = a.centreXMeters() - ego.xMeters(), dy = a.centreYMeters() - ego.yMeters();
        double c = Math.cos(ego.yawRad()), s = Math.sin(ego.yawRad());
        return new double[] {c * dx + s * dy, -s * dx + c * dy, c * a.vxMetersPerSecond() + s * a.vyMetersPerSecond(),
            -s * a.vxMetersPerSecond() + c * a.vyMetersPerSecond()};
    }

    /** Front bumper to the actor's near end, for an actor ahead overlapping the ego's width; +inf otherwise. */
    private static double gapMeters(EgoState ego, ActorState a) {
        double[] r = relative(ego, a);
        if (Math.abs(r[1]) > EGO_HALF_WIDTH + a.widthMeters() / 2 || r[0] < 0) {
            return Double.POSITIVE_INFINITY;
        }
        return r[0] - FRONT - a.lengthMeters() / 2;
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

    private static ActorState actor(GroundTruth truth, long t, ActorType type) {
        return truth.actorsAt(t).stream().filter(a -> a.type() == type).findFirst().orElseThrow();
    }

    @Test
    void noClosedLoopScenarioCollides() throws Exception {
        for (String s : List.of("following-braking-lead", "pedestrian-between-parked-cars", "cyclist-overtaking",
                "ghost-detection")) {
            double gap = minGapMeters(run(s).result().groundTruth());
            System.out.printf(Locale.ROOT, "%s: least bumper gap %.2f m%n", s, gap);
            assertTrue(gap > 0, s + ": the ego hit something, least gap " + gap);
        }
    }

    @Test
    void followingHoldsTheTimeGapWithSlowAndTheBrakingLeadGivesStopWithRoomLeft() throws Exception {
        EndToEnd.Outcome o = run("following-braking-lead");
        GroundTruth truth = o.result().groundTruth();
        List<RecordedDecision> settled = o.decisions().stream()
                .filter(d -> d.referenceSeconds() >= 8 && d.referenceSeconds() < 12).toList();
        double worst = 0;
        for (RecordedDecision d : settled) {
            long t = d.referenceStampNanos();
            ActorState lead = actor(truth, t, ActorType.CAR);
            double gap = gapMeters(truth.egoAt(t), lead);
            double wanted = 2.0 + 2.0 * Math.hypot(lead.vxMetersPerSecond(), lead.vyMetersPerSecond());
            worst = Math.max(worst, Math.abs(gap / wanted - 1));
        }
        System.out.printf(Locale.ROOT, "following: worst gap error %.1f %% of the 2 s + 2 m gap over t in [8, 12) s%n",
                100 * worst);
        assertTrue(worst <= 0.20, "gap held within 20 %: worst " + worst);
        assertTrue(settled.stream().noneMatch(RecordedDecision::isStop), "no STOP while following: " + settled);
        assertTrue(settled.stream().anyMatch(d -> d.kind().equals("SLOW") && d.reason().equals("FOLLOWING")),
                "SLOW FOLLOWING while the driver wants to go faster than the lead");
        RecordedDecision following = settled.stream().filter(d -> d.reason().equals("FOLLOWING")).findFirst()
                .orElseThrow();
        assertTrue(following.detail().matches("FOLLOWING track \\d+ vehicle \\d+\\.\\d m"), following.detail());
        assertTrue(following.modalities().containsAll(List.of("LIDAR", "CAMERA")), following.modalities().toString());
        RecordedDecision stop = o.decisions().stream().filter(d -> d.referenceSeconds() >= 12 && d.isStop())
                .findFirst().orElseThrow(() -> new AssertionError("no STOP for the braking lead"));
        double end = gapMeters(truth.egoAt(truth.durationNanos()), actor(truth, truth.durationNanos(), ActorType.CAR));
        System.out.printf(Locale.ROOT, "braking lead: first STOP at t=%.2f s (%s), stopped %.2f m behind it%n",
                stop.referenceSeconds(), stop.detail(), end);
        assertTrue(end >= 2.0, "STOP leaves at least 2 m: " + end);
        assertEquals(0.0, truth.egoAt(truth.durationNanos()).speedMetersPerSecond(), 1e-9, "the ego stopped");
    }

    @Test
    void pedestrianGivesSlowBeforeEnteringTheCorridorAndStopTwoMetresShort() throws Exception {
        EndToEnd.Outcome o = run("pedestrian-between-parked-cars");
        GroundTruth truth = o.result().groundTruth();
        long enters = -1;
        for (long t = 0; t <= truth.durationNanos() && enters < 0; t += 10_000_000L) {
            ActorState p = actor(truth, t, ActorType.PEDESTRIAN);
            if (Math.abs(relative(truth.egoAt(t), p)[1]) <= CORRIDOR_HALF_WIDTH + p.widthMeters() / 2) {
                enters = t;
            }
        }
        long enteredAt = enters;
        RecordedDecision slow = o.decisions().stream().filter(d -> d.kind().equals("SLOW")).findFirst()
                .orElseThrow(() -> new AssertionError("no SLOW"));
        RecordedDecision stop = o.decisions().stream().filter(RecordedDecision::isStop).findFirst()
                .orElseThrow(() -> new AssertionError("no STOP"));
        double least = Double.POSITIVE_INFINITY;
        for (long t = 0; t <= truth.durationNanos(); t += 10_000_000L) {
            least = Math.min(least, gapMeters(truth.egoAt(t), actor(truth, t, ActorType.PEDESTRIAN)));
        }
        System.out.printf(Locale.ROOT, "pedestrian: enters the corridor at t=%.2f s; first SLOW t=%.2f s (%s); "
                + "first STOP t=%.2f s (%s); least bumper gap %.2f m%n", enteredAt / 1e9, slow.referenceSeconds(),
                slow.detail(), stop.referenceSeconds(), stop.detail(), least);
        assertTrue(slow.referenceStampNanos() < enteredAt, "SLOW before the pedestrian enters the corridor");
        assertTrue(slow.detail().contains("pedestrian"), "the SLOW names the pedestrian: " + slow.detail());
        assertTrue(least >= 2.0, "the ego stops at least 2 m before the pedestrian: " + least);
        assertTrue(o.decisions().get(o.decisions().size() - 1).kind().equals("PROCEED"), "goes on once they crossed");
    }

    /**
     * Matches, at each published stamp, the nearest track of class {@code cls} within 2 m to the actor (within 40 m
     * of the ego) and measures its position and velocity errors; an id switch is a change of the matched id from one
     * stamp to the next. Writes the median and 95th-percentile errors into {@code worst}; returns a report ending in
     * {@code |<id switches>}.
     */
    private static String trackingErrors(EndToEnd.Outcome o, ActorType type, String cls, double[] worst) {
        GroundTruth truth = o.result().groundTruth();
        Map<Long, List<RecordedTrack>> byStamp = new java.util.TreeMap<>();
        for (RecordedTrack t : o.recorder().tracks()) {
            if (t.objectClass().equals(cls)) {
                byStamp.computeIfAbsent(t.referenceStampNanos(), k -> new ArrayList<>()).add(t);
            }
        }
        List<Double> pos = new ArrayList<>();
        List<Double> vel = new ArrayList<>();
        TreeSet<Long> ids = new TreeSet<>();
        long last = -1;
        int switches = 0;
        int extra = 0;
        for (Map.Entry<Long, List<RecordedTrack>> e : byStamp.entrySet()) {
            EgoState ego = truth.egoAt(e.getKey());
            double[] r = relative(ego, actor(truth, e.getKey(), type));
            if (Math.hypot(r[0], r[1]) > 40) {
                continue;
            }
            RecordedTrack best = null;
            double bestErr = 2.0;
            int near = 0;
            for (RecordedTrack t : e.getValue()) {
                double err = Math.hypot(t.xMeters() - r[0], t.yMeters() - r[1]);
                near += err <= 2.0 ? 1 : 0;
                if (err <= bestErr) {
                    bestErr = err;
                    best = t;
                }
            }
            if (best == null) {
                continue;
            }
            extra += near - 1;
            if (last >= 0 && best.id() != last) {
                switches++;
            }
            last = best.id();
            ids.add(best.id());
            pos.add(bestErr);
            vel.add(Math.hypot(best.vxMetersPerSecond() - r[2], best.vyMetersPerSecond() - r[3]));
        }
        pos.sort(null);
        vel.sort(null);
        assertFalse(pos.isEmpty(), "no " + cls + " track near the " + type);
        worst[0] = pos.get(pos.size() / 2);
        worst[1] = vel.get(vel.size() / 2);
        worst[2] = pos.get((int) (pos.size() * 0.95));
        worst[3] = vel.get((int) (vel.size() * 0.95));
        return String.format(Locale.ROOT, "%s: %d stamps matched, ids %s, %d id switches, %d other %s tracks within 2 m;"
                + " position error median %.2f m, p95 %.2f m, max %.2f m; velocity error median %.2f m/s, p95 %.2f m/s,"
                + " max %.2f m/s", cls, pos.size(), ids, switches, extra, cls, worst[0], worst[2],
                pos.get(pos.size() - 1), worst[1], worst[3], vel.get(vel.size() - 1)) + "|" + switches;
    }

    private static void assertTrackedCloseToTheTruth(String scenario, ActorType type, String cls) throws Exception {
        double[] e = new double[4];
        String report = trackingErrors(run(scenario), type, cls, e);
        System.out.println(scenario + ": " + report);
        assertEquals("0", report.substring(report.indexOf('|') + 1), "no id switch on the " + cls + ": " + report);
        assertTrue(e[0] < 0.5, "median position error under 0.5 m: " + report);
        assertTrue(e[2] < 0.5, "95th-percentile position error under 0.5 m: " + report);
        assertTrue(e[1] < 0.5, "median velocity error under 0.5 m/s: " + report);
    }

    /** What {@link #duplicates} found for one actor over one drive. */
    private record Crowd(String actor, int stamps, int extraStamps, int extraAfterOneSecond, int otherClassWithin1m,
            String firstExtras) {
    }

    private static String classOf(ActorType type) {
        return switch (type) {
            case PEDESTRIAN -> "pedestrian";
            case CYCLIST -> "cyclist";
            case CAR, STATIC -> "vehicle";
        };
    }

    /**
     * For every actor within 40 m of the ego, at every published stamp: the tracks (any class) within 2 m of its
     * centre that lie nearer to it than to any other actor, less one (the actor's own track) are its extra tracks;
     * counted over all stamps and over the stamps after the actor has had a track within 2 m for 1 s. Also counted:
     * stamps where, while a track of the actor's class lies within 2 m of it (it is tracked), a track of another
     * class (unknown included) lies within 1 m of it.
     */
    private static List<Crowd> duplicates(EndToEnd.Outcome o) {
        GroundTruth truth = o.result().groundTruth();
        Map<Long, List<RecordedTrack>> byStamp = new java.util.TreeMap<>();
        for (RecordedTrack t : o.recorder().tracks()) {
            byStamp.computeIfAbsent(t.referenceStampNanos(), k -> new ArrayList<>()).add(t);
        }
        Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        Map<String, Long> firstTracked = new HashMap<>();
        Map<String, StringBuilder> examples = new HashMap<>();
        for (Map.Entry<Long, List<RecordedTrack>> e : byStamp.entrySet()) {
            long stamp = e.getKey();
            EgoState ego = truth.egoAt(stamp);
            List<ActorState> actors = truth.actorsAt(stamp);
            List<double[]> rel = actors.stream().map(a -> relative(ego, a)).toList();
            for (int i = 0; i < actors.size(); i++) {
                ActorState a = actors.get(i);
                double[] r = rel.get(i);
                if (Math.hypot(r[0], r[1]) > 40) {
                    continue;
                }
                int[] c = counts.computeIfAbsent(a.id(), k -> new int[4]);
                int near = 0;
                boolean otherClass = false;
                boolean ownClass = false;
                StringBuilder which = new StringBuilder();
                for (RecordedTrack t : e.getValue()) {
                    double d = Math.hypot(t.xMeters() - r[0], t.yMeters() - r[1]);
                    otherClass |= d <= 1.0 && !t.objectClass().equals(classOf(a.type()));
                    ownClass |= d <= 2.0 && t.objectClass().equals(classOf(a.type()));
                    boolean nearest = true;
                    for (int j = 0; j < actors.size() && nearest; j++) {
                        nearest = j == i || Math.hypot(t.xMeters() - rel.get(j)[0], t.yMeters() - rel.get(j)[1]) >= d;
                    }
                    if (d <= 2.0 && nearest) {
                        near++;
                        which.append(String.format(Locale.ROOT, " %d:%s@%.1f,%.1fm/s", t.id(), t.objectClass(), d,
                                Math.hypot(t.vxMetersPerSecond(), t.vyMetersPerSecond())));
                    }
                }
                c[0]++;
                if (near > 0) {
                    firstTracked.putIfAbsent(a.id(), stamp);
                }
                c[3] += otherClass && ownClass ? 1 : 0;
                if (near > 1) {
                    c[1]++;
                    if (stamp - firstTracked.get(a.id()) >= 1_000_000_000L) {
                        c[2]++;
                    }
                    StringBuilder ex = examples.computeIfAbsent(a.id(), k -> new StringBuilder());
                    if (ex.length() < 2000) {
                        ex.append(String.format(Locale.ROOT, " t=%.1f[%s]", stamp / 1e9, which.toString().trim()));
                    }
                }
            }
        }
        List<Crowd> out = new ArrayList<>();
        counts.forEach((id, c) -> out.add(new Crowd(id, c[0], c[1], c[2], c[3],
                examples.getOrDefault(id, new StringBuilder()).toString())));
        return out;
    }

    /**
     * pedestrian-between-parked-cars: while the pedestrian is tracked, no track of another class lies within 1 m of
     * them. Used to fail on 31 stamps from t = 4.5 s: the parked car behind the pedestrian (its cluster merged with
     * the next car's, so no IoU match) took its depth from the nearest mode in its box, the pedestrian, and split
     * the pedestrian's points off into a vehicle ({@code RoiClusterFusion}: a pedestrian's box now wins the points at
     * its depth, and the car's box skips them for its depth).
     */
    @Test
    void noTrackOfAnotherClassSitsOnTheTrackedPedestrian() throws Exception {
        Crowd p = duplicates(run("pedestrian-between-parked-cars")).stream()
                .filter(c -> c.actor().equals("pedestrian-1")).findFirst().orElseThrow();
        System.out.println("pedestrian-between-parked-cars: " + p);
        assertEquals(0, p.otherClassWithin1m(), "stamps with another class within 1 m of the pedestrian: " + p);
    }

    /**
     * Every road user (the lead cars, the pedestrian, the cyclist) is one track once tracked for 1 s: no other track
     * within 2 m of it. Prints the same for the parked cars (each extra track with its over-ground speed), which are
     * not bounded yet: what is left there is mostly tracks moving past a parked car at 3 to 12 m/s, the slice one
     * lidar ring cuts out of a car's side seen obliquely (its ends are set by the ring's elevation, so it moves with
     * the ego) and the part of a car beside the ego that the minimum range leaves, and a slow second vehicle track
     * on a car seen in part for a while.
     */
    @Test
    void everyRoadUserIsOneTrack() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String s : List.of("following-braking-lead", "car-ahead-braking", "pedestrian-between-parked-cars",
                "cyclist-overtaking", "ghost-detection")) {
            for (Crowd c : duplicates(run(s))) {
                System.out.printf(Locale.ROOT, "%s %s: %d stamps within 40 m, %d with extra tracks within 2 m (%d after"
                        + " tracked 1 s), %d with another class within 1 m while tracked;%s%n", s, c.actor(), c.stamps(),
                        c.extraStamps(), c.extraAfterOneSecond(), c.otherClassWithin1m(), c.firstExtras());
                if (!c.actor().startsWith("parked") && c.extraAfterOneSecond() > 0) {
                    failures.add(s + " " + c);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void pedestrianIsTrackedCloseToTheTruthWithoutIdSwitch() throws Exception {
        assertTrackedCloseToTheTruth("pedestrian-between-parked-cars", ActorType.PEDESTRIAN, "pedestrian");
    }

    /**
     * Used to fail (ids 5 and 6, position error median 0.57 m, p95 0.74 m): the cyclist, unclassified until the camera
     * saw it, was lost while it passed beside the ego (the lidar's 2.5 m minimum range cut it into front and rear
     * fragments, then hid it for 0.4 s), the fragments started two tracks, and ahead of the ego only its rear face and
     * right side were seen (the box of the part in view). The tracker now merges fragments into a small road user's
     * footprint, coasts near the sensor, assigns confirmed tracks first and places a partial view by the class's size
     * from the face it saw ({@code KalmanTracker}).
     */
    @Test
    void cyclistIsTrackedCloseToTheTruthWithoutIdSwitch() throws Exception {
        assertTrackedCloseToTheTruth("cyclist-overtaking", ActorType.CYCLIST, "cyclist");
    }

    @Test
    void cyclistOvertakingNeverStopsTheEgo() throws Exception {
        EndToEnd.Outcome o = run("cyclist-overtaking");
        assertTrue(o.decisions().stream().noneMatch(RecordedDecision::isStop),
                "a cyclist passing beside the corridor gives no STOP");
    }

    @Test
    void aGhostOnTheCameraAloneSlowsWithItsReasonButNeverStops() throws Exception {
        EndToEnd.Outcome o = run("ghost-detection");
        List<RecordedDecision> ghost = o.decisions().stream()
                .filter(d -> d.reason().equals("CAMERA_ONLY_UNCORROBORATED")).toList();
        System.out.printf(Locale.ROOT, "ghost: %d decisions CAMERA_ONLY_UNCORROBORATED, first %s%n", ghost.size(),
                ghost.isEmpty() ? "-" : ghost.get(0).detail());
        assertFalse(ghost.isEmpty(), "the camera-only object is named in the reason");
        // placed by the flat-ground range of its box (no lidar return stands in it): camera and ground plane, never
        // lidar
        assertTrue(ghost.stream().allMatch(d -> d.kind().equals("SLOW") && d.modalities().contains("CAMERA")
                && !d.modalities().contains("LIDAR")), "SLOW, from the camera alone: " + ghost.get(0));
        assertTrue(o.decisions().stream().noneMatch(RecordedDecision::isStop), "no emergency STOP on a ghost");
        assertEquals("PROCEED", o.decisions().get(o.decisions().size() - 1).kind(), "back to PROCEED after it");
    }

    @Test
    void aClosedLoopDriveRepeatsExactly() throws Exception {
        EndToEnd.Outcome first = run("ghost-detection");
        EndToEnd.Outcome second = drive("ghost-detection");
        assertEquals(first.decisions().stream().map(RecordedDecision::signature).toList(),
                second.decisions().stream().map(RecordedDecision::signature).toList());
        assertEquals(first.result().groundTruth().egoAt(8_000_000_000L), second.result().groundTruth()
                .egoAt(8_000_000_000L), "the ego drove the same");
    }

    @Test
    void scriptedCarAheadAtTheSameSpeedIsFollowedNotStoppedFor() throws Exception {
        EndToEnd.Outcome o = drive("car-ahead-braking");
        List<RecordedDecision> before = o.decisions().stream().filter(d -> d.referenceSeconds() < 6).toList();
        long stops = before.stream().filter(RecordedDecision::isStop).count();
        long following = before.stream().filter(d -> d.reason().equals("FOLLOWING")).count();
        RecordedDecision lastStop = before.stream().filter(RecordedDecision::isStop).reduce((a, b) -> b).orElse(null);
        System.out.printf(Locale.ROOT, "car-ahead-braking before the lead brakes (t < 6 s): %d decisions, %d STOP "
                + "(last at t=%s s), %d FOLLOWING; over the drive: %s%n", before.size(), stops,
                lastStop == null ? "-" : String.format(Locale.ROOT, "%.2f", lastStop.referenceSeconds()), following,
                o.result().decisions());
        assertTrue(lastStop == null || lastStop.referenceSeconds() < 2.0,
                "STOPs only while the car is not tracked yet (the first sweeps): last at " + lastStop);
        assertTrue(following > before.size() / 2, "following the car: " + following + " of " + before.size());
        assertTrue(o.decisions().stream().anyMatch(d -> d.referenceSeconds() > 6 && d.isStop()),
                "the braking car gives STOP");
    }

    @Test
    void lidarDropoutWhileFollowingFailsSafeWithoutCollision() throws Exception {
        UnaryOperator<FrameSink> faults = s -> new FaultInjectingSink(s,
                List.of(Fault.silence(SimulatedDrive.LIDAR, 6.0)));
        EndToEnd.Outcome o = EndToEnd.drive(broker.uri(), "lidar-dropout-following", faults);
        assertEquals(0, o.result().lockstepTimeouts(), "lockstep waits that timed out");
        // the camera keeps a SLOW for traffic.lidarDropoutMaxMillis (3 s) after the last sweep: LidarDropoutFollowing-
        // EndToEndTest checks that part
        List<RecordedDecision> after = o.decisions().stream().filter(d -> d.referenceSeconds() >= 9.0).toList();
        assertFalse(after.isEmpty());
        assertTrue(after.stream().allMatch(d -> d.isStop() && d.reason().equals("LIDAR_MISSING")),
                "fail-safe STOP once the lidar has been gone longer than the bound");
        double gap = minGapMeters(o.result().groundTruth());
        System.out.printf(Locale.ROOT, "lidar dropout: least bumper gap %.2f m%n", gap);
        assertTrue(gap > 0, "no collision: " + gap);
    }
}
