package org.avfusion.runtime.plan;

import java.util.Objects;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.occupancy.OccupancyGrid;

/**
 * Turns the state of the world at one reference stamp into a {@link Decision}.
 *
 * <p>Rules, in order:
 * <ol>
 * <li>lidar sweep missing (or the lidar silent): STOP, {@link DecisionReason#LIDAR_MISSING};</li>
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
 * <p>Stateful (the hold and the last ego motion); not thread-safe: one stage thread calls it.
 */
public final class DecisionPolicy {
    private final DecisionConfig config;
    private final CorridorChecker corridor;
    private double lastSpeed = Double.NaN;
    private double lastYawRate = Double.NaN;
    private long lastEgoMotionStamp = Long.MIN_VALUE;
    private long lastObstacleStopStamp = Long.MIN_VALUE;
    private final boolean egoMotionSourced;
    /** SEAM (map issue #12): the route's corridor when a route is followed, else null (the yaw-rate arc). */
    private CorridorPath routePath;

    private final EgoDegradedMode egoMode;

    public DecisionPolicy(DecisionConfig config) {
        this(config, true, null);
    }

    /**
     * @param egoMotionSourced false when no sensor can give speed and yaw rate (no GNSS, IMU): the STOP for missing
     *                         ego motion then says {@link DecisionReason#EGO_MOTION_UNKNOWN} instead of STALE
     */
    public DecisionPolicy(DecisionConfig config, boolean egoMotionSourced) {
        this(config, egoMotionSourced, null);
    }

    /** @param egoMode the degraded-mode check applied when a set carries a filter estimate (null: none) */
    public DecisionPolicy(DecisionConfig config, EgoDegradedMode egoMode) {
        this(config, true, egoMode);
    }

    /**
     * @param egoMotionSourced as above (fallback path)
     * @param egoMode          the degraded-mode check applied when a set carries a filter estimate (null: none)
     */
    public DecisionPolicy(DecisionConfig config, boolean egoMotionSourced, EgoDegradedMode egoMode) {
        this.config = Objects.requireNonNull(config, "config");
        this.corridor = new CorridorChecker(config);
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
        if (ego == null) {
            return decide(stampNanos, lidarPresent, criticalSilent, speed, yawRate, grid);
        }
        DecisionReason egoStop = egoMode == null ? null : egoMode.check(ego);
        Decision d = decide(stampNanos, lidarPresent, criticalSilent, speed, yawRate, grid);
        if (egoStop != null && d.reason() != DecisionReason.LIDAR_MISSING
                && d.reason() != DecisionReason.CRITICAL_SENSOR_SILENT) {
            d = stop(egoStop, stampNanos, d.obstacleDistanceMeters(), d.stoppingDistanceMeters(),
                    d.speedMetersPerSecond(), d.curvaturePerMeter());
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
        if (!lidarPresent) {
            return stop(DecisionReason.LIDAR_MISSING, stampNanos, Double.NaN, stopping, v, curvature);
        }
        if (criticalSilent) {
            return stop(DecisionReason.CRITICAL_SENSOR_SILENT, stampNanos, Double.NaN, stopping, v, curvature);
        }
        if (!egoFresh) {
            return stop(egoMotionSourced ? DecisionReason.EGO_MOTION_STALE : DecisionReason.EGO_MOTION_UNKNOWN,
                    stampNanos, Double.NaN, stopping, v, curvature);
        }
        double distance = routePath != null ? corridor.nearestObstacleMeters(grid, routePath)
                : corridor.nearestObstacleMeters(grid, curvature);
        if (!Double.isNaN(distance) && distance <= stopping) {
            lastObstacleStopStamp = stampNanos;
            return stop(DecisionReason.OBSTACLE_IN_PATH, stampNanos, distance, stopping, v, curvature);
        }
        if (lastObstacleStopStamp != Long.MIN_VALUE
                && stampNanos - lastObstacleStopStamp < config.releaseMillis() * 1e6) {
            return stop(DecisionReason.HOLDING_AFTER_OBSTACLE, stampNanos, distance, stopping, v, curvature);
        }
        if (!Double.isNaN(distance) && distance <= config.slowDistanceMeters(v)) {
            double target = Math.min(v, slowTargetSpeed(distance));
            return new Decision(DecisionKind.SLOW, DecisionReason.OBSTACLE_AHEAD, stampNanos, distance, stopping, v,
                    target, curvature);
        }
        return new Decision(DecisionKind.PROCEED, DecisionReason.PATH_CLEAR, stampNanos, distance, stopping, v, v,
                curvature);
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
