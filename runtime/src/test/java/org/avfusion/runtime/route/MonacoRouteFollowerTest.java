package org.avfusion.runtime.route;

import static org.avfusion.runtime.occupancy.GridFixtures.emptyGrid;
import static org.avfusion.runtime.occupancy.GridFixtures.occupy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.MapConfig;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.drivers.map.Route;
import org.avfusion.drivers.map.matching.MatchStatus;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.plan.CorridorPath;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on Monaco in open loop (the ego is placed along the route, not simulated): match, route, corridor,
 * decision, and a truck on the route that keeps the corridor blocked past the threshold gives REROUTE, then the drive
 * continues on the new route.
 */
class MonacoRouteFollowerTest {

    @TempDir
    static Path cache;
    static RoadNetwork monaco;

    @BeforeAll
    static void load() {
        Path file = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "osm", "monaco.osm.gz");
        Assumptions.assumeTrue(Files.isRegularFile(file), "not found: " + file);
        monaco = RoadNetwork.load(file, MapConfig.defaults().withCacheRoot(cache));
    }

    @AfterAll
    static void close() {
        if (monaco != null) {
            monaco.close();
        }
    }

    @Test
    void followsTheRouteAndReroutesAroundABlockingTruck() {
        RuntimeConfig config = new ConfigLoader().loadYaml("map: {file: monaco.osm.gz, destination: \"43.727697,"
                + "7.419199\", route: {rerouteAfterBlockedMillis: 2000}}", "test.yaml");
        RouteFollower follower = new RouteFollower(monaco, config.map(), null, config.decision());
        DecisionPolicy policy = new DecisionPolicy(config.decision());
        Route planned = monaco.route(MonacoRouteManagerTest.START, MonacoRouteManagerTest.DESTINATION);
        long stamp = 0;
        String last = "";
        // drive the first 1,440 m at 10 m/s, a decision per second, clear road
        for (double s = 0; s <= 1440; s += 10) {
            stamp += 1_000_000_000L;
            GeoPoint here = MonacoRouteManagerTest.pointAlong(planned.path(), s);
            CorridorPath path = follower.beforeDecision(stamp, here, heading(planned.path(), s));
            assertNotNull(path, "a corridor along the route at " + s + " m");
            policy.useCorridorPath(path);
            var out = follower.afterDecision(policy.decide(stamp, true, false, 10, 0, emptyGrid()));
            assertEquals(DecisionKind.PROCEED, out.decision().kind());
            assertEquals(RouteState.FOLLOWING, out.route().state());
            last = follower.lastMatch().roadName();
        }
        assertEquals(MatchStatus.ON_ROAD, follower.lastMatch().status());
        assertEquals("Avenue du Port", last);
        // the ego stands 1,460 m along the route with a truck 10 m ahead of base_link in its corridor, and waits
        GeoPoint stopped = MonacoRouteManagerTest.pointAlong(planned.path(), 1460);
        double heading = heading(planned.path(), 1460);
        OccupancyGrid truck = emptyGrid();
        occupy(truck, 10, 0);
        occupy(truck, 10, 0.3);
        RouteState state = RouteState.FOLLOWING;
        DecisionKind kind = DecisionKind.PROCEED;
        int waited = 0;
        while (state != RouteState.REROUTED && waited < 10) {
            stamp += 500_000_000L;
            policy.useCorridorPath(follower.beforeDecision(stamp, stopped, heading));
            var out = follower.afterDecision(policy.decide(stamp, true, false, 0, 0, truck));
            state = out.route().state();
            kind = out.decision().kind();
            waited++;
        }
        assertEquals(RouteState.REROUTED, state);
        assertEquals(DecisionKind.REROUTE, kind);
        assertTrue(waited * 0.5 >= 2.0 && waited * 0.5 <= 3.0, "REROUTE within the 2 s threshold plus a decision: "
                + waited * 0.5 + " s");
        assertEquals(1, follower.routeStats().reroutes());
    }

    static double heading(List<GeoPoint> path, double s) {
        GeoPoint a = MonacoRouteManagerTest.pointAlong(path, s);
        GeoPoint b = MonacoRouteManagerTest.pointAlong(path, s + 2);
        double h = Math.toDegrees(Math.atan2((b.longitudeDeg() - a.longitudeDeg())
                * Math.cos(Math.toRadians(a.latitudeDeg())), b.latitudeDeg() - a.latitudeDeg()));
        return (h + 360) % 360;
    }
}
