package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.MapConfig;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.runtime.cli.route.RouteCommand;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.route.MapProfileConfig;
import org.avfusion.runtime.route.RouteConfig;
import org.avfusion.scenarios.sim.EgoState;
import org.avfusion.scenarios.sim.MapDrive;
import org.avfusion.scenarios.sim.MapScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The map in the loop on Monaco, closed loop through the whole runtime: the simulated ego drives the car route
 * between two points of {@code ../shared/data/osm/monaco.osm.gz}, following the route the runtime publishes and
 * obeying its decisions. Checked: the published route's length against {@code avfusion route} for the same points
 * (within 3 %); progress in every decision; a truck parked on the route gives REROUTE within the threshold (plus one
 * decision period), the new route avoids the truck's street, and the ego reaches the destination on it. Every number
 * checked is printed.
 */
class MonacoMapEndToEndTest {
    static final GeoPoint FROM = new GeoPoint(43.730729, 7.42135);
    static final GeoPoint TO = new GeoPoint(43.727697, 7.419199);
    static final double REROUTE_AFTER_MILLIS = 2000;
    static final double CRUISE = 12.0;

    @TempDir
    static Path cache;
    static Path monacoFile;
    static RoadNetwork monaco;

    @BeforeAll
    static void load() {
        monacoFile = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "osm", "monaco.osm.gz")
                .toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(monacoFile), "not found: " + monacoFile);
        monaco = RoadNetwork.load(monacoFile, MapConfig.defaults().withCacheRoot(cache));
    }

    @AfterAll
    static void close() {
        if (monaco != null) {
            monaco.close();
        }
    }

    static RuntimeConfig profile(GeoPoint destination) {
        RuntimeConfig d = new ConfigLoader().loadDefault();
        MapProfileConfig m = d.map();
        MapProfileConfig map = new MapProfileConfig(monacoFile.toString(), "", cache.toString(),
                destination == null ? "" : destination.latitudeDeg() + "," + destination.longitudeDeg(),
                m.maxSnapDistanceMeters(), m.maxFixDistanceFromMapMeters(), m.matcher(),
                new RouteConfig(REROUTE_AFTER_MILLIS, m.route().avoidRadiusMeters(), m.route().arrivalRadiusMeters(),
                        m.route().maxOffRouteMeters()));
        return d.withMap(map).withEgo(d.ego().withFilterEnabled(false));
    }

    static double avfusionRouteMeters(GeoPoint from, GeoPoint to) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RouteCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--map", monacoFile.toString(), "--from", from.latitudeDeg() + "," + from.longitudeDeg(),
                "--to", to.latitudeDeg() + "," + to.longitudeDeg(), "--cache", cache.toString());
        assertEquals(0, code, err.toString());
        return new ObjectMapper().readTree(out.toString().strip()).get("distance_m").asDouble();
    }

    /** The drive checked: from Avenue Albert II to Avenue des Papalins, a truck parked on the route at 329 m. */
    static final GeoPoint DRIVE_FROM = new GeoPoint(43.7314811, 7.4193567);
    static final double TRUCK_AT_METERS = 329;
    static MapDriveRun.Outcome drive;
    static MapDrive mapDrive;

    static synchronized MapDriveRun.Outcome truckDrive() {
        if (drive == null) {
            MapScenario scenario = new MapScenario("monaco-truck", monacoFile, cache, DRIVE_FROM, TO, CRUISE, 120, 7,
                    0.3, List.of(MapScenario.Block.truck("truck", TRUCK_AT_METERS)));
            mapDrive = new MapDrive(scenario, monaco);
            drive = MapDriveRun.run(mapDrive, profile(TO), UnaryOperator.identity(), 5.0);
            printChanges(drive, mapDrive);
            assertEquals(0, drive.stageErrors(), "stage errors");
            assertEquals(0, mapDrive.lockstepTimeouts(), "lockstep waits that timed out");
            assertEquals(0, mapDrive.lateCommands(), "commands that arrived after they should have acted");
        }
        return drive;
    }

    static void printChanges(MapDriveRun.Outcome o, MapDrive d) {
        String lastKey = "";
        for (MapDriveRun.Published p : o.decisions()) {
            String key = p.kind() + p.reason() + p.routeState();
            if (!key.equals(lastKey)) {
                System.out.printf(Locale.ROOT, "  t=%6.2f s %-7s %-24s route %-9s remaining %6.1f m%s ego %.1f m/s%n",
                        p.seconds(), p.kind(), p.reason(), p.routeState(), p.distanceRemainingMeters(),
                        Double.isNaN(p.previousDistanceMeters()) ? "" : String.format(Locale.ROOT,
                                " (old %.1f m, new %.1f m)", p.previousDistanceMeters(), p.newDistanceMeters()),
                        d.groundTruth().egoAt(p.stampNanos()).speedMetersPerSecond());
                lastKey = key;
            }
        }
        System.out.printf(Locale.ROOT, "  %d decisions, %d routes published, %.1f s of wall time%n",
                o.decisions().size(), o.routes().size(), o.wallSeconds());
    }

    @Test
    void thePublishedRouteIsWithinThreePercentOfAvfusionRoute() throws Exception {
        MapDriveRun.Outcome o = truckDrive();
        double cli = avfusionRouteMeters(DRIVE_FROM, TO);
        MapDriveRun.PublishedRoute first = o.routes().get(0);
        double error = Math.abs(first.distanceMeters() - cli) / cli;
        System.out.printf(Locale.ROOT, "route: published %.1f m (%.1f s, %d points) at t=%.2f s; avfusion route %.1f m;"
                + " difference %.2f %%%n", first.distanceMeters(), first.timeSeconds(), first.path().size(),
                first.stampNanos() / 1e9, cli, 100 * error);
        assertTrue(error <= 0.03, "within 3 %: " + 100 * error + " %");
        assertTrue(first.timeSeconds() > 0, "the route has a time");
        assertTrue(first.stampNanos() <= 200_000_000L, "published with the first decisions: " + first.stampNanos());
    }

    @Test
    void everyDecisionCarriesProgressAlongTheRoute() {
        MapDriveRun.Outcome o = truckDrive();
        assertTrue(o.decisions().stream().allMatch(d -> !d.routeState().equals("NONE")), "route state in every one");
        assertTrue(o.decisions().stream().filter(d -> !d.routeState().equals("NO_DESTINATION"))
                .allMatch(d -> Double.isFinite(d.distanceRemainingMeters())), "distance remaining in every one");
        double max = o.decisions().stream().mapToDouble(MapDriveRun.Published::distanceRemainingMeters).max()
                .orElseThrow();
        assertTrue(max <= o.routes().stream().mapToDouble(MapDriveRun.PublishedRoute::distanceMeters).max()
                .orElseThrow() + 1, "never more than the longest route: " + max);
    }

    @Test
    void aTruckBlockingTheRouteGivesRerouteWithinTheThresholdAndTheNewRouteAvoidsItsStreet() {
        MapDriveRun.Outcome o = truckDrive();
        List<MapDriveRun.Published> d = o.decisions();
        int reroute = -1;
        for (int i = 0; i < d.size() && reroute < 0; i++) {
            if (d.get(i).kind().equals("REROUTE")) {
                reroute = i;
            }
        }
        assertTrue(reroute > 0, "a REROUTE");
        MapDriveRun.Published r = d.get(reroute);
        int blockedFrom = reroute;
        while (blockedFrom > 0 && d.get(blockedFrom - 1).kind().equals("STOP")
                && (d.get(blockedFrom - 1).reason().equals("OBSTACLE_IN_PATH")
                        || d.get(blockedFrom - 1).reason().equals("HOLDING_AFTER_OBSTACLE"))) {
            blockedFrom--;
        }
        int stoppedFrom = reroute;
        while (stoppedFrom > 0 && d.get(stoppedFrom - 1).kind().equals("STOP")) {
            stoppedFrom--;
        }
        double waited = (r.stampNanos() - d.get(blockedFrom).stampNanos()) / 1e9;
        double stopped = (r.stampNanos() - d.get(stoppedFrom).stampNanos()) / 1e9;
        System.out.printf(Locale.ROOT, "reroute: REROUTE %s at t=%.2f s, %.2f s after the corridor was found blocked"
                + " (STOP OBSTACLE_IN_PATH / HOLDING from t=%.2f s; STOP since t=%.2f s, %.2f s); old route %.1f m left, new "
                + "route %.1f m%n", r.reason(), r.seconds(), waited, d.get(blockedFrom).seconds(),
                d.get(stoppedFrom).seconds(), stopped, r.previousDistanceMeters(), r.newDistanceMeters());
        assertEquals("ROUTE_BLOCKED", r.reason());
        assertTrue(waited >= REROUTE_AFTER_MILLIS / 1000 - 1e-9 && waited <= REROUTE_AFTER_MILLIS / 1000 + 0.2,
                "REROUTE within the threshold plus one decision period: " + waited + " s");
        assertTrue(Double.isFinite(r.previousDistanceMeters()) && Double.isFinite(r.newDistanceMeters()),
                "old and new distances in the decision");
        assertEquals(2, o.routes().size(), "the route re-published once, on the reroute");
        MapDriveRun.PublishedRoute newRoute = o.routes().get(1);
        assertEquals(r.stampNanos(), newRoute.stampNanos(), "re-published with the REROUTE");
        assertEquals(r.newDistanceMeters(), newRoute.distanceMeters(), 0.1);
        GeoPoint truck = mapDrive.blockPosition(0);
        double pass = closestApproach(newRoute.path(), truck);
        double oldPass = closestApproach(o.routes().get(0).path(), truck);
        System.out.printf(Locale.ROOT, "reroute: truck at %s; the first route passes it at %.1f m, the new one at "
                + "%.1f m%n", truck, oldPass, pass);
        assertTrue(oldPass < 1.0, "the truck stands on the first route: " + oldPass);
        assertTrue(pass > 5.0 + 4.0, "the new route keeps off the truck's street (avoid radius 5 m from its rear, "
                + "half a truck on): " + pass);
    }

    @Test
    void theEgoReachesTheDestinationInClosedLoopWithoutTouchingTheTruck() {
        MapDriveRun.Outcome o = truckDrive();
        MapDriveRun.Published last = o.decisions().get(o.decisions().size() - 1);
        GeoPoint at = mapDrive.egoPosition(last.stampNanos());
        EgoState end = mapDrive.groundTruth().egoAt(last.stampNanos());
        double least = Double.POSITIVE_INFINITY;
        for (long t = 0; t <= last.stampNanos(); t += 10_000_000L) {
            least = Math.min(least, bumperGap(mapDrive.groundTruth().egoAt(t),
                    mapDrive.groundTruth().actorsAt(t).get(0)));
        }
        System.out.printf(Locale.ROOT, "arrival: last decision %s %s at t=%.2f s, route %s; ego at %s, %.1f m from the "
                + "destination, %.1f m before the route's end, %.2f m/s; least bumper gap to the truck %.2f m%n", last.kind(), last.reason(),
                last.seconds(), last.routeState(), at, dist(at, TO), mapDrive.remainingOnRouteMeters(last.stampNanos()),
                end.speedMetersPerSecond(), least);
        assertEquals("ARRIVED", last.routeState());
        assertEquals("STOP", last.kind());
        assertEquals("DESTINATION_REACHED", last.reason());
        assertTrue(o.decisions().stream().anyMatch(x -> x.reason().equals("APPROACHING_DESTINATION")),
                "SLOW before the destination");
        assertTrue(dist(at, TO) < 20, "at the destination: " + dist(at, TO) + " m");
        assertEquals(0.0, end.speedMetersPerSecond(), 1e-9, "stopped");
        assertTrue(mapDrive.remainingOnRouteMeters(last.stampNanos()) > 0.5, "braked to a stop before the end of "
                + "the route (not held by the end of the simulated path): "
                + mapDrive.remainingOnRouteMeters(last.stampNanos()) + " m left");
        assertTrue(least > 2.0, "kept its distance from the truck: " + least + " m");
    }

    /** Bad input: destination commands malformed, unauthenticated, and one in the sea (accepted, no route). */
    @Test
    void aDestinationWithNoRouteStopsWithItsReasonAndBadCommandsAreCountedAndIgnored() throws Exception {
        MapScenario scenario = new MapScenario("monaco-no-route", monacoFile, cache, DRIVE_FROM, TO, CRUISE, 3, 7, 0.3,
                List.of());
        MapDrive d = new MapDrive(scenario, monaco);
        List<String> outcomes = new java.util.ArrayList<>();
        MapDriveRun.Outcome o = MapDriveRun.run(d, profile(null), UnaryOperator.identity(), 2.0, p -> {
            var loop = p.routeLoop();
            outcomes.add(loop.offerCommand("someone", "{\"lat\": 43.7277, \"lon\": 7.4192}".getBytes()).toString());
            outcomes.add(loop.offerCommand(org.avfusion.runtime.stage.RouteLoop.BROKER_ACL_SENDER,
                    "{\"lat\": \"north\"}".getBytes()).toString());
            outcomes.add(loop.offerCommand(org.avfusion.runtime.stage.RouteLoop.BROKER_ACL_SENDER,
                    "not json".getBytes()).toString());
            outcomes.add(loop.offerCommand(org.avfusion.runtime.stage.RouteLoop.BROKER_ACL_SENDER,
                    "{\"lat\": 43.7300, \"lon\": 7.4400}".getBytes()).toString());
        });
        outcomes.forEach(x -> System.out.println("command: " + x));
        MapDriveRun.Published first = o.decisions().get(0);
        System.out.printf(Locale.ROOT, "no route: %d decisions, first %s %s %s '%s'%n", o.decisions().size(),
                first.kind(), first.reason(), first.routeState(), first.routeMessage());
        assertTrue(o.decisions().stream().allMatch(x -> x.kind().equals("STOP") && x.reason().equals("NO_ROUTE")
                && x.routeState().equals("NO_ROUTE")), "every decision STOP NO_ROUTE");
        assertTrue(first.routeMessage().startsWith("destination position 43.73")
                && first.routeMessage().contains("off the map"), first.routeMessage());
        assertEquals(0, o.routes().size(), "no route published");
        String health = o.health().get(o.health().size() - 1);
        var map = new ObjectMapper().readTree(health).get("map");
        System.out.println("no route: health map " + map);
        assertEquals("NO_ROUTE", map.get("state").asText());
        assertEquals(1, map.get("commands").get("accepted").asInt());
        assertEquals(2, map.get("commands").get("malformed").asInt());
        assertEquals(1, map.get("commands").get("unauthenticated").asInt());
        assertEquals(1, map.get("noRoute").asInt(), "one failed plan, not one per decision");
        assertTrue(map.get("lastError").asText().startsWith("destination"), map.toString());
        assertEquals(0.0, d.groundTruth().egoAt(o.decisions().get(o.decisions().size() - 1).stampNanos())
                .speedMetersPerSecond(), 1e-9, "the ego never moved");
    }

    @Test
    void aProfileDestinationFarOffTheMapIsAStartUpErrorNamingIt() {
        RuntimeConfig p = profile(new GeoPoint(48.137, 11.575));
        org.avfusion.runtime.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.avfusion.runtime.config.ConfigException.class, () -> new org.avfusion.runtime.pipeline.Pipeline(p,
                        new org.avfusion.runtime.output.inprocess.InProcessOutputChannel(), () -> 0L, () -> 0L,
                        (dd, set, l) -> { }, "off", null));
        System.out.println("start-up: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("map.destination 48.137"), e.getMessage());
    }

    /** Front bumper to the truck's near end, for a truck ahead overlapping the ego's width; +inf otherwise. */
    static double bumperGap(EgoState ego, org.avfusion.scenarios.sim.ActorState a) {
        double dx = a.centreXMeters() - ego.xMeters();
        double dy = a.centreYMeters() - ego.yMeters();
        double c = Math.cos(ego.yawRad());
        double s = Math.sin(ego.yawRad());
        double along = c * dx + s * dy;
        double lateral = -s * dx + c * dy;
        if (Math.abs(lateral) > 1.85 / 2 + a.widthMeters() / 2 || along < 0) {
            return Double.POSITIVE_INFINITY;
        }
        return along - 3.7 - a.lengthMeters() / 2;
    }

    /** Least distance from {@code p} to the polyline, metres (sampled every 0.5 m). */
    static double closestApproach(List<GeoPoint> path, GeoPoint p) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 1; i < path.size(); i++) {
            GeoPoint a = path.get(i - 1);
            GeoPoint b = path.get(i);
            int steps = Math.max(1, (int) Math.ceil(dist(a, b) / 0.5));
            for (int k = 0; k <= steps; k++) {
                double t = k / (double) steps;
                best = Math.min(best, dist(new GeoPoint(a.latitudeDeg() + t * (b.latitudeDeg() - a.latitudeDeg()),
                        a.longitudeDeg() + t * (b.longitudeDeg() - a.longitudeDeg())), p));
            }
        }
        return best;
    }

    static double dist(GeoPoint a, GeoPoint b) {
        double mLat = 111_132.954;
        double mLon = 111_319.49 * Math.cos(Math.toRadians(a.latitudeDeg()));
        return Math.hypot((a.latitudeDeg() - b.latitudeDeg()) * mLat, (a.longitudeDeg() - b.longitudeDeg()) * mLon);
    }
}
