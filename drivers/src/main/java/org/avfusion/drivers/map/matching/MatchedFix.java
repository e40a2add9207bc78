package org.avfusion.drivers.map.matching;

import java.util.Objects;
import org.avfusion.drivers.map.GeoPoint;

/**
 * Where one fix was placed on the road network.
 *
 * @param stampNanos     the fix's stamp, vehicle clock, nanoseconds
 * @param fix            the position given
 * @param status         ON_ROAD or OFF_ROAD; for OFF_ROAD the road fields are {@code -1}, {@code ""} or NaN
 * @param edgeId         the road edge (graph id), -1 when off road
 * @param osmWayId       the OpenStreetMap way of the edge, -1 when unknown or off road
 * @param roadName       the road's name, {@code ""} when unnamed or off road
 * @param forward        true when driving the edge from its base node to its adj node
 * @param headingDeg     direction of travel along the road at the matched point, degrees clockwise from north
 * @param offsetMeters   distance along the edge from its base node to the matched point, metres
 * @param lateralMeters  signed distance of the fix from the road centre line, metres, positive to the left of the
 *                       direction of travel
 * @param snapped        the matched point on the road, null when off road
 */
public record MatchedFix(long stampNanos, GeoPoint fix, MatchStatus status, int edgeId, long osmWayId,
        String roadName, boolean forward, double headingDeg, double offsetMeters, double lateralMeters,
        GeoPoint snapped) {

    public MatchedFix {
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(roadName, "roadName");
        if (status == MatchStatus.ON_ROAD && (edgeId < 0 || snapped == null)) {
            throw new IllegalArgumentException("an ON_ROAD match needs an edge and a snapped point");
        }
    }

    static MatchedFix offRoad(long stampNanos, GeoPoint fix) {
        return new MatchedFix(stampNanos, fix, MatchStatus.OFF_ROAD, -1, -1, "", true, Double.NaN, Double.NaN,
                Double.NaN, null);
    }
}
