package org.avfusion.drivers.map;

import java.util.List;
import java.util.Objects;

/**
 * A car route between two positions, along roads and in the direction one-way streets allow.
 *
 * @param from           the requested start
 * @param to             the requested destination
 * @param distanceMeters length of the path along the roads, metres, >= 0
 * @param timeSeconds    expected driving time at the road speeds of GraphHopper's car model, seconds, >= 0
 * @param path           the polyline from the start's snapped position to the destination's, at least one
 *                       point; unmodifiable
 */
public record Route(GeoPoint from, GeoPoint to, double distanceMeters, double timeSeconds, List<GeoPoint> path) {

    public Route {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!(distanceMeters >= 0) || Double.isInfinite(distanceMeters)) {
            throw new IllegalArgumentException("distanceMeters must be finite and >= 0, was " + distanceMeters);
        }
        if (!(timeSeconds >= 0) || Double.isInfinite(timeSeconds)) {
            throw new IllegalArgumentException("timeSeconds must be finite and >= 0, was " + timeSeconds);
        }
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path must have at least one point");
        }
    }
}
