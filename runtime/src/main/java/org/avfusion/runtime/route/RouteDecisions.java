package org.avfusion.runtime.route;

import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionReason;

/**
 * Combines the obstacle decision with the route's: a vehicle that cannot follow a route (NO_ROUTE, OFF_MAP) STOPs
 * with reason {@link DecisionReason#NO_ROUTE}; the update that rerouted says REROUTE ({@link
 * DecisionReason#ROUTE_BLOCKED}; the old and new distances are in the {@link RouteStatus}); a PROCEED near the
 * destination becomes SLOW {@link DecisionReason#APPROACHING_DESTINATION} (the speed from which the vehicle stops
 * there at {@value #APPROACH_DECEL_METERS_PER_SEC2} m/s^2 after {@value #APPROACH_REACTION_SECONDS} s), and ARRIVED
 * STOPs with {@link DecisionReason#DESTINATION_REACHED}, braking to stop within the distance left (NO_ROUTE within the
 * stopping distance); otherwise the obstacle
 * decision stands (PROCEED/SLOW/STOP on the route's corridor). A fail-safe STOP of the obstacle decision (lidar
 * missing, ...) always wins. Stateless.
 */
public final class RouteDecisions {

    private RouteDecisions() {
    }

    /** One decision with its route side, as published. */
    public record RoutedDecision(Decision decision, RouteStatus route) {
    }

    public static RoutedDecision combine(Decision d, RouteStatus route) {
        boolean failSafe = d.kind() == DecisionKind.STOP && d.reason() != DecisionReason.OBSTACLE_IN_PATH
                && d.reason() != DecisionReason.HOLDING_AFTER_OBSTACLE;
        if (failSafe || route == null) {
            return new RoutedDecision(d, route);
        }
        if (route.mustStop() || route.state() == RouteState.ARRIVED) {
            // ARRIVED: brake to stop within the distance left; NO_ROUTE / OFF_MAP: within the comfortable stopping
            // distance the obstacle decision computed
            double v = d.speedMetersPerSecond();
            double room = route.mustStop() ? d.stoppingDistanceMeters()
                    : route.distanceRemainingMeters() - v * APPROACH_REACTION_SECONDS;
            double decel = Double.isFinite(v) && Double.isFinite(room)
                    ? Math.max(APPROACH_DECEL_METERS_PER_SEC2, v * v / (2 * Math.max(1.0, room))) : 0.0;
            return new RoutedDecision(new Decision(DecisionKind.STOP, route.mustStop() ? DecisionReason.NO_ROUTE
                    : DecisionReason.DESTINATION_REACHED, d.referenceStampNanos(), d.obstacleDistanceMeters(),
                    d.stoppingDistanceMeters(), d.speedMetersPerSecond(), 0, d.curvaturePerMeter())
                    .withDeceleration(Math.max(d.decelerationMetersPerSec2(), decel)), route);
        }
        if (route.state() == RouteState.REROUTED) {
            return new RoutedDecision(new Decision(DecisionKind.REROUTE, DecisionReason.ROUTE_BLOCKED,
                    d.referenceStampNanos(), d.obstacleDistanceMeters(), d.stoppingDistanceMeters(),
                    d.speedMetersPerSecond(), 0, d.curvaturePerMeter()), route);
        }
        if (route.state() == RouteState.FOLLOWING && d.kind() == DecisionKind.PROCEED) {
            double v = d.speedMetersPerSecond();
            double room = route.distanceRemainingMeters() - v * APPROACH_REACTION_SECONDS;
            if (Double.isFinite(v) && v > 0 && Double.isFinite(room)
                    && v * v > 2 * APPROACH_DECEL_METERS_PER_SEC2 * Math.max(0, room)) {
                double target = Math.sqrt(2 * APPROACH_DECEL_METERS_PER_SEC2 * Math.max(0, room));
                return new RoutedDecision(new Decision(DecisionKind.SLOW, DecisionReason.APPROACHING_DESTINATION,
                        d.referenceStampNanos(), d.obstacleDistanceMeters(), d.stoppingDistanceMeters(), v, target,
                        d.curvaturePerMeter()).withDeceleration(Math.max(APPROACH_DECEL_METERS_PER_SEC2,
                        v * v / (2 * Math.max(1.0, room)))), route);
            }
        }
        return new RoutedDecision(d, route);
    }

    /** Braking toward the destination starts where stopping there needs this deceleration, m/s^2. */
    static final double APPROACH_DECEL_METERS_PER_SEC2 = 2.0;
    /** Reaction allowed for before the braking toward the destination, s. */
    static final double APPROACH_REACTION_SECONDS = 0.5;

    /** Whether a decision means the corridor is blocked by an obstacle (what {@link RouteManager} times). */
    public static boolean blocked(Decision d) {
        return d.reason() == DecisionReason.OBSTACLE_IN_PATH || d.reason() == DecisionReason.HOLDING_AFTER_OBSTACLE
                || (d.kind() == DecisionKind.SLOW && d.reason() == DecisionReason.OBSTACLE_AHEAD
                        && d.speedMetersPerSecond() < 0.5);
    }
}
