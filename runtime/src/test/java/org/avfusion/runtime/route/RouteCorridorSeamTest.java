package org.avfusion.runtime.route;

import static org.avfusion.runtime.occupancy.GridFixtures.emptyGrid;
import static org.avfusion.runtime.occupancy.GridFixtures.occupy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.plan.CorridorChecker;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionConfig;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionPolicy;
import org.avfusion.runtime.plan.DecisionReason;
import org.junit.jupiter.api.Test;

/**
 * The route's corridor through the seam in {@code runtime.plan}: a route that turns left 20 m ahead. An obstacle on the
 * road after the turn is in the route's corridor but not in the straight arc's; a parked car straight ahead, where the
 * route does not go, is in the arc's but not the route's.
 */
class RouteCorridorSeamTest {

    static final double M_LAT = RouteGeometry.METERS_PER_DEG_LAT;
    static final GeoPoint EGO = new GeoPoint(43.73, 7.42);

    /** East {@code e}, north {@code n} metres from the ego. */
    static GeoPoint at(double e, double n) {
        return new GeoPoint(EGO.latitudeDeg() + n / M_LAT,
                EGO.longitudeDeg() + e / RouteGeometry.metersPerDegLon(EGO.latitudeDeg()));
    }

    // heading north; the route goes 20 m north, then west (a left turn)
    static final List<GeoPoint> ROUTE = List.of(at(0, -10), at(0, 20), at(-60, 20));

    @Test
    void theRouteCorridorTurnsWhereTheArcGoesStraight() {
        DecisionConfig config = RuntimeConfig.defaults().decision();
        CorridorChecker checker = new CorridorChecker(config);
        RouteCorridor corridor = RouteCorridor.fromRoute(ROUTE, EGO, 0,
                config.vehicleWidthMeters() / 2 + config.corridorMarginMeters(), config.lookaheadMeters());
        // vehicle frame: x forward (north), y left (west). Obstacle after the turn: 20 m ahead, 15 m to the left
        OccupancyGrid afterTurn = emptyGrid();
        occupy(afterTurn, 20, 15);
        double viaRoute = checker.nearestObstacleMeters(afterTurn, corridor);
        assertTrue(viaRoute > 25 && viaRoute < 40, "on the route, about 20 + 15 m along it minus the bumper: "
                + viaRoute);
        assertTrue(Double.isNaN(checker.nearestObstacleMeters(afterTurn, 0.0)), "the straight arc misses it");
        // a parked car 30 m straight ahead, where the route has turned away
        OccupancyGrid straightOn = emptyGrid();
        occupy(straightOn, 30, 0);
        assertTrue(Double.isNaN(checker.nearestObstacleMeters(straightOn, corridor)), "not on the route");
        assertTrue(checker.nearestObstacleMeters(straightOn, 0.0) > 0, "but in the arc");
    }

    @Test
    void theDecisionPolicyUsesTheRouteCorridorThroughTheSeam() {
        DecisionConfig config = RuntimeConfig.defaults().decision();
        DecisionPolicy policy = new DecisionPolicy(config);
        OccupancyGrid straightOn = emptyGrid();
        occupy(straightOn, 12, 0);
        Decision arc = policy.decide(1_000_000_000L, true, false, 5, 0, straightOn);
        assertEquals(DecisionKind.STOP, arc.kind(), "the arc sees the car 12 m ahead");
        RouteCorridor corridor = RouteCorridor.fromRoute(List.of(at(0, -10), at(0, 5), at(-60, 5)), EGO, 0,
                config.vehicleWidthMeters() / 2 + config.corridorMarginMeters(), config.lookaheadMeters());
        DecisionPolicy routed = new DecisionPolicy(config);
        routed.useCorridorPath(corridor);
        Decision onRoute = routed.decide(1_000_000_000L, true, false, 5, 0, straightOn);
        assertEquals(DecisionKind.PROCEED, onRoute.kind(), "the route turns left 5 m ahead: the car is off it");
        assertEquals(DecisionReason.PATH_CLEAR, onRoute.reason());
    }
}
