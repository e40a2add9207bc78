package org.avfusion.runtime.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.MapConfig;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.drivers.map.Route;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route manager on {@code ../shared/data/osm/monaco.osm.gz}, between the data README's first reference points
 * (43.730729,7.42135 -> 43.727697,7.419199; GraphHopper's own car route is 2,580 m).
 */
class MonacoRouteManagerTest {

    static final GeoPoint START = new GeoPoint(43.730729, 7.42135);
    static final GeoPoint DESTINATION = new GeoPoint(43.727697, 7.419199);
    static final GeoPoint SEA = new GeoPoint(43.7300, 7.4400);
    static final RouteConfig CONFIG = new RouteConfig(3000, 5, 15, 60);
    static final long SECOND = 1_000_000_000L;

    @TempDir
    static Path cache;
    static RoadNetwork monaco;

    @BeforeAll
    static void load() {
        Path file = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "osm", "monaco.osm.gz");
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/data/osm/monaco.osm.gz not found: " + file);
        monaco = RoadNetwork.load(file, MapConfig.defaults().withCacheRoot(cache));
    }

    @AfterAll
    static void close() {
        if (monaco != null) {
            monaco.close();
        }
    }

    @Test
    void withoutDestinationThereIsNoRouteAndTheObstacleDecisionStands() {
        RouteManager manager = new RouteManager(monaco, CONFIG);
        RouteStatus s = manager.update(SECOND, START, false, null);
        assertEquals(RouteState.NO_DESTINATION, s.state());
        Decision proceed = decision(DecisionKind.PROCEED, DecisionReason.PATH_CLEAR);
        assertEquals(proceed, RouteDecisions.combine(proceed, s).decision());
    }

    @Test
    void plansTheRouteOnceAndReportsProgressAlongIt() {
        RouteManager manager = new RouteManager(monaco, CONFIG);
        manager.setDestination(DESTINATION);
        RouteStatus first = manager.update(SECOND, START, false, null);
        assertEquals(RouteState.FOLLOWING, first.state());
        assertTrue(first.routeChanged(), "a new route is published");
        assertEquals(2580, first.route().distanceMeters(), 2580 * 0.03, "the README's reference within 3%");
        GeoPoint halfway = pointAlong(first.route().path(), first.route().distanceMeters() / 2);
        RouteStatus mid = manager.update(2 * SECOND, halfway, false, null);
        assertEquals(RouteState.FOLLOWING, mid.state());
        assertFalse(mid.routeChanged(), "same route: not published again");
        assertEquals(first.route().distanceMeters() / 2, mid.distanceRemainingMeters(), 30);
        RouteStatus end = manager.update(3 * SECOND, first.route().path().get(first.route().path().size() - 1), false,
                null);
        assertEquals(RouteState.ARRIVED, end.state());
        assertEquals(1, manager.stats().routesPlanned());
    }

    @Test
    void aCorridorBlockedLongerThanTheThresholdReroutesAroundTheBlockedStreet() {
        RouteManager manager = new RouteManager(monaco, CONFIG);
        manager.setDestination(DESTINATION);
        Route old = manager.update(SECOND, START, false, null).route();
        // a parked truck 1,500 m along, on Avenue du Port; the vehicle stopped 40 m behind it
        GeoPoint truck = pointAlong(old.path(), 1500);
        double at = 1460;
        GeoPoint vehicle = pointAlong(old.path(), at);
        long t0 = 2 * SECOND;
        RouteStatus waiting = manager.update(t0, vehicle, true, truck);
        assertEquals(RouteState.FOLLOWING, waiting.state());
        assertEquals(RouteState.FOLLOWING, manager.update(t0 + 2 * SECOND, vehicle, true, truck).state(),
                "2 s < the 3 s threshold");
        RouteStatus rerouted = manager.update(t0 + 3 * SECOND, vehicle, true, truck);
        assertEquals(RouteState.REROUTED, rerouted.state());
        assertTrue(rerouted.routeChanged());
        assertEquals(old.distanceMeters() - at, rerouted.previousDistanceMeters(), 30, "old distance remaining");
        assertEquals(rerouted.route().distanceMeters(), rerouted.newDistanceMeters(), 1e-9);
        double nearestToTruck = RouteGeometry.progress(rerouted.route().path(), truck)[1];
        assertTrue(nearestToTruck > CONFIG.avoidRadiusMeters(), "the new route avoids the blocked street: it passes "
                + nearestToTruck + " m from the truck");
        Decision slow = decision(DecisionKind.STOP, DecisionReason.OBSTACLE_IN_PATH);
        Decision combined = RouteDecisions.combine(slow, rerouted).decision();
        assertEquals(DecisionKind.REROUTE, combined.kind());
        assertEquals(DecisionReason.ROUTE_BLOCKED, combined.reason());
        RouteStatus next = manager.update(t0 + 4 * SECOND, vehicle, false, null);
        assertEquals(RouteState.FOLLOWING, next.state(), "then PROCEED/SLOW on the new route");
        assertEquals(rerouted.route(), next.route());
        assertEquals(1, manager.stats().reroutes());
        System.out.printf("monaco reroute: old %.0f m remaining, new route %.0f m, %.1f m from the truck%n",
                rerouted.previousDistanceMeters(), rerouted.newDistanceMeters(), nearestToTruck);
    }

    @Test
    void aTruckBlockingTheOnlyWayLeavesNoRouteAndTheVehicleStops() {
        RouteManager manager = new RouteManager(monaco, CONFIG);
        manager.setDestination(DESTINATION);
        Route old = manager.update(SECOND, START, false, null).route();
        // 600-1000 m along: Avenue de la Porte Neuve, the only way down from the Rock in this direction
        GeoPoint vehicle = pointAlong(old.path(), 580);
        GeoPoint truck = pointAlong(old.path(), 620);
        manager.update(2 * SECOND, vehicle, true, truck);
        RouteStatus s = manager.update(6 * SECOND, vehicle, true, truck);
        assertEquals(RouteState.NO_ROUTE, s.state());
        assertTrue(s.message().startsWith("after excluding 1 blocked street(s): no car route"), s.message());
        assertEquals(DecisionReason.NO_ROUTE, RouteDecisions.combine(decision(DecisionKind.STOP,
                DecisionReason.OBSTACLE_IN_PATH), s).decision().reason());
    }

    @Test
    void aDestinationOnTheSeaIsNoRouteAndTheVehicleStops() {
        RouteManager manager = new RouteManager(monaco, CONFIG);
        manager.setDestination(SEA);
        RouteStatus s = manager.update(SECOND, START, false, null);
        assertEquals(RouteState.NO_ROUTE, s.state());
        assertTrue(s.mustStop());
        assertTrue(s.message().contains("destination") && s.message().contains("43.7300000,7.4400000"), s.message());
        Decision combined = RouteDecisions.combine(decision(DecisionKind.PROCEED, DecisionReason.PATH_CLEAR), s)
                .decision();
        assertEquals(DecisionKind.STOP, combined.kind());
        assertEquals(DecisionReason.NO_ROUTE, combined.reason());
        assertEquals(RouteState.NO_ROUTE, manager.update(2 * SECOND, START, false, null).state(), "stays stopped");
        assertEquals(1, manager.stats().noRoute(), "counted once, not re-planned every decision");
    }

    @Test
    void aVehicleOffTheMapCannotStartARoute() {
        RouteManager manager = new RouteManager(monaco, CONFIG);
        manager.setDestination(DESTINATION);
        RouteStatus s = manager.update(SECOND, SEA, false, null);
        assertEquals(RouteState.OFF_MAP, s.state());
        assertTrue(s.mustStop());
        assertEquals(RouteState.FOLLOWING, manager.update(2 * SECOND, START, false, null).state(),
                "back on the map: planned again");
    }

    @Test
    void theRouteIsPublishedAsAGeoJsonLineStringWithDistanceAndTime() throws Exception {
        Route route = monaco.route(START, DESTINATION);
        JsonNode f = new ObjectMapper().readTree(RouteGeoJson.toGeoJson(route, 42));
        assertEquals("Feature", f.get("type").asText());
        assertEquals("LineString", f.get("geometry").get("type").asText());
        JsonNode first = f.get("geometry").get("coordinates").get(0);
        assertEquals(route.path().get(0).longitudeDeg(), first.get(0).asDouble(), 1e-12, "[lon, lat] order");
        assertEquals(route.path().size(), f.get("geometry").get("coordinates").size());
        assertEquals(route.distanceMeters(), f.get("properties").get("distanceMeters").asDouble(), 1e-9);
        assertEquals(route.timeSeconds(), f.get("properties").get("timeSeconds").asDouble(), 1e-9);
    }

    @Test
    void theRouteCorridorFollowsTheRouteThroughTheTurnsAhead() {
        Route route = monaco.route(START, DESTINATION);
        GeoPoint at = pointAlong(route.path(), 600);
        GeoPoint ahead = pointAlong(route.path(), 601);
        double heading = Math.toDegrees(Math.atan2(
                (ahead.longitudeDeg() - at.longitudeDeg()) * Math.cos(Math.toRadians(at.latitudeDeg())),
                ahead.latitudeDeg() - at.latitudeDeg()));
        RouteCorridor corridor = RouteCorridor.fromRoute(route.path(), at, (heading + 360) % 360, 1.325, 50);
        double[] p = new double[3];
        assertTrue(corridor.at(0, p));
        assertEquals(0, p[0], 1e-9);
        assertEquals(0, p[1], 1e-9);
        assertTrue(corridor.at(5, p));
        assertEquals(5, p[0], 0.5, "the route leaves straight ahead");
        assertTrue(corridor.lengthMeters() >= 50);
        for (double s = 0; s <= 50; s += 1) {
            assertTrue(corridor.at(s, p));
            assertTrue(corridor.contains(p[0], p[1]), "the centre line at " + s + " m is inside the buffer");
            double nx = -Math.sin(p[2]);
            double ny = Math.cos(p[2]);
            assertFalse(corridor.contains(p[0] + 3 * nx, p[1] + 3 * ny) && corridor.contains(p[0] - 3 * nx,
                    p[1] - 3 * ny), "3 m to both sides is outside a 2.65 m wide corridor, at " + s + " m");
        }
        // 600 m along, Avenue de la Porte Neuve bends round the Rock (heading 208 deg, then 173, then 99): 49 m ahead
        // the route is metres to the side of the straight line the yaw-rate arc (at zero yaw rate) would take
        assertTrue(corridor.at(49, p));
        assertTrue(Math.abs(p[1]) > 5, "the corridor bends with the route (y at 49 m: " + p[1] + ")");
    }

    static Decision decision(DecisionKind kind, DecisionReason reason) {
        return new Decision(kind, reason, 1, Double.NaN, 6, 5, kind == DecisionKind.STOP ? 0 : 5, 0);
    }

    static GeoPoint pointAlong(List<GeoPoint> path, double meters) {
        double s = 0;
        for (int i = 1; i < path.size(); i++) {
            GeoPoint a = path.get(i - 1);
            GeoPoint b = path.get(i);
            double len = Math.hypot((b.latitudeDeg() - a.latitudeDeg()) * RouteGeometry.METERS_PER_DEG_LAT,
                    (b.longitudeDeg() - a.longitudeDeg()) * RouteGeometry.metersPerDegLon(a.latitudeDeg()));
            if (s + len >= meters) {
                double t = len == 0 ? 0 : (meters - s) / len;
                return new GeoPoint(a.latitudeDeg() + t * (b.latitudeDeg() - a.latitudeDeg()),
                        a.longitudeDeg() + t * (b.longitudeDeg() - a.longitudeDeg()));
            }
            s += len;
        }
        return path.get(path.size() - 1);
    }
}
