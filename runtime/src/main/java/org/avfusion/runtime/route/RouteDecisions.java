package org.avfusion.runtime.route;

import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionReason;

/**
 * Combines the obstacle decision with the route's: a vehicle that cannot follow a route (NO_ROUTE, OFF_MAP) STOPs
 * with reason {@link DecisionReason#NO_ROUTE}; the update that rerouted says REROUTE ({@link
 * DecisionReason#ROUTE_BLOCKED}; the old and new distances are in the {@link RouteStatus}); otherwise the obstacle
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
            return new RoutedDecision(new Decision(DecisionKind.STOP, route.mustStop() ? DecisionReason.NO_ROUTE
                    : DecisionReason.PATH_CLEAR, d.referenceStampNanos(), d.obstacleDistanceMeters(),
                    d.stoppingDistanceMeters(), d.speedMetersPerSecond(), 0, d.curvaturePerMeter()), route);
        }
        if (route.state() == RouteState.REROUTED) {
            return new RoutedDecision(new Decision(DecisionKind.REROUTE, DecisionReason.ROUTE_BLOCKED,
                    d.referenceStampNanos(), d.obstacleDistanceMeters(), d.stoppingDistanceMeters(),
                    d.speedMetersPerSecond(), 0, d.curvaturePerMeter()), route);
        }
        return new RoutedDecision(d, route);
    }

    /** Whether a decision means the corridor is blocked by an obstacle (what {@link RouteManager} times). */
    public static boolean blocked(Decision d) {
        return d.reason() == DecisionReason.OBSTACLE_IN_PATH || d.reason() == DecisionReason.HOLDING_AFTER_OBSTACLE
                || (d.kind() == DecisionKind.SLOW && d.reason() == DecisionReason.OBSTACLE_AHEAD
                        && d.speedMetersPerSecond() < 0.5);
    }
}
