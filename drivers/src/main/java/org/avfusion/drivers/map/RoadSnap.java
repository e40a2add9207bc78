package org.avfusion.drivers.map;

import java.util.Objects;

/**
 * A position snapped onto the nearest road a car may use.
 *
 * @param query          the position that was snapped (a GNSS fix, say)
 * @param snapped        the nearest point on the road's centre line
 * @param distanceMeters great-circle distance from {@code query} to {@code snapped}, metres, >= 0
 * @param osmWayId       id of the OpenStreetMap way the road segment came from, or {@link #UNKNOWN_WAY_ID}
 * @param roadName       the way's {@code name} tag, or {@code ""} when it has none
 * @param headingDeg     direction of the road at {@code snapped}, degrees clockwise from true north, in
 *                       [0, 360): for a one-way road the direction cars may drive; for a two-way road the
 *                       direction in which the way was drawn (the opposite direction is equally valid)
 * @param oneWay         true when cars may drive the road in the {@code headingDeg} direction only
 */
public record RoadSnap(
        GeoPoint query,
        GeoPoint snapped,
        double distanceMeters,
        long osmWayId,
        String roadName,
        double headingDeg,
        boolean oneWay) implements SnapResult {

    public static final long UNKNOWN_WAY_ID = -1;

    public RoadSnap {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(snapped, "snapped");
        Objects.requireNonNull(roadName, "roadName (use \"\")");
        if (!(distanceMeters >= 0) || Double.isInfinite(distanceMeters)) {
            throw new IllegalArgumentException("distanceMeters must be finite and >= 0, was " + distanceMeters);
        }
        if (!(headingDeg >= 0 && headingDeg < 360)) {
            throw new IllegalArgumentException("headingDeg must be in [0, 360), was " + headingDeg);
        }
        if (osmWayId < UNKNOWN_WAY_ID) {
            throw new IllegalArgumentException("osmWayId must be >= 0 or UNKNOWN_WAY_ID, was " + osmWayId);
        }
    }
}
