package org.avfusion.runtime.route;

import java.util.Objects;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.drivers.map.lanelet2.LaneletMap;
import org.avfusion.drivers.map.matching.HmmMapMatcher;
import org.avfusion.drivers.map.matching.MatchStatus;
import org.avfusion.drivers.map.matching.MatchedFix;
import org.avfusion.drivers.map.matching.MatcherStats;
import org.avfusion.runtime.plan.CorridorPath;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionConfig;

/**
 * The map in the loop for one decision thread, in two calls around the obstacle decision:
 *
 * <pre>
 *   CorridorPath path = follower.beforeDecision(stamp, fix, headingDeg);   // match, route, corridor
 *   policy.useCorridorPath(path);                                          // null: the yaw-rate arc
 *   Decision d = policy.decide(...);
 *   RoutedDecision out = follower.afterDecision(d);                        // REROUTE / NO_ROUTE / progress
 * </pre>
 *
 * {@code beforeDecision} matches the fix on the road network ({@link HmmMapMatcher}, lag 0), updates the route
 * ({@link RouteManager}) and builds the corridor: the Lanelet2 lanelet sequence where a lane-level map is given and
 * the vehicle is in a lanelet, else the route's buffered line, else null. {@code afterDecision} locates the blocking
 * obstacle (where the corridor's line is at the decision's obstacle distance), feeds it to the route manager's
 * blocked timer at the next update, and combines the two decisions ({@link RouteDecisions}).
 *
 * <p>Not thread-safe: the decision thread owns it.
 */
public final class RouteFollower {
    private final RouteManager routes;
    private final HmmMapMatcher matcher;
    private final LaneletMap lanelets;
    private final DecisionConfig decision;
    private GeoPoint position;
    private double headingDeg = Double.NaN;
    private MatchedFix lastMatch;
    private RouteStatus status;
    private CorridorPath corridor;
    private boolean blocked;
    private GeoPoint blockedAt;

    public RouteFollower(RoadNetwork network, MapProfileConfig config, LaneletMap lanelets, DecisionConfig decision) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(config, "config");
        this.decision = Objects.requireNonNull(decision, "decision");
        this.routes = new RouteManager(network, config.route());
        this.matcher = new HmmMapMatcher(network, config.matcher().toMatcherConfig());
        this.lanelets = lanelets;
        if (config.destinationPoint() != null) {
            routes.setDestination(config.destinationPoint());
        }
    }

    /** Whether a destination is set (from the profile or a command). */
    public boolean hasDestination() {
        return routes.destination() != null;
    }

    /** A destination from a vetted command ({@link DestinationCommands}). */
    public void setDestination(GeoPoint destination) {
        routes.setDestination(destination);
    }

    /**
     * @param stampNanos vehicle time of the decision
     * @param fix        the vehicle's position (fused ego pose, else GNSS)
     * @param headingDeg the vehicle's heading, degrees clockwise from north; NaN when unknown (no ego-motion filter):
     *                   the route's direction where the vehicle projects onto it is taken (the vehicle follows it)
     * @return the corridor to check, or null for the yaw-rate arc
     */
    public CorridorPath beforeDecision(long stampNanos, GeoPoint fix, double headingDeg) {
        this.position = Objects.requireNonNull(fix, "fix");
        lastMatch = matcher.offer(stampNanos, fix);
        status = routes.update(stampNanos, fix, blocked, blockedAt);
        if (Double.isNaN(headingDeg) && status.route() != null) {
            headingDeg = RouteGeometry.headingAt(status.route().path(), fix);
        }
        if (Double.isNaN(headingDeg)) {
            headingDeg = Double.isNaN(this.headingDeg) ? 0 : this.headingDeg;
        }
        this.headingDeg = headingDeg;
        double halfWidth = decision.vehicleWidthMeters() / 2 + decision.corridorMarginMeters();
        double reach = decision.frontOverhangMeters() + decision.lookaheadMeters();
        corridor = null;
        if (lanelets != null) {
            corridor = RouteCorridor.fromLanelets(lanelets, fix, headingDeg, reach);
        }
        if (corridor == null && status.route() != null && !status.mustStop()) {
            corridor = RouteCorridor.fromRoute(status.route().path(), fix, headingDeg, halfWidth, reach);
        }
        return corridor;
    }

    /** Combines the obstacle decision made on {@link #beforeDecision}'s corridor with the route's. */
    public RouteDecisions.RoutedDecision afterDecision(Decision d) {
        if (status == null) {
            throw new IllegalStateException("afterDecision before beforeDecision");
        }
        boolean stillBlocked = RouteDecisions.blocked(d);
        if (stillBlocked && !Double.isNaN(d.obstacleDistanceMeters())) {
            blockedAt = obstacleLocation(d.obstacleDistanceMeters());
        } else if (!stillBlocked) {
            blockedAt = null;
        }
        // HOLDING_AFTER_OBSTACLE (no distance: the corridor looked clear for a sweep) keeps the obstacle last seen,
        // so that a flickering detection does not restart the reroute timer
        blocked = stillBlocked && blockedAt != null;
        return RouteDecisions.combine(d, status);
    }

    private GeoPoint obstacleLocation(double distanceFromBumperMeters) {
        double[] p = new double[3];
        CorridorPath path = corridor != null ? corridor : CorridorPath.arc(0);
        if (!path.at(decision.frontOverhangMeters() + distanceFromBumperMeters, p)) {
            return null;
        }
        double h = Math.toRadians(headingDeg);
        double east = p[0] * Math.sin(h) - p[1] * Math.cos(h);
        double north = p[0] * Math.cos(h) + p[1] * Math.sin(h);
        return new GeoPoint(position.latitudeDeg() + north / RouteGeometry.METERS_PER_DEG_LAT,
                position.longitudeDeg() + east / RouteGeometry.metersPerDegLon(position.latitudeDeg()));
    }

    /** The status of the last {@link #beforeDecision}, or null before the first. */
    public RouteStatus lastStatus() {
        return status;
    }

    /** The heading the last corridor was built with, degrees clockwise from north; NaN before the first. */
    public double lastHeadingDeg() {
        return headingDeg;
    }

    /** The last fix's match (lag 0); OFF_ROAD when no road is near. */
    public MatchedFix lastMatch() {
        return lastMatch;
    }

    /** Whether the last fix was off the road network (for health). */
    public boolean offRoad() {
        return lastMatch != null && lastMatch.status() == MatchStatus.OFF_ROAD;
    }

    public MatcherStats matcherStats() {
        return matcher.stats();
    }

    public RouteManager.Stats routeStats() {
        return routes.stats();
    }
}
