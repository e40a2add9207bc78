package org.avfusion.drivers.map;

import java.util.Locale;
import java.util.Objects;

/**
 * A position too far from every road of the map to be snapped: off the map's extent, or in a field, a lake, a
 * park.
 *
 * @param query                 the position that was snapped
 * @param nearestRoadMeters     distance to the nearest road the search found, metres, or {@code NaN} when the
 *                              search found none at all (the position is far outside the map)
 * @param maxSnapDistanceMeters the limit the network was configured with, metres
 */
public record OffRoad(GeoPoint query, double nearestRoadMeters, double maxSnapDistanceMeters) implements SnapResult {

    public OffRoad {
        Objects.requireNonNull(query, "query");
        if (!Double.isNaN(nearestRoadMeters) && !(nearestRoadMeters > maxSnapDistanceMeters)) {
            throw new IllegalArgumentException("nearestRoadMeters " + nearestRoadMeters
                    + " is within maxSnapDistanceMeters " + maxSnapDistanceMeters + ": that is a RoadSnap");
        }
    }

    /** A sentence naming the coordinate and the distance, for logs and error messages. */
    public String message() {
        if (Double.isNaN(nearestRoadMeters)) {
            return "position " + query + " is off the map: no road found near it (the map does not cover it)";
        }
        return String.format(Locale.ROOT, "position %s is off the map: the nearest road is %.1f m away (more than %.1f m)",
                query, nearestRoadMeters, maxSnapDistanceMeters);
    }
}
