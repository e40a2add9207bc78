package org.avfusion.drivers.map.lanelet2;

/**
 * A Lanelet2 point (an OSM node) in WGS-84 and in the map's local east-north frame.
 *
 * @param id           the OSM node id
 * @param latitudeDeg  latitude, degrees
 * @param longitudeDeg longitude, degrees
 * @param eastMeters   east of the map's local origin, metres: the node's {@code local_x} tag where the map has one,
 *                     else the projection onto the tangent plane at {@link LaneletMap#origin()}
 * @param northMeters  north of the local origin, metres ({@code local_y}, or projected)
 */
public record MapPoint(long id, double latitudeDeg, double longitudeDeg, double eastMeters, double northMeters) {

    public MapPoint {
        if (!(latitudeDeg >= -90 && latitudeDeg <= 90) || !(longitudeDeg >= -180 && longitudeDeg <= 180)) {
            throw new IllegalArgumentException("point " + id + ": lat/lon out of range: " + latitudeDeg + ", "
                    + longitudeDeg);
        }
        if (!Double.isFinite(eastMeters) || !Double.isFinite(northMeters)) {
            throw new IllegalArgumentException("point " + id + ": local coordinates must be finite");
        }
    }

    /** Planar distance to {@code other} in the local frame, metres. */
    public double distanceMeters(MapPoint other) {
        return Math.hypot(other.eastMeters - eastMeters, other.northMeters - northMeters);
    }
}
