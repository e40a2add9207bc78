package org.avfusion.runtime.route;

import static org.avfusion.calibration.yaml.Bounds.*;

/**
 * Settings of the {@link RouteManager} ({@code map.route} in a profile).
 *
 * @param rerouteAfterBlockedMillis the corridor must stay blocked (STOP or SLOW for an obstacle that does not move
 *                                  away) this long before the blocked street is excluded and a new route planned,
 *                                  [100, 600000] ms
 * @param avoidRadiusMeters         roads passing within this of the blocking obstacle are excluded, (0, 50] m
 * @param arrivalRadiusMeters       within this of the destination (along the route) the drive has ARRIVED, (0, 100] m
 * @param maxOffRouteMeters         farther than this from the route's line the route is planned again from where the
 *                                  vehicle is, (0, 500] m
 */
public record RouteConfig(double rerouteAfterBlockedMillis, double avoidRadiusMeters, double arrivalRadiusMeters,
        double maxOffRouteMeters) {

    public RouteConfig {
        requireInRange("map.route.rerouteAfterBlockedMillis", rerouteAfterBlockedMillis, 100, 600_000, "ms");
        requirePositive("map.route.avoidRadiusMeters", avoidRadiusMeters, 50, "m");
        requirePositive("map.route.arrivalRadiusMeters", arrivalRadiusMeters, 100, "m");
        requirePositive("map.route.maxOffRouteMeters", maxOffRouteMeters, 500, "m");
    }
}
