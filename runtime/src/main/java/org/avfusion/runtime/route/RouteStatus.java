package org.avfusion.runtime.route;

import java.util.Objects;
import org.avfusion.drivers.map.Route;

/**
 * The route side of one decision.
 *
 * @param state                   where the vehicle stands with its route
 * @param route                   the route followed, null when there is none
 * @param routeChanged            true when {@code route} differs from the one returned by the previous update (publish
 *                                it again)
 * @param distanceRemainingMeters along the route from the vehicle's projection onto it to the destination, metres;
 *                                NaN without a route
 * @param previousDistanceMeters  for REROUTED: the old route's remaining distance, metres; else NaN
 * @param newDistanceMeters       for REROUTED: the new route's length, metres; else NaN
 * @param message                 for NO_ROUTE and OFF_MAP the reason (coordinate, distance); else {@code ""}
 */
public record RouteStatus(RouteState state, Route route, boolean routeChanged, double distanceRemainingMeters,
        double previousDistanceMeters, double newDistanceMeters, String message) {

    public RouteStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        if (route == null && (state == RouteState.FOLLOWING || state == RouteState.REROUTED)) {
            throw new IllegalArgumentException(state + " needs a route");
        }
    }

    /** Whether the vehicle must STOP because it cannot follow a route. */
    public boolean mustStop() {
        return state == RouteState.NO_ROUTE || state == RouteState.OFF_MAP;
    }
}
