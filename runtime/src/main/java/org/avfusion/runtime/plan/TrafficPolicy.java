package org.avfusion.runtime.plan;

import java.util.Objects;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.fusion.ObjectClass;
import org.avfusion.runtime.track.TrackSnapshot;

/**
 * The track-based half of the decision: what the tracked objects ask of the ego, before hysteresis. Each confirmed
 * track is placed in path coordinates (arc length {@code s} along the ego's predicted arc from base_link, lateral
 * offset {@code l}) and predicted at constant velocity over {@code horizonSeconds}:
 *
 * <ul>
 *   <li><b>Lead vehicle</b>: the nearest moving track in the corridor whose speed along the path exceeds
 *       {@code movingSpeedMetersPerSec}. The target speed holds the time gap, constant time-headway spacing
 *       (Rajamani, "Vehicle Dynamics and Control", 2nd ed., ch. 6): {@code v* = v_lead + (g - g_des) / T_close},
 *       {@code g_des = minGap + timeGap * v_lead}: SLOW ({@link DecisionReason#FOLLOWING}), or PROCEED when
 *       {@code v*} is not below the ego's speed. STOP ({@link DecisionReason#LEAD_TOO_CLOSE}) when the gap is under
 *       {@code stopGapMeters} or matching the lead's speed before the gap shrinks to it needs more than the comfort
 *       deceleration: {@code a_req = (v - v_lead)^2 / 2 (g - stopGap)}.</li>
 *   <li><b>Moving object in the corridor</b> not going our way (crossing, oncoming): an obstacle as on the grid:
 *       STOP within the stopping distance, SLOW within the slow-down distance ({@link DecisionConfig}).</li>
 *   <li><b>Entering</b>: a moving track outside the corridor predicted inside it ahead of the ego's bumper: SLOW
 *       ({@link DecisionReason#ENTERING_PATH}) to the speed from which the ego can stop comfortably
 *       {@code pedestrianStopMarginMeters} before the point where it enters. It becomes a STOP once the object is
 *       in the corridor (above).</li>
 *   <li><b>Camera only</b>: a track no lidar cluster ever supported whose centre is in the corridor: SLOW
 *       ({@link DecisionReason#CAMERA_ONLY_UNCORROBORATED}) to the speed that can stop before it, never an emergency
 *       STOP on the camera's word alone (a lidar cluster that joins the track corroborates it).</li>
 * </ul>
 *
 * Stationary tracks with lidar support are left to the occupancy grid (the static layer); the grid cells of moving
 * tracks are not (see {@link #belongsToMovingTrack}).
 *
 * <p>Stateless between calls apart from the result it reuses; allocation-free. Not thread-safe.
 */
public final class TrafficPolicy {
    private final DecisionConfig decision;
    private final TrafficConfig traffic;
    private final double[] sl = new double[2];
    private final Assessment result = new Assessment();

    public TrafficPolicy(DecisionConfig decision, TrafficConfig traffic) {
        this.decision = Objects.requireNonNull(decision, "decision");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
    }

    /** What the tracks ask for (reused: valid until the next call). */
    public static final class Assessment {
        DecisionKind kind = DecisionKind.PROCEED;
        DecisionReason reason = DecisionReason.PATH_CLEAR;
        int track = -1;
        double distanceMeters = Double.NaN;
        double targetSpeed = Double.POSITIVE_INFINITY;
        double decel;
        boolean emergency;

        void reset() {
            kind = DecisionKind.PROCEED;
            reason = DecisionReason.PATH_CLEAR;
            track = -1;
            distanceMeters = Double.NaN;
            targetSpeed = Double.POSITIVE_INFINITY;
            decel = 0;
            emergency = false;
        }

        /** Keeps the more restrictive of this and the candidate (STOP over SLOW over PROCEED; lower target). */
        void offer(DecisionKind k, DecisionReason r, int t, double distance, double target, double a, boolean em) {
            boolean better = k.ordinal() > kind.ordinal() && k != DecisionKind.REROUTE
                    || k == kind && (k == DecisionKind.SLOW && target < targetSpeed
                            || k == DecisionKind.STOP && (Double.isNaN(distanceMeters) || distance < distanceMeters));
            if (better) {
                kind = k;
                reason = r;
                track = t;
                distanceMeters = distance;
                targetSpeed = target;
                decel = a;
                emergency = em;
            }
        }

        public DecisionKind kind() {
            return kind;
        }

        public DecisionReason reason() {
            return reason;
        }

        /** Index of the track in the snapshot, -1 for none. */
        public int track() {
            return track;
        }

        public double distanceMeters() {
            return distanceMeters;
        }

        public double targetSpeedMetersPerSec() {
            return targetSpeed;
        }

        public double decelerationMetersPerSec2() {
            return decel;
        }

        /** A STOP that must not wait for the on-delay. */
        public boolean emergency() {
            return emergency;
        }
    }

    /**
     * @param tracks     confirmed tracks, base_link; null for none
     * @param speed      ego speed, m/s (>= 0)
     * @param curvature  path curvature, 1/m, left positive
     */
    public Assessment assess(TrackSnapshot tracks, double speed, double curvature) {
        Assessment a = result;
        a.reset();
        if (tracks == null) {
            return a;
        }
        double v = Math.max(0, speed);
        double halfCorridor = decision.vehicleWidthMeters() / 2 + decision.corridorMarginMeters();
        double front = decision.frontOverhangMeters();
        double comfort = decision.comfortDecelMetersPerSec2();
        int lead = -1;
        double leadGap = Double.POSITIVE_INFINITY;
        double leadSpeed = 0;
        for (int i = 0; i < tracks.size(); i++) {
            double vx = tracks.vxMetersPerSec(i), vy = tracks.vyMetersPerSec(i);
            boolean moving = isMoving(tracks, i);
            boolean cameraOnly = tracks.lidarHits(i) == 0;
            if (!moving && !cameraOnly) {
                continue; // the grid's
            }
            toPath(tracks.xMeters(i), tracks.yMeters(i), curvature, sl);
            double s = sl[0], l = sl[1];
            double theta = curvature * s;
            double rel = tracks.headingRad(i) - theta;
            double len = tracks.lengthMeters(i), wid = tracks.widthMeters(i);
            double alongHalf = 0.5 * (Math.abs(len * Math.cos(rel)) + Math.abs(wid * Math.sin(rel)));
            double latHalf = 0.5 * (Math.abs(len * Math.sin(rel)) + Math.abs(wid * Math.cos(rel)));
            double gap = s - alongHalf - front;
            boolean ahead = s + alongHalf > front && gap < decision.lookaheadMeters();
            boolean inCorridor = ahead && Math.abs(l) <= halfCorridor + latHalf;
            double vAlong = vx * Math.cos(theta) + vy * Math.sin(theta);
            if (cameraOnly) {
                // never an emergency STOP on the camera's word: SLOW, and only when its centre is in the corridor
                // (a box cut by the image's border places its object off to the side)
                if (ahead && Math.abs(l) <= halfCorridor) {
                    double g = Math.max(0, gap);
                    if (g <= decision.slowDistanceMeters(v)) {
                        a.offer(DecisionKind.SLOW, DecisionReason.CAMERA_ONLY_UNCORROBORATED, i, g,
                                Math.min(v, safeSpeed(g - decision.standoffMeters())), comfort, false);
                    }
                }
                continue;
            }
            if (inCorridor) {
                double g = Math.max(0, gap);
                if (vAlong > traffic.movingSpeedMetersPerSec() && tracks.objectClass(i) != ObjectClass.PEDESTRIAN) {
                    if (g < leadGap) {
                        lead = i;
                        leadGap = g;
                        leadSpeed = vAlong;
                    }
                } else {
                    obstacle(a, tracks, i, g, v);
                }
            } else {
                double lateralSpeed = -vx * Math.sin(theta) + vy * Math.cos(theta);
                if (lateralSpeed * Math.signum(l) < -MIN_ENTERING_SPEED_METERS_PER_SEC) {
                    double crossHalf = 0.5 * Math.min(len, wid);
                    entering(a, tracks, i, curvature, v, halfCorridor, crossHalf, alongHalf);
                }
            }
        }
        if (lead >= 0) {
            follow(a, lead, leadGap, leadSpeed, v);
        }
        return a;
    }

    private void obstacle(Assessment a, TrackSnapshot tracks, int i, double gap, double v) {
        double stopping = decision.stoppingDistanceMeters(v);
        if (gap <= stopping) {
            ObjectClass c = tracks.objectClass(i);
            double keep = c == ObjectClass.PEDESTRIAN || c == ObjectClass.CYCLIST
                    ? Math.max(traffic.stopGapMeters(), traffic.pedestrianStopMarginMeters()) : traffic.stopGapMeters();
            a.offer(DecisionKind.STOP, DecisionReason.OBSTACLE_IN_PATH, i, gap, 0.0, stopDecel(v, gap, keep), true);
        } else if (gap <= decision.slowDistanceMeters(v)) {
            a.offer(DecisionKind.SLOW, DecisionReason.OBSTACLE_AHEAD, i, gap,
                    Math.min(v, safeSpeed(gap - decision.standoffMeters())), decision.comfortDecelMetersPerSec2(),
                    false);
        }
    }

    private void follow(Assessment a, int i, double gap, double vLead, double v) {
        double comfort = decision.comfortDecelMetersPerSec2();
        double stopGap = traffic.stopGapMeters();
        double closing = v - vLead;
        double room = gap - stopGap;
        double required = closing > 0 ? closing * closing / (2 * Math.max(room, 0.01)) : 0;
        if (room <= 0 || required > comfort) {
            a.offer(DecisionKind.STOP, DecisionReason.LEAD_TOO_CLOSE, i, gap, 0.0,
                    Math.max(comfort, Math.max(required, stopDecel(v, gap, stopGap))), true);
            return;
        }
        double desired = traffic.minGapMeters() + traffic.timeGapSeconds() * vLead;
        double target = Math.max(0, vLead + (gap - desired) / traffic.gapCloseSeconds());
        if (target < v) {
            a.offer(DecisionKind.SLOW, DecisionReason.FOLLOWING, i, gap, target, Math.max(required, 0.5 * comfort),
                    false);
        } else {
            // holding the gap at or above our speed: say whom we follow, but proceed
            a.offer(DecisionKind.PROCEED, DecisionReason.FOLLOWING, i, gap, target, 0, false);
            if (a.kind == DecisionKind.PROCEED && a.track < 0) {
                a.reason = DecisionReason.FOLLOWING;
                a.track = i;
                a.distanceMeters = gap;
                a.targetSpeed = target;
            }
        }
    }

    private void entering(Assessment a, TrackSnapshot tracks, int i, double curvature, double v, double halfCorridor,
            double latHalf, double alongHalf) {
        double step = traffic.predictionStepMillis() / 1000.0;
        double x0 = tracks.xMeters(i), y0 = tracks.yMeters(i);
        double vx = tracks.vxMetersPerSec(i), vy = tracks.vyMetersPerSec(i);
        double front = decision.frontOverhangMeters();
        for (double t = step; t <= traffic.horizonSeconds() + 1e-9; t += step) {
            toPath(x0 + vx * t, y0 + vy * t, curvature, sl);
            double s = sl[0], l = sl[1];
            if (Math.abs(l) > halfCorridor + latHalf) {
                continue;
            }
            double gapNow = s - alongHalf - front;
            if (gapNow < 0 || s + alongHalf <= front + v * t - 1.0 || gapNow > decision.lookaheadMeters()) {
                return; // enters behind the bumper, behind where the ego will be by then, or beyond the look-ahead
            }
            double room = gapNow - traffic.pedestrianStopMarginMeters();
            double target = room <= 0 ? 0.0 : safeSpeed(room);
            if (target < v) {
                double required = v * v / (2 * Math.max(room, 0.5));
                a.offer(DecisionKind.SLOW, DecisionReason.ENTERING_PATH, i, gapNow, target,
                        Math.max(decision.comfortDecelMetersPerSec2(), Math.min(required, 2 * 
                                decision.comfortDecelMetersPerSec2())), false);
            }
            return;
        }
    }

    /** Speed from which the ego stops comfortably within {@code room}: {@code v^2/2a + v t_react = room}. */
    private double safeSpeed(double room) {
        if (room <= 0) {
            return 0.0;
        }
        double acc = decision.comfortDecelMetersPerSec2();
        double t = decision.reactionTimeMillis() / 1000.0;
        return acc * (Math.sqrt(t * t + 2 * room / acc) - t);
    }

    /** Deceleration that stops the ego {@code keep} metres short of {@code gap}, after the reaction time. */
    private double stopDecel(double v, double gap, double keep) {
        double room = Math.max(gap - keep - v * decision.reactionTimeMillis() / 1000.0, 0.5);
        return Math.max(decision.comfortDecelMetersPerSec2(), v * v / (2 * room));
    }

    /** How long the grid keeps the cells a moving object left (log-odds decaying over a few sweeps). */
    static final double TRAIL_SECONDS = 0.6;
    /** Of a vehicle seen from behind, the body beyond the visible end. */
    static final double UNSEEN_BODY_METERS = 4.0;
    /** Hits before a pedestrian's or cyclist's velocity is trusted (a young track's velocity is its shape settling). */
    static final int MIN_HITS_FOR_MOTION = 5;
    /** The same for vehicles and unclassified clusters, whose box changes more as more of them comes into view. */
    static final int MIN_HITS_FOR_MOTION_LARGE = 8;
    /** Lateral speed toward the corridor below which an object is not taken to be entering it. */
    static final double MIN_ENTERING_SPEED_METERS_PER_SEC = 0.5;
    /** An unclassified track longer than this and thinner than {@link #STRUCTURE_WIDTH_METERS} is a wall or fence
     * seen in part: its centre slides along it as more of it comes into view; it is never taken to move. */
    static final double STRUCTURE_LENGTH_METERS = 7.0;
    /** The widest a moving road user is across its motion (a truck, 2.6 m, plus mirrors): its footprint's cap. */
    static final double MAX_ACROSS_METERS = 3.0;
    static final double STRUCTURE_WIDTH_METERS = 0.8;

    /**
     * A track moves when its speed exceeds {@code movingSpeedMetersPerSec} (pedestrians, cyclists) or
     * {@code movingSpeedLargeMetersPerSec} (the rest) and twice its speed's standard deviation,
     * it has {@link #MIN_HITS_FOR_MOTION} hits, and it is not an unclassified structure.
     */
    boolean isMoving(TrackSnapshot tracks, int i) {
        double speed = tracks.speedMetersPerSec(i);
        ObjectClass c = tracks.objectClass(i);
        boolean small = c == ObjectClass.PEDESTRIAN || c == ObjectClass.CYCLIST;
        double threshold = small ? traffic.movingSpeedMetersPerSec() : traffic.movingSpeedLargeMetersPerSec();
        if (speed <= threshold || tracks.hits(i) < (small ? MIN_HITS_FOR_MOTION : MIN_HITS_FOR_MOTION_LARGE)) {
            return false;
        }
        if (tracks.objectClass(i) == ObjectClass.UNKNOWN && tracks.lengthMeters(i) > STRUCTURE_LENGTH_METERS
                && tracks.widthMeters(i) < STRUCTURE_WIDTH_METERS) {
            return false;
        }
        double sigma = Math.sqrt(Math.max(0, (tracks.covariance(i, 2, 2) + tracks.covariance(i, 3, 3)) / 2));
        return speed > 2 * sigma;
    }

    /**
     * Whether a point of base_link lies on a moving track's footprint: as wide as its box is long (at most
     * {@value #MAX_ACROSS_METERS} m), from
     * {@value #TRAIL_SECONDS} s of travel behind it (the cells it left, whose log-odds take a few sweeps to decay) to
     * {@value #UNSEEN_BODY_METERS} m beyond it (the body of a vehicle seen from one end), grown by
     * {@code trackMarginMeters}. Its grid cells belong to the dynamic layer, not to the static obstacles.
     */
    public boolean belongsToMovingTrack(TrackSnapshot tracks, double x, double y) {
        if (tracks == null) {
            return false;
        }
        double m = traffic.trackMarginMeters();
        for (int i = 0; i < tracks.size(); i++) {
            if (!isMoving(tracks, i) || tracks.lidarHits(i) == 0) {
                continue;
            }
            // the box's longer side across (a cluster seen from one end has its long side across the motion); along
            // the motion also the body beyond the visible end and the trail of cells it left, not yet cleared
            double half = Math.max(tracks.lengthMeters(i), tracks.widthMeters(i)) / 2 + m;
            // across the motion no road user is wider than a truck: a long merged cluster (parked cars in the next
            // lane) must not claim the ego's lane as its own
            double halfAcross = Math.min(Math.max(tracks.lengthMeters(i), tracks.widthMeters(i)),
                    MAX_ACROSS_METERS) / 2 + m;
            double speed = tracks.speedMetersPerSec(i);
            double c = tracks.vxMetersPerSec(i) / speed, s = tracks.vyMetersPerSec(i) / speed;
            double dx = x - tracks.xMeters(i), dy = y - tracks.yMeters(i);
            double along = c * dx + s * dy, across = -s * dx + c * dy;
            double ahead = tracks.objectClass(i) == ObjectClass.PEDESTRIAN ? half : half + UNSEEN_BODY_METERS;
            if (Math.abs(across) <= halfAcross && along <= ahead && along >= -half - speed * TRAIL_SECONDS) {
                return true;
            }
        }
        return false;
    }

    /** Whether any track is a moving one whose cells {@link #belongsToMovingTrack} would claim. */
    public boolean anyMoving(TrackSnapshot tracks) {
        if (tracks == null) {
            return false;
        }
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.lidarHits(i) > 0 && isMoving(tracks, i)) {
                return true;
            }
        }
        return false;
    }

    /** Arc length along, and lateral offset from, the arc of {@code curvature} through base_link's origin. */
    static void toPath(double x, double y, double curvature, double[] out) {
        double k = curvature;
        if (Math.abs(k) < 1e-6) {
            out[0] = x;
            out[1] = y;
            return;
        }
        double r = 1 / k;
        double sign = Math.signum(k);
        double phi = Math.atan2(x, sign * (r - y));
        out[0] = phi / Math.abs(k);
        out[1] = sign * (Math.abs(r) - Math.hypot(x, y - r));
    }

    /** The modality mask of a track's decision. */
    static int modalities(TrackSnapshot tracks, int i) {
        int m = tracks.modalityMask(i);
        if (tracks.lidarHits(i) > 0) {
            m |= Modality.LIDAR.bit();
        }
        return m;
    }

    static ObjectClass classOf(TrackSnapshot tracks, int i) {
        return tracks.objectClass(i);
    }
}
