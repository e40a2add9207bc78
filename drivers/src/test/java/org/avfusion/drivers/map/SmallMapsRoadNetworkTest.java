package org.avfusion.drivers.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-data checks on the PBF extract of Andorra and the tiny XML junction near Bautzen, one import each. */
class SmallMapsRoadNetworkTest {

    @TempDir
    static Path cache;

    @Test
    void andorraPbfCarRouteMatchesReferenceDistance() {
        try (RoadNetwork andorra = RoadNetwork.load(SharedOsm.file("andorra.osm.pbf"),
                MapConfig.defaults().withCacheRoot(cache))) {
            Route route = andorra.route(new GeoPoint(42.56819, 1.603231), new GeoPoint(42.571034, 1.520662));
            assertEquals(17_708, route.distanceMeters(), 17_708 * 0.03, "README reference route, m");
            assertTrue(route.timeSeconds() > 17_708 / 40.0 && route.timeSeconds() < 17_708 / 5.0,
                    "plausible mountain-road time: " + route.timeSeconds() + " s");
            assertEquals(1, andorra.stats().routes());
        }
    }

    /**
     * bautzen.osm is a motorway junction: node 25623747 lies on one of its carriageways, which are one-way by
     * OpenStreetMap's motorway default.
     */
    @Test
    void bautzenJunctionLoadsAndItsMotorwaySnapsOneWay() {
        try (RoadNetwork bautzen = RoadNetwork.load(SharedOsm.file("bautzen.osm"),
                MapConfig.defaults().withCacheRoot(cache))) {
            assertTrue(bautzen.edgeCount() > 10, "edges: " + bautzen.edgeCount());
            RoadSnap snap = assertInstanceOf(RoadSnap.class, bautzen.snap(51.1893029, 14.4124978));
            assertEquals(0, snap.distanceMeters(), 0.01, "the node is on the road");
            assertTrue(snap.oneWay(), "motorway carriageway is one-way: " + snap);
            assertTrue(snap.osmWayId() > 0, "way id known: " + snap);
        }
    }
}
