package org.avfusion.runtime.plan;

import java.util.Objects;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.fusion.ObjectClass;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.track.TrackSnapshot;

/**
 * Turns the state of the world at one reference stamp into a {@link Decision}.
 *
 * <p>Rules, in order:
 * <ol>
 * <li>lidar sweep missing (or the lidar silent): STOP, {@link DecisionReason#LIDAR_MISSING}; except that for
 *     {@code traffic.lidarDropoutMaxMillis} after the last sweep, while the camera is there (and no critical sensor
 *     is silent and the ego motion is fresh), the tracks the camera keeps decide ({@link #lidarDropoutDecision}):
 *     SLOW {@link DecisionReason#LIDAR_MISSING_CAMERA_DEPTH} at a reduced speed with a larger gap, or a track's
 *     STOP;</li>
 * <li>a critical sensor silent: STOP, {@link DecisionReason#CRITICAL_SENSOR_SILENT};</li>
 * <li>with the ego-motion filter: its degraded-mode check ({@link EgoDegradedMode}: UNKNOWN, or dead-reckoned too
 *     long): STOP with its reason;</li>
 * <li>no speed/yaw rate younger than {@code egoMotionMaxAgeMillis}: STOP, {@link DecisionReason#EGO_MOTION_STALE}
 *     (a short GNSS/IMU gap is bridged by holding the last values);</li>
 * <li>an obstacle in the corridor within the stopping distance {@code v^2/2a + v*t_react + standoff}: STOP;</li>
 * <li>within the slow-down distance: SLOW, to the speed whose slow-down distance is the obstacle's distance
 *     (below the current speed, lower the nearer the obstacle);</li>
 * <li>clear: PROCEED, except that a STOP for an obstacle holds until the corridor has been clear for
 *     {@code releaseMillis} (no flicker on a pedestrian at the corridor's edge).</li>
 * </ol>
 *
 * <p>Rules 4-6 read the static layer: occupied cells, except those on a tracked moving object (the dynamic layer,
 * {@link TrafficPolicy#belongsToMovingTrack}). The tracks themselves go through {@link TrafficPolicy} (following,
 * objects entering the corridor, camera-only objects), then through hysteresis: a track-based SLOW or STOP is issued
 * once it has held for {@code traffic.onMillis} (an emergency STOP at once) and released once its cause has been
 * gone for {@code traffic.offMillis}. The decision is the more restrictive of the grid's and the tracks'.
 *
 * <p>Stateful (the hold and the last ego motion); not thread-safe: one stage thread calls it.
 */
public final class DecisionPolicy {
    private final DecisionConfig config;
    private final TrafficConfig traffic;
    private final CorridorChecker corridor;
    private final TrafficPolicy trafficPolicy;
    private TrackSnapshot currentTracks;
    private final CorridorChecker.CellFilter dynamicLayer = this::onMovingTrack;
    // hysteresis of the track-based decision
    private DecisionKind heldKind = DecisionKind.PROCEED;
    private DecisionReason heldReason = DecisionReason.PATH_CLEAR;
    private long heldTrackId;
    private ObjectClass heldClass;
    private int heldModalities;
    private double heldDistance = Double.NaN;
    private double heldTarget = Double.POSITIVE_INFINITY;
    private double heldDecel;
    private long lastCauseStamp = Long.MIN_VALUE;
    private long pendingSince = Long.MIN_VALUE;
    private double lastSpeed = Double.NaN;
    private double lastYawRate = Double.NaN;
    private long lastEgoMotionStamp = Long.MIN_VALUE;
    private long lastObstacleStopStamp = Long.MIN_VALUE;
    private final boolean egoMotionSourced;
    /** SEAM (map issue #12): the route's corridor when a route is followed, else null (the yaw-rate arc). */
    private CorridorPath routePath;

    private final EgoDegradedMode egoMode;
    // lidar dropout (rule 1's exception)
    private final TrafficPolicy dropoutPolicy;
    private long lastLidarStamp = Long.MIN_VALUE;
    private double speedAtLastLidar = Double.NaN;

    public DecisionPolicy(DecisionConfig config) {
        this(config, TrafficConfig.DEFAULTS, true, null);
    }

    /**
     * @param egoMotionSourced false when no sensor can give speed and yaw rate (no GNSS, IMU): the STOP for missing
     *                         ego motion then says {@link DecisionReason#EGO_MOTION_UNKNOWN} instead of STALE
     */
    public DecisionPolicy(DecisionConfig config, boolean egoMotionSourced) {
        this(config, TrafficConfig.DEFAULTS, egoMotionSourced, null);
    }

    /** @param egoMode the degraded-mode check applied when a set carries a filter estimate (null: none) */
    public DecisionPolicy(DecisionConfig config, EgoDegradedMode egoMode) {
        this(config, TrafficConfig.DEFAULTS, true, egoMode);
    }

    /**
     * @param egoMotionSourced as above (fallback path)
     * @param egoMode          the degraded-mode check applied when a set carries a filter estimate (null: none)
     */
    public DecisionPolicy(DecisionConfig config, boolean egoMotionSourced, EgoDegradedMode egoMode) {
        this(config, TrafficConfig.DEFAULTS, egoMotionSourced, egoMode);
    }

    public DecisionPolicy(DecisionConfig config, TrafficConfig traffic) {
        this(config, traffic, true, null);
    }

    /**
     * @param traffic          the track-based rules (following, entering the path, hysteresis)
     * @param egoMotionSourced as above (fallback path)
     * @param egoMode          the degraded-mode check applied when a set carries a filter estimate (null: none)
     */
    public DecisionPolicy(DecisionConfig config, TrafficConfig traffic, boolean egoMotionSourced,
            EgoDegradedMode egoMode) {
        this.config = Objects.requireNonNull(config, "config");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.corridor = new CorridorChecker(config);
        this.trafficPolicy = new TrafficPolicy(config, traffic);
        this.dropoutPolicy = new TrafficPolicy(config, traffic.forLidarDropout());
        this.egoMotionSourced = egoMotionSourced;
        this.egoMode = egoMode;
    }

    // ---- ego-motion degraded mode (issue #10): a filter estimate adds its quality and may force a STOP ----------

    /**
     * As {@link #decide(long, boolean, boolean, double, double, OccupancyGrid)} with the ego-motion filter's
     * estimate ({@code speed} and {@code yawRate} are the estimate's, NaN when it is UNKNOWN): the degraded-mode check
     * comes after the lidar and critical-sensor rules, and the decision carries the estimate's quality.
     *
     * @param ego the estimate, or null when the filter is disabled (then exactly the other method)
     */
    public Decision decide(long stampNanos, boolean lidarPresent, boolean criticalSilent, double speed,
            double yawRate, EgoEstimate ego, OccupancyGrid grid) {
        return decide(stampNanos, lidarPresent, criticalSilent, speed, yawRate, ego, grid, null, Modality.LIDAR.bit());
    }

    /** As above, with the set's tracks and the modalities it offered (see the tracks overload below). */
    public Decision decide(long stampNanos, boolean lidarPresent, boolean criticalSilent, double speed,
            double yawRate, EgoEstimate ego, OccupancyGrid grid, TrackSnapshot tracks, int inputMask) {
        if (ego == null) {
            return decide(stampNanos, lidarPresent, criticalSilent, speed, yawRate, grid, tracks, inputMask);
        }
        DecisionReason egoStop = egoMode == null ? null : egoMode.check(ego);
        Decision d = decide(stampNanos, lidarPresent, criticalSilent, speed, yawRate, grid, tracks, inputMask);
        if (egoStop != null && d.reason() != DecisionReason.LIDAR_MISSING
                && d.reason() != DecisionReason.CRITICAL_SENSOR_SILENT) {
            d = stop(egoStop, stampNanos, d.obstacleDistanceMeters(), d.stoppingDistanceMeters(),
                    d.speedMetersPerSecond(), d.curvaturePerMeter()).withModalities(inputMask);
        }
        return d.withEgoQuality(ego.quality());
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * SEAM (map issue #12): the corridor of the route being followed, set before each {@link #decide} from the same
     * thread; null returns to the arc from speed and yaw rate.
     */
    public void useCorridorPath(CorridorPath path) {
        this.routePath = path;
    }

    /**
     * @param stampNanos      reference stamp of the set (vehicle time)
     * @param lidarPresent    the set carries a fresh sweep that the grid was just updated with
     * @param criticalSilent  a sensor configured as critical is silent
     * @param speed           ego speed from the set, NaN when missing
     * @param yawRate         ego yaw rate from the set, NaN when missing
     * @param grid            occupancy grid as of this set (ignored when {@code lidarPresent} is false)
     */
    public Decision decide(long stampNanos, boolean lidarPresent, boolean criticalSilent, double speed,
            double yawRate, OccupancyGrid grid) {
        return decide(stampNanos, lidarPresent, criticalSilent, speed, yawRate, grid, null, Modality.LIDAR.bit());
    }

    /**
     * As {@link #decide(long, boolean, boolean, double, double, OccupancyGrid)} with the set's tracks.
     *
     * @param tracks     confirmed tracks (base_link) as of this set, or null when tracking did not run
     * @param inputMask  the modalities the set offered ({@link Modality#bit()} mask): what a PROCEED or fail-safe
     *                   STOP says contributed
     */
    public Decision decide(long stampNanos, boolean lidarPresent, boolean criticalSilent, double speed,
            double yawRate, OccupancyGrid grid, TrackSnapshot tracks, int inputMask) {
        Decision d = decideGridAndTracks(stampNanos, lidarPresent, criticalSilent, speed, yawRate, grid, tracks,
                inputMask);
        currentTracks = null;
        return d;
    }

    private Decision decideGridAndTracks(long stampNanos, boolean lidarPresent, boolean criticalSilent, double speed,
            double yawRate, OccupancyGrid grid, TrackSnapshot tracks, int inputMask) {
        if (!Double.isNaN(speed) && !Double.isNaN(yawRate)) {
            lastSpeed = speed;
            lastYawRate = yawRate;
            lastEgoMotionStamp = stampNanos;
        }
        boolean egoFresh = lastEgoMotionStamp != Long.MIN_VALUE
                && (stampNanos - lastEgoMotionStamp) <= config.egoMotionMaxAgeMillis() * 1e6;
        double v = egoFresh ? lastSpeed : Double.NaN;
        double curvature = egoFresh ? curvature(lastSpeed, lastYawRate) : 0.0;
        double stopping = config.stoppingDistanceMeters(egoFresh ? v : 0);
        if (lidarPresent) {
            lastLidarStamp = stampNanos;
            speedAtLastLidar = v;
        } else {
            Decision degraded = lidarDropoutDecision(stampNanos, criticalSilent, egoFresh, v, stopping, curvature,
                    tracks, inputMask);
            return degraded != null ? degraded : stop(DecisionReason.LIDAR_MISSING, stampNanos, Double.NaN, stopping,
                    v, curvature).withModalities(inputMask);
        }
        if (criticalSilent) {
            return stop(DecisionReason.CRITICAL_SENSOR_SILENT, stampNanos, Double.NaN, stopping, v, curvature)
                    .withModalities(inputMask);
        }
        if (!egoFresh) {
            return stop(egoMotionSourced ? DecisionReason.EGO_MOTION_STALE : DecisionReason.EGO_MOTION_UNKNOWN,
                    stampNanos, Double.NaN, stopping, v, curvature)
                    .withModalities(inputMask);
        }
        currentTracks = tracks;
        Decision fromTracks = trafficDecision(stampNanos, tracks, v, stopping, curvature);
        Decision fromGrid = gridDecision(stampNanos, grid, v, stopping, curvature,
                trafficPolicy.anyMoving(tracks) ? dynamicLayer : null, inputMask);
        return moreRestrictive(fromGrid, fromTracks);
    }

    private Decision gridDecision(long stampNanos, OccupancyGrid grid, double v, double stopping, double curvature,
            CorridorChecker.CellFilter filter, int inputMask) {
        double distance = routePath != null ? corridor.nearestObstacleMeters(grid, routePath, filter)
                : corridor.nearestObstacleMeters(grid, curvature, filter);
        if (!Double.isNaN(distance) && distance <= stopping) {
            lastObstacleStopStamp = stampNanos;
            return stop(DecisionReason.OBSTACLE_IN_PATH, stampNanos, distance, stopping, v, curvature)
                    .withDeceleration(stopDecel(v, distance));
        }
        if (lastObstacleStopStamp != Long.MIN_VALUE
                && stampNanos - lastObstacleStopStamp < config.releaseMillis() * 1e6) {
            return stop(DecisionReason.HOLDING_AFTER_OBSTACLE, stampNanos, distance, stopping, v, curvature)
                    .withDeceleration(config.comfortDecelMetersPerSec2());
        }
        if (!Double.isNaN(distance) && distance <= config.slowDistanceMeters(v)) {
            double target = Math.min(v, slowTargetSpeed(distance));
            return new Decision(DecisionKind.SLOW, DecisionReason.OBSTACLE_AHEAD, stampNanos, distance, stopping, v,
                    target, curvature).withDeceleration(config.comfortDecelMetersPerSec2());
        }
        return new Decision(DecisionKind.PROCEED, DecisionReason.PATH_CLEAR, stampNanos, distance, stopping, v, v,
                curvature).withModalities(inputMask);
    }

    /**
     * Rule 1's exception: the decision through a lidar dropout, or null for the fail-safe STOP. Only while the camera
     * is in the set, no critical sensor is silent, the ego motion is fresh and the last sweep is at most
     * {@code traffic.lidarDropoutMaxMillis} old. The grid is not read: nothing updates it, and the cells a moving
     * object left would stand in the corridor as phantom obstacles. The tracks are assessed with the time gap grown
     * by {@code lidarDropoutTimeGapFactor}, without hysteresis: a track's STOP (the lead too close) is issued with its
     * reason; anything else becomes SLOW {@link DecisionReason#LIDAR_MISSING_CAMERA_DEPTH} to the lower of the
     * tracks' target and {@code lidarDropoutSpeedFactor} times the speed at the last sweep, naming the track that set
     * it. Its modalities are the camera's and the track's depth source (never lidar: none came with this set).
     */
    private Decision lidarDropoutDecision(long stamp, boolean criticalSilent, boolean egoFresh, double v,
            double stopping, double curvature, TrackSnapshot tracks, int inputMask) {
        int camera = inputMask & Modality.CAMERA.bit();
        if (camera == 0 || criticalSilent || !egoFresh || lastLidarStamp == Long.MIN_VALUE
                || stamp - lastLidarStamp > traffic.lidarDropoutMaxMillis() * 1e6
                || traffic.lidarDropoutMaxMillis() == 0) {
            return null;
        }
        TrafficPolicy.Assessment a = dropoutPolicy.assess(tracks, v, curvature);
        long id = 0;
        ObjectClass cls = null;
        int mask = camera;
        if (a.track() >= 0) {
            id = tracks.id(a.track());
            cls = tracks.objectClass(a.track());
            mask |= tracks.modalityMask(a.track()) & ~Modality.LIDAR.bit();
        }
        if (a.kind() == DecisionKind.STOP) {
            return new Decision(DecisionKind.STOP, a.reason(), stamp, a.distanceMeters(), stopping, v, 0.0, curvature,
                    id, cls, mask, a.decelerationMetersPerSec2());
        }
        double cap = traffic.lidarDropoutSpeedFactor() * (Double.isNaN(speedAtLastLidar) ? v : speedAtLastLidar);
        double target = a.kind() == DecisionKind.SLOW ? Math.min(a.targetSpeedMetersPerSec(), cap) : cap;
        return new Decision(DecisionKind.SLOW, DecisionReason.LIDAR_MISSING_CAMERA_DEPTH, stamp, a.distanceMeters(),
                stopping, v, Math.max(0, target), curvature, id, cls, mask,
                Math.max(a.decelerationMetersPerSec2(), config.comfortDecelMetersPerSec2()));
    }

    /** The tracks' decision after hysteresis; null when the tracks ask for nothing. */
    private Decision trafficDecision(long stamp, TrackSnapshot tracks, double v, double stopping, double curvature) {
        TrafficPolicy.Assessment a = trafficPolicy.assess(tracks, v, curvature);
        DecisionKind raw = a.kind();
        if (raw.ordinal() > heldKind.ordinal()) {
            if (pendingSince == Long.MIN_VALUE) {
                pendingSince = stamp;
            }
            if (a.emergency() || stamp - pendingSince >= traffic.onMillis() * 1e6) {
                adopt(a, tracks, stamp);
            }
        } else if (raw == heldKind) {
            adopt(a, tracks, stamp);
        } else {
            pendingSince = Long.MIN_VALUE;
            if (lastCauseStamp == Long.MIN_VALUE || stamp - lastCauseStamp >= traffic.offMillis() * 1e6) {
                adopt(a, tracks, stamp);
            }
        }
        if (heldKind == DecisionKind.PROCEED && heldTrackId == 0) {
            return null;
        }
        double target = heldKind == DecisionKind.STOP ? 0.0 : Math.min(heldTarget, heldKind == DecisionKind.SLOW
                ? v : Double.POSITIVE_INFINITY);
        if (heldKind == DecisionKind.PROCEED) {
            target = v;
        }
        return new Decision(heldKind, heldReason, stamp, heldDistance, stopping, v, target, curvature, heldTrackId,
                heldClass, heldModalities, heldDecel);
    }

    private void adopt(TrafficPolicy.Assessment a, TrackSnapshot tracks, long stamp) {
        heldKind = a.kind();
        heldReason = a.reason();
        heldDistance = a.distanceMeters();
        heldTarget = a.targetSpeedMetersPerSec();
        heldDecel = a.decelerationMetersPerSec2();
        if (a.track() >= 0) {
            heldTrackId = tracks.id(a.track());
            heldClass = tracks.objectClass(a.track());
            heldModalities = TrafficPolicy.modalities(tracks, a.track());
        } else {
            heldTrackId = 0;
            heldClass = null;
            heldModalities = 0;
        }
        lastCauseStamp = stamp;
        pendingSince = Long.MIN_VALUE;
    }

    /** STOP over SLOW over PROCEED; of two SLOWs the lower target; of two STOPs the nearer; the grid on a tie. */
    private static Decision moreRestrictive(Decision grid, Decision tracks) {
        if (tracks == null) {
            return grid;
        }
        int g = grid.kind().ordinal(), t = tracks.kind().ordinal();
        if (t > g) {
            return tracks;
        }
        if (t < g) {
            return grid;
        }
        return switch (grid.kind()) {
            case SLOW -> tracks.targetSpeedMetersPerSecond() < grid.targetSpeedMetersPerSecond() ? tracks : grid;
            case STOP -> grid.reason() == DecisionReason.HOLDING_AFTER_OBSTACLE
                    || !Double.isNaN(tracks.obstacleDistanceMeters()) && (Double.isNaN(grid.obstacleDistanceMeters())
                    || tracks.obstacleDistanceMeters() < grid.obstacleDistanceMeters()) ? tracks : grid;
            case PROCEED -> tracks; // PROCEED behind a lead: name it
            default -> grid;
        };
    }

    private boolean onMovingTrack(double x, double y) {
        return trafficPolicy.belongsToMovingTrack(currentTracks, x, y);
    }

    private double stopDecel(double v, double distance) {
        double room = Math.max(distance - traffic.stopGapMeters() - v * config.reactionTimeMillis() / 1000.0, 0.5);
        return Math.max(config.comfortDecelMetersPerSec2(), v * v / (2 * room));
    }

    /**
     * The speed whose slow-down distance equals {@code distance}: solves
     * {@code v^2/2a + v*(t_react + headway) + 2*standoff = distance} for {@code v >= 0}. Once the ego has slowed to
     * it, the obstacle is no nearer than the slow-down distance, so SLOW hands over to PROCEED without a jump.
     */
    private double slowTargetSpeed(double distance) {
        double a = config.comfortDecelMetersPerSec2();
        double t = config.reactionTimeMillis() / 1000.0 + config.slowHeadwaySeconds();
        double room = distance - 2 * config.standoffMeters();
        if (room <= 0) {
            return 0.0;
        }
        return a * (Math.sqrt(t * t + 2 * room / a) - t);
    }

    /** Below this speed the yaw rate is gyro noise, not a turn: the corridor runs straight ahead. */
    static final double STANDSTILL_METERS_PER_SECOND = 0.5;

    private double curvature(double speed, double yawRate) {
        if (speed < STANDSTILL_METERS_PER_SECOND) {
            return 0.0;
        }
        double k = yawRate / Math.max(speed, 1.0);
        return Math.max(-config.maxCurvaturePerMeter(), Math.min(config.maxCurvaturePerMeter(), k));
    }

    private static Decision stop(DecisionReason reason, long stamp, double distance, double stopping, double v,
            double curvature) {
        return new Decision(DecisionKind.STOP, reason, stamp, distance, stopping, v, 0.0, curvature);
    }
}
