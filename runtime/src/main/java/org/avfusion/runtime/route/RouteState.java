package org.avfusion.runtime.route;

/** Where the vehicle stands with its route; carried with every decision. */
public enum RouteState {
    /** No destination set: the corridor is the arc from speed and yaw rate. */
    NO_DESTINATION,
    /** Following the route. */
    FOLLOWING,
    /** The corridor stayed blocked: this update planned a new route avoiding the blocked street. */
    REROUTED,
    /** Within the arrival radius of the destination. */
    ARRIVED,
    /** A destination is set but no route reaches it (off the map, a road cars may not use, unreachable): STOP. */
    NO_ROUTE,
    /** The vehicle is not on the map (no road within the snap distance): no route can start here: STOP. */
    OFF_MAP
}
