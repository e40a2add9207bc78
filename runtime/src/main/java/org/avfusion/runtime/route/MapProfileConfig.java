package org.avfusion.runtime.route;

import static org.avfusion.calibration.yaml.Bounds.*;

import java.util.Locale;
import org.avfusion.calibration.yaml.BoundsException;
import org.avfusion.drivers.map.GeoPoint;

/**
 * The {@code map:} section of a profile: which maps to load at start-up, where to go, and the matcher and route
 * settings. Paths are relative to the profile's folder ({@code runtime.config.MapStartup} resolves them).
 *
 * @param file                        road map (OSM XML, {@code .osm.gz} or PBF); {@code ""} = no map (the corridor is
 *                                    the yaw-rate arc)
 * @param lanelet2File                optional lane-level map in Lanelet2's OSM encoding; {@code ""} = none
 * @param cacheFolder                 imported road graphs; {@code ""} = {@code <java.io.tmpdir>/avfusion-graph-cache}
 * @param destination                 {@code "lat,lon"} in degrees, or {@code ""} (none until a command sets one)
 * @param maxSnapDistanceMeters       a position farther than this from every road is off the map, (0, 1000] m
 * @param maxFixDistanceFromMapMeters the first fix may lie at most this far outside the map's bounds, else start-up
 *                                    fails (wrong map for this place), [0, 100000] m
 * @param matcher                     map matching
 * @param route                       destination, progress and reroute
 */
public record MapProfileConfig(String file, String lanelet2File, String cacheFolder, String destination,
        double maxSnapDistanceMeters, double maxFixDistanceFromMapMeters, MatcherSettings matcher, RouteConfig route) {

    public MapProfileConfig {
        required("map.file", file, "\"\" or maps/monaco.osm.gz");
        required("map.lanelet2File", lanelet2File, "\"\" or maps/lanelet2.osm");
        required("map.cacheFolder", cacheFolder, "\"\"");
        required("map.destination", destination, "\"\" or \"43.7307,7.4213\"");
        requirePositive("map.maxSnapDistanceMeters", maxSnapDistanceMeters, 1000, "m");
        requireInRange("map.maxFixDistanceFromMapMeters", maxFixDistanceFromMapMeters, 0, 100_000, "m");
        required("map.matcher", matcher, "{searchRadiusMeters: 40.0, ...}");
        required("map.route", route, "{rerouteAfterBlockedMillis: 5000, ...}");
        if (!destination.isBlank()) {
            parseDestination(destination);
            if (file.isBlank()) {
                throw new BoundsException("map.destination", "is set but map.file is not: a destination needs a road "
                        + "map to route on");
            }
        }
        if (!lanelet2File.isBlank() && file.isBlank()) {
            throw new BoundsException("map.lanelet2File", "is set but map.file is not: give the road map as well");
        }
    }

    /** Whether a road map is configured. */
    public boolean enabled() {
        return !file.isBlank();
    }

    /** The destination, or null when none is configured. */
    public GeoPoint destinationPoint() {
        return destination.isBlank() ? null : parseDestination(destination);
    }

    static GeoPoint parseDestination(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new BoundsException("map.destination", "must be \"lat,lon\" in degrees, e.g. \"43.7307,7.4213\", was '"
                    + text + "'");
        }
        try {
            return new GeoPoint(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new BoundsException("map.destination", "must be two numbers \"lat,lon\", was '" + text + "'");
        } catch (IllegalArgumentException e) {
            throw new BoundsException("map.destination", e.getMessage().toLowerCase(Locale.ROOT) + " in '" + text + "'");
        }
    }
}
