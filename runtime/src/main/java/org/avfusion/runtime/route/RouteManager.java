package org.avfusion.runtime.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.NoRouteException;
import org.avfusion.drivers.map.OffMapException;
import org.avfusion.drivers.map.OffRoad;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.drivers.map.Route;

/**
 * Keeps the destination and the car route to it, measures progress, and reroutes around a blocked street.
 *
 * <ul>
 *   <li>A destination comes from the profile or a command ({@link #setDestination}); the route is planned from the
 *       vehicle's position at the next {@link #update}, with {@link RoadNetwork#route} (GraphHopper's car model:
 *       one-way streets, turn restrictions, access).</li>
 *   <li>Every update projects the vehicle onto the route's line and reports the distance remaining; farther than
 *       {@link RouteConfig#maxOffRouteMeters()} from the line, the route is planned again from where it is.</li>
 *   <li><b>REROUTE</b>: when the caller reports the corridor blocked (an obstacle that stops or slows the vehicle and
 *       does not go away) continuously for {@link RouteConfig#rerouteAfterBlockedMillis()}, roads passing within
 *       {@link RouteConfig#avoidRadiusMeters()} of the obstacle are excluded for the rest of the drive (GraphHopper
 *       custom model, priority 0) and a new route is planned; the update says REROUTED with the old and new
 *       distances, later ones FOLLOWING on the new route.</li>
 *   <li>No route (destination off the map or on a road a car may not use, unreachable, every way blocked): NO_ROUTE
 *       with the reason; the vehicle off the map: OFF_MAP. Both mean STOP ({@link RouteStatus#mustStop()}); each is
 *       counted ({@link #stats()}) and retried at the next update only when something changed (new destination, new
 *       position farther than the arrival radius).</li>
 * </ul>
 *
 * <p>Not thread-safe: the decision thread owns it. The {@link RoadNetwork} is shared read-only. Vehicle time in
 * nanoseconds.
 */
public final class RouteManager {

    /**
     * Counts so far.
     *
     * @param routesPlanned  routes computed (first plans, replans, reroutes)
     * @param reroutes       reroutes around a blocked street
     * @param noRoute        updates that found no route (counted once per failed plan)
     * @param offMap         plans refused because the vehicle was off the map
     * @param lastError      the last NO_ROUTE / OFF_MAP message, {@code ""} when none
     */
    public record Stats(long routesPlanned, long reroutes, long noRoute, long offMap, String lastError) {
    }

    private final RoadNetwork network;
    private final RouteConfig config;
    private final List<GeoPoint> avoid = new ArrayList<>();
    private GeoPoint destination;
    private Route route;
    private boolean needsPlan;
    private RouteStatus failed;
    private long blockedSinceNanos = Long.MIN_VALUE;
    private long routesPlanned;
    private long reroutes;
    private long noRoute;
    private long offMap;
    private String lastError = "";

    public RouteManager(RoadNetwork network, RouteConfig config) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Sets (or replaces) the destination; the route is planned at the next update. Clears excluded streets. */
    public void setDestination(GeoPoint destination) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.avoid.clear();
        this.needsPlan = true;
        this.failed = null;
    }

    /** The destination, or null. */
    public GeoPoint destination() {
        return destination;
    }

    /**
     * One decision's route update.
     *
     * @param stampNanos      vehicle time of the decision
     * @param position        where the vehicle is (matched or fused position)
     * @param corridorBlocked whether the decision found the corridor blocked by an obstacle (STOP or SLOW for it)
     * @param blockedAt       where the blocking obstacle is (WGS-84), or null when unknown or not blocked
     */
    public RouteStatus update(long stampNanos, GeoPoint position, boolean corridorBlocked, GeoPoint blockedAt) {
        Objects.requireNonNull(position, "position");
        if (destination == null) {
            return new RouteStatus(RouteState.NO_DESTINATION, null, false, Double.NaN, Double.NaN, Double.NaN, "");
        }
        if (needsPlan) {
            needsPlan = false;
            return plan(position, false);
        }
        if (failed != null) {
            return failed;
        }
        double[] progress = RouteGeometry.progress(route.path(), position);
        double remaining = progress[0];
        if (progress[1] > config.maxOffRouteMeters()) {
            return plan(position, false);
        }
        if (remaining <= config.arrivalRadiusMeters()) {
            blockedSinceNanos = Long.MIN_VALUE;
            return new RouteStatus(RouteState.ARRIVED, route, false, remaining, Double.NaN, Double.NaN, "");
        }
        if (!corridorBlocked || blockedAt == null) {
            blockedSinceNanos = Long.MIN_VALUE;
        } else if (blockedSinceNanos == Long.MIN_VALUE) {
            blockedSinceNanos = stampNanos;
        } else if (stampNanos - blockedSinceNanos >= config.rerouteAfterBlockedMillis() * 1e6) {
            blockedSinceNanos = Long.MIN_VALUE;
            avoid.add(blockedAt);
            RouteStatus s = plan(position, true);
            if (s.state() == RouteState.FOLLOWING) {
                reroutes++;
                return new RouteStatus(RouteState.REROUTED, s.route(), true, s.distanceRemainingMeters(), remaining,
                        s.route().distanceMeters(), "");
            }
            return s;
        }
        return new RouteStatus(RouteState.FOLLOWING, route, false, remaining, Double.NaN, Double.NaN, "");
    }

    private RouteStatus plan(GeoPoint position, boolean reroute) {
        try {
            Route r = network.route(position, destination, avoid, config.avoidRadiusMeters());
            route = r;
            failed = null;
            routesPlanned++;
            return new RouteStatus(RouteState.FOLLOWING, r, true, r.distanceMeters(), Double.NaN, Double.NaN, "");
        } catch (OffMapException e) {
            route = null;
            boolean vehicleOff = e.pointIndex() == 0;
            String message = vehicleOff ? "vehicle " + e.offRoad().message()
                    : "destination " + e.offRoad().message() + " (off the map or on no road a car may use)";
            if (vehicleOff) {
                offMap++;
                // retried at the next update: the vehicle may come back onto the map
                needsPlan = true;
                return fail(RouteState.OFF_MAP, message, false);
            }
            noRoute++;
            return fail(RouteState.NO_ROUTE, message, true);
        } catch (NoRouteException e) {
            route = null;
            noRoute++;
            return fail(RouteState.NO_ROUTE, (reroute ? "after excluding " + avoid.size() + " blocked street(s): " : "")
                    + e.getMessage(), true);
        }
    }

    private RouteStatus fail(RouteState state, String message, boolean sticky) {
        lastError = message;
        RouteStatus s = new RouteStatus(state, null, true, Double.NaN, Double.NaN, Double.NaN, message);
        failed = sticky ? s : null;
        return s;
    }

    /** The route followed, or null. */
    public Route route() {
        return route;
    }

    /** Positions whose roads are excluded (blocked streets), in the order they were added. */
    public List<GeoPoint> avoided() {
        return List.copyOf(avoid);
    }

    public Stats stats() {
        return new Stats(routesPlanned, reroutes, noRoute, offMap, lastError);
    }

    /** For tests and logs: an off-road result as a message. */
    static String describe(OffRoad off) {
        return off.message();
    }
}
