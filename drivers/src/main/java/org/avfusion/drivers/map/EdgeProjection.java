package org.avfusion.drivers.map;

import java.util.Objects;

/**
 * A position projected onto one road edge (a segment of road between two junctions) of a {@link RoadNetwork}: what a
 * map matcher weighs as a candidate.
 *
 * @param edgeId           the edge's id in the network's graph (stable for one imported graph)
 * @param baseNode         graph node the edge's geometry starts at
 * @param adjNode          graph node it ends at
 * @param osmWayId         OpenStreetMap way the edge came from, or {@link RoadSnap#UNKNOWN_WAY_ID}
 * @param roadName         the way's {@code name}, {@code ""} when it has none
 * @param lengthMeters     length of the edge, metres, > 0
 * @param offsetMeters     distance along the edge from {@code baseNode} to the projected point, metres, in
 *                         [0, lengthMeters]
 * @param lateralMeters    signed distance from the edge to the position, metres, positive when the position is to the
 *                         left of the edge's base-to-adj direction
 * @param distanceMeters   unsigned distance from the position to the projected point, metres, >= 0
 * @param snapped          the projected point on the edge
 * @param headingDeg       direction of the edge at the projected point, base to adj, degrees clockwise from north, in
 *                         [0, 360)
 * @param forwardAllowed   whether a car may drive the edge from base to adj
 * @param backwardAllowed  whether a car may drive it from adj to base
 */
public record EdgeProjection(
        int edgeId,
        int baseNode,
        int adjNode,
        long osmWayId,
        String roadName,
        double lengthMeters,
        double offsetMeters,
        double lateralMeters,
        double distanceMeters,
        GeoPoint snapped,
        double headingDeg,
        boolean forwardAllowed,
        boolean backwardAllowed) {

    public EdgeProjection {
        Objects.requireNonNull(roadName, "roadName");
        Objects.requireNonNull(snapped, "snapped");
        if (!(distanceMeters >= 0) || !Double.isFinite(offsetMeters) || !Double.isFinite(lateralMeters)) {
            throw new IllegalArgumentException("edge " + edgeId + ": distance, offset and lateral offset must be finite,"
                    + " distance >= 0");
        }
    }
}
