package org.avfusion.drivers.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real-data checks on {@code ../shared/data/osm/monaco.osm.gz} (gzip-compressed OSM XML), imported once for the
 * class. Node coordinates below are copied from that file (way and node ids in the comments).
 */
class MonacoRoadNetworkTest {

    @TempDir
    static Path cache;
    static RoadNetwork monaco;

    // Rue Grimaldi, way 8352246, secondary, oneway=yes, drawn (and driven) from north-east to south-west
    static final GeoPoint GRIMALDI_NODE_1 = new GeoPoint(43.7363642, 7.4206536);   // node 25195173
    static final GeoPoint GRIMALDI_NODE_2 = new GeoPoint(43.7358991, 7.4200957);   // node 25195221
    static final GeoPoint GRIMALDI_NODE_14 = new GeoPoint(43.7335726, 7.4186264);  // node 25195517
    static final GeoPoint GRIMALDI_NODE_15 = new GeoPoint(43.7330610, 7.4187615);  // node 25194304

    @BeforeAll
    static void importMonacoOnce() {
        monaco = RoadNetwork.load(SharedOsm.file("monaco.osm.gz"), MapConfig.defaults().withCacheRoot(cache));
    }

    @AfterAll
    static void close() {
        if (monaco != null) {
            monaco.close();
        }
    }

    /** Reference distances from the data README (GraphHopper's own car routes on this file). */
    @ParameterizedTest(name = "monaco {0},{1} -> {2},{3}: {4} m within 3%")
    @CsvSource({
        "43.730729, 7.42135,  43.727697, 7.419199, 2580",
        "43.727687, 7.418737, 43.74958,  7.436566, 3588",
        "43.733802, 7.413433, 43.739662, 7.424355, 2230",
    })
    void carRouteMatchesReferenceDistance(double fromLat, double fromLon, double toLat, double toLon, double meters) {
        Route route = monaco.route(new GeoPoint(fromLat, fromLon), new GeoPoint(toLat, toLon));
        assertEquals(meters, route.distanceMeters(), meters * 0.03, "route distance, m");
        assertTrue(route.timeSeconds() > route.distanceMeters() / 40.0, "no car averages 144 km/h in Monaco: "
                + route.timeSeconds() + " s");
        assertTrue(route.path().size() >= 2, "path has points");
        assertTrue(SharedOsm.meters(route.path().get(0), route.from()) < 30, "path starts at the start");
        assertTrue(SharedOsm.meters(route.path().get(route.path().size() - 1), route.to()) < 30, "path ends at the end");
    }

    @Test
    void oneWayStreetIsRoutedOnlyInItsDirection() {
        GeoPoint upstream = midpoint(GRIMALDI_NODE_1, GRIMALDI_NODE_2);
        GeoPoint downstream = midpoint(GRIMALDI_NODE_14, GRIMALDI_NODE_15);
        Route with = monaco.route(upstream, downstream);
        Route against = monaco.route(downstream, upstream);
        double straight = SharedOsm.meters(upstream, downstream);
        assertTrue(with.distanceMeters() < straight * 1.2,
                "with the one-way: along Rue Grimaldi, " + with.distanceMeters() + " m for " + straight + " m straight");
        assertTrue(against.distanceMeters() > with.distanceMeters() * 1.5,
                "against the one-way: a detour, " + against.distanceMeters() + " m vs " + with.distanceMeters() + " m");
    }

    @Test
    void snapOnOneWayStreetHeadsInItsDrivingDirection() {
        RoadSnap snap = assertInstanceOf(RoadSnap.class, monaco.snap(midpoint(GRIMALDI_NODE_1, GRIMALDI_NODE_2)));
        double drawn = Bearing.degrees(GRIMALDI_NODE_1.latitudeDeg(), GRIMALDI_NODE_1.longitudeDeg(),
                GRIMALDI_NODE_2.latitudeDeg(), GRIMALDI_NODE_2.longitudeDeg());
        assertEquals(8352246L, snap.osmWayId());
        assertTrue(snap.oneWay(), "Rue Grimaldi is one-way");
        assertEquals(drawn, snap.headingDeg(), 1.0, "heading along the way's direction");
    }

    /** A point a few metres beside a known road snaps back onto that road, within that distance. */
    @ParameterizedTest(name = "{2} m beside {1} (way {0}) snaps back onto it")
    @CsvSource({
        // way id,  name,                     offset m, segment a (lat, lon),       segment b (lat, lon)
        "8352246,   Rue Grimaldi,                 4.0, 43.7335726, 7.4186264, 43.7330610, 7.4187615",
        "8352246,   Rue Grimaldi,                -3.0, 43.7353742, 7.4195494, 43.7352804, 7.4194465",
        "166399479, Boulevard Albert 1er,         3.0, 43.7347787, 7.4212496, 43.7352188, 7.4211887",
        "24668403,  Avenue du Maréchal Foch,      5.0, 43.7436800, 7.4249146, 43.7438320, 7.4252247",
        "24668403,  Avenue du Maréchal Foch,     -5.0, 43.7411506, 7.4218814, 43.7412622, 7.4219758",
    })
    void pointBesideKnownRoadSnapsOntoIt(long wayId, String name, double offsetMeters,
                                         double aLat, double aLon, double bLat, double bLon) {
        GeoPoint a = new GeoPoint(aLat, aLon);
        GeoPoint b = new GeoPoint(bLat, bLon);
        GeoPoint beside = SharedOsm.besideMidpoint(a, b, offsetMeters);
        RoadSnap snap = assertInstanceOf(RoadSnap.class, monaco.snap(beside));
        assertEquals(wayId, snap.osmWayId(), "way id");
        assertEquals(name, snap.roadName(), "road name");
        assertEquals(Math.abs(offsetMeters), snap.distanceMeters(), 0.5, "snap distance, m");
        assertEquals(snap.distanceMeters(), SharedOsm.meters(beside, snap.snapped()), 0.1, "distance to snapped point");
        assertTrue(SharedOsm.meters(snap.snapped(), midpoint(a, b)) < 0.5, "snapped to the foot of the perpendicular");
    }

    @ParameterizedTest(name = "{0},{1} is off road")
    @CsvSource({
        "43.7200, 7.4400",   // the Mediterranean, south-east of the harbour
        "0.0,     0.0",      // nowhere near the map
    })
    void pointFarFromEveryRoadIsOffRoadNamingCoordinateAndDistance(double lat, double lon) {
        GeoPoint sea = new GeoPoint(lat, lon);
        long before = monaco.stats().offRoad();
        OffRoad off = assertInstanceOf(OffRoad.class, monaco.snap(sea));
        assertTrue(Double.isNaN(off.nearestRoadMeters())
                || off.nearestRoadMeters() > MapConfig.DEFAULT_MAX_SNAP_DISTANCE_METERS, off.message());
        assertTrue(off.message().contains(sea.toString()), off.message());
        if (!Double.isNaN(off.nearestRoadMeters())) {
            assertTrue(off.message().contains(String.format(java.util.Locale.ROOT, "%.1f m", off.nearestRoadMeters())),
                    off.message());
        }
        assertEquals(before + 1, monaco.stats().offRoad(), "counted");
        assertEquals(off.message(), monaco.stats().lastError());
    }

    @Test
    void routeToPointOffTheMapThrowsNamingTheEndAndCoordinate() {
        GeoPoint sea = new GeoPoint(43.72, 7.44);
        long failed = monaco.stats().routesFailed();
        OffMapException e = assertThrows(OffMapException.class,
                () -> monaco.route(new GeoPoint(43.727687, 7.418737), sea));
        assertEquals(1, e.pointIndex());
        assertTrue(e.getMessage().startsWith("route destination position 43.7200000,7.4400000 is off the map"),
                e.getMessage());
        assertTrue(e.getMessage().matches(".* \\d+\\.\\d m away .*"), e.getMessage());
        assertEquals(failed + 1, monaco.stats().routesFailed());
    }

    @Test
    void sameContentUnderAnotherNameReusesTheImportedGraph(@TempDir Path elsewhere) throws Exception {
        Path copy = Files.copy(monaco.mapFile(), elsewhere.resolve("copy-of-monaco.osm.gz"));
        try (RoadNetwork again = RoadNetwork.load(copy, MapConfig.defaults().withCacheRoot(cache))) {
            assertEquals(monaco.graphFolder(), again.graphFolder());
            assertEquals(monaco.edgeCount(), again.edgeCount());
        }
        try (var entries = Files.list(cache)) {
            assertEquals(1, entries.count(), "one graph folder, no staging folder left behind");
        }
    }

    /** Differential: snaps from four threads at once equal the same snaps made one by one (fixed seed 42). */
    @Test
    void concurrentSnapsEqualSerialSnaps() throws Exception {
        java.util.Random random = new java.util.Random(42);
        List<GeoPoint> points = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            points.add(new GeoPoint(43.725 + random.nextDouble() * 0.025, 7.410 + random.nextDouble() * 0.030));
        }
        List<SnapResult> serial = points.stream().map(monaco::snap).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<SnapResult>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> points.stream().map(monaco::snap).toList()));
            }
            for (Future<List<SnapResult>> f : futures) {
                assertEquals(serial, f.get(60, TimeUnit.SECONDS), "seed 42: concurrent snaps differ");
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(serial.stream().anyMatch(RoadSnap.class::isInstance), "some points are on roads");
    }

    private static GeoPoint midpoint(GeoPoint a, GeoPoint b) {
        return new GeoPoint((a.latitudeDeg() + b.latitudeDeg()) / 2, (a.longitudeDeg() + b.longitudeDeg()) / 2);
    }
}
