package org.avfusion.drivers.map;

/**
 * What a {@link RoadNetwork} has answered, as an immutable snapshot.
 *
 * @param snaps          positions snapped onto a road
 * @param offRoad        positions too far from every road (see {@link OffRoad})
 * @param routes         routes found
 * @param routesFailed   route requests that failed: an end off the map, or no road connection between the ends
 * @param lastError      the last off-road position or failed route, naming the coordinate and the distance or
 *                       the reason; {@code ""} when there was none
 */
public record MapStats(long snaps, long offRoad, long routes, long routesFailed, String lastError) {

    public MapStats {
        if (snaps < 0 || offRoad < 0 || routes < 0 || routesFailed < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (lastError == null) {
            throw new IllegalArgumentException("lastError must not be null (use \"\")");
        }
    }
}
