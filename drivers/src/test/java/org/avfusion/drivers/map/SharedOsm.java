package org.avfusion.drivers.map;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds the OpenStreetMap extracts in {@code ../shared/data/osm}; tests skip where the folder is absent. */
final class SharedOsm {

    private SharedOsm() {
    }

    static Path file(String name) {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "osm");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/osm not found: " + dir.toAbsolutePath());
        Path file = dir.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/data/osm/" + name + " not found: " + file);
        return file;
    }

    /** Great-circle distance (haversine), metres: the slow, obvious reference for the tests. */
    static double meters(GeoPoint a, GeoPoint b) {
        double r = 6_371_008.8;
        double p1 = Math.toRadians(a.latitudeDeg());
        double p2 = Math.toRadians(b.latitudeDeg());
        double dp = p2 - p1;
        double dl = Math.toRadians(b.longitudeDeg() - a.longitudeDeg());
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }

    /** The point {@code meters} to the right (positive) or left of the segment a->b, beside its midpoint. */
    static GeoPoint besideMidpoint(GeoPoint a, GeoPoint b, double meters) {
        double midLat = (a.latitudeDeg() + b.latitudeDeg()) / 2;
        double midLon = (a.longitudeDeg() + b.longitudeDeg()) / 2;
        double mPerDegLat = 111_132.954;
        double mPerDegLon = 111_319.49 * Math.cos(Math.toRadians(midLat));
        double east = (b.longitudeDeg() - a.longitudeDeg()) * mPerDegLon;
        double north = (b.latitudeDeg() - a.latitudeDeg()) * mPerDegLat;
        double len = Math.hypot(east, north);
        // right-hand normal of (east, north) is (north, -east)
        double rightEast = north / len;
        double rightNorth = -east / len;
        return new GeoPoint(midLat + rightNorth * meters / mPerDegLat, midLon + rightEast * meters / mPerDegLon);
    }
}
