package org.avfusion.scenarios.hil;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.scenarios.expect.ExpectationChecker;
import org.avfusion.scenarios.expect.ExpectationChecker.Timed;
import org.avfusion.scenarios.hil.fault.WireFault;
import org.avfusion.scenarios.sim.ActorState;
import org.avfusion.scenarios.sim.ActorType;
import org.avfusion.scenarios.sim.EgoState;
import org.avfusion.scenarios.sim.GroundTruth;
import org.avfusion.scenarios.sim.SimulatedDrive;

/**
 * Scenario events and the runtime's reactions to them, after Autoware's reaction_analyzer: the time from the first
 * packet that shows an event on the wire to the first decision on the broker that reacts to it.
 * <ul>
 * <li><b>Obstacle enters the corridor</b> (ground truth, 10 ms steps): a moving actor's box comes within the ego's
 * half width plus its own plus a margin of the ego's path, within a distance ahead. Shown on the wire by the first
 * lidar packet whose content is at or after that time and whose azimuths cover the actor. Reacted to by the first
 * decision that is not PROCEED with an {@code OBSTACLE_*} reason.</li>
 * <li><b>Sensor dies</b> (a {@code silent} or {@code freeze} fault): shown by the first packet the fault changed.
 * Reacted to, for the lidar, by the first STOP with reason LIDAR_MISSING or CRITICAL_SENSOR_SILENT; for another
 * sensor, by the first health report saying it is silent or FROZEN.</li>
 * </ul>
 * Plain Java over ground truth and received messages (scenario seconds).
 */
public final class ReactionTimes {
    private static final long STEP_NANOS = 10_000_000L;

    private ReactionTimes() {
    }

    /** A moving actor entering the ego's corridor. */
    public record Entry(String actorId, long enterNanos, double azimuthDeg) {
    }

    public static List<Entry> corridorEntries(SimulatedDrive drive, double aheadMeters, double marginMeters) {
        GroundTruth truth = drive.groundTruth();
        MountPose lidar = drive.lidarMount();
        double egoHalfWidth = drive.egoWidthMeters() / 2;
        List<Entry> out = new ArrayList<>();
        java.util.Map<String, Boolean> inside = new java.util.HashMap<>();
        for (long t = 0; t <= truth.durationNanos(); t += STEP_NANOS) {
            EgoState ego = truth.egoAt(t);
            double c = Math.cos(ego.yawRad());
            double s = Math.sin(ego.yawRad());
            for (ActorState a : truth.actorsAt(t)) {
                if (a.type() == ActorType.STATIC) {
                    continue;
                }
                double dx = a.centreXMeters() - ego.xMeters();
                double dy = a.centreYMeters() - ego.yMeters();
                double x = c * dx + s * dy;
                double y = -s * dx + c * dy;
                boolean in = x > 0 && x < aheadMeters
                        && Math.abs(y) < egoHalfWidth + a.widthMeters() / 2 + marginMeters;
                Boolean was = inside.put(a.id(), in);
                if (in && (was == null || !was) && t > 0) {
                    double az = Math.toDegrees(Math.atan2(-(y - lidar.yMeters()), x - lidar.xMeters()));
                    out.add(new Entry(a.id(), t, az < 0 ? az + 360 : az));
                }
            }
        }
        return out;
    }

    static HilReport.Reaction obstacleReaction(Entry e, Double wireSeconds, List<Timed> decisions) {
        String label = "obstacle " + e.actorId() + " enters the corridor at "
                + String.format(Locale.ROOT, "%.2f s", e.enterNanos() / 1e9);
        if (wireSeconds == null) {
            return new HilReport.Reaction(label, Double.NaN, Double.NaN, "no lidar packet showed it");
        }
        for (Timed t : decisions) {
            String kind = t.message().path("kind").asText();
            String reason = t.message().path("reason").asText();
            if (t.seconds() >= wireSeconds && !"PROCEED".equals(kind) && reason.startsWith("OBSTACLE")) {
                return new HilReport.Reaction(label, wireSeconds, t.seconds(), kind + " " + reason);
            }
        }
        return new HilReport.Reaction(label, wireSeconds, Double.NaN, "no OBSTACLE decision after it");
    }

    static HilReport.Reaction sensorReaction(WireFault f, Double wireSeconds, boolean lidar, List<Timed> decisions,
            List<Timed> health) {
        String label = f.sensor() + " " + (f instanceof WireFault.Freeze ? "freezes" : "falls silent") + " at "
                + String.format(Locale.ROOT, "%.2f s", f.fromSeconds());
        if (wireSeconds == null) {
            return new HilReport.Reaction(label, Double.NaN, Double.NaN, "the fault changed no packet");
        }
        if (lidar) {
            for (Timed t : decisions) {
                String reason = t.message().path("reason").asText();
                if (t.seconds() >= wireSeconds && "STOP".equals(t.message().path("kind").asText())
                        && ("LIDAR_MISSING".equals(reason) || "CRITICAL_SENSOR_SILENT".equals(reason))) {
                    return new HilReport.Reaction(label, wireSeconds, t.seconds(), "STOP " + reason);
                }
            }
            return new HilReport.Reaction(label, wireSeconds, Double.NaN, "no fail-safe STOP after it");
        }
        for (Timed t : health) {
            JsonNode silent = ExpectationChecker.at(t.message(), "sensors." + f.sensor() + ".silent");
            JsonNode status = ExpectationChecker.at(t.message(), "sources." + f.sensor() + ".status");
            if (t.seconds() >= wireSeconds && (silent.asBoolean() || "FROZEN".equals(status.asText()))) {
                return new HilReport.Reaction(label, wireSeconds, t.seconds(),
                        silent.asBoolean() ? "health: silent" : "health: FROZEN");
            }
        }
        return new HilReport.Reaction(label, wireSeconds, Double.NaN, "no health report flagged it");
    }
}
