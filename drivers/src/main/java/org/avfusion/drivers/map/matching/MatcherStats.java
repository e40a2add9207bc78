package org.avfusion.drivers.map.matching;

/**
 * Counts of what an {@link HmmMapMatcher} has done, as an immutable snapshot.
 *
 * @param fixes    fixes offered
 * @param onRoad   fixes whose current estimate was on a road
 * @param offRoad  fixes with no road within the search radius
 * @param breaks   times the model had to restart because no candidate of a fix was reachable from the previous
 *                 fix's (a gap, a teleport, a road missing from the map)
 * @param rejected fixes refused as out of order (stamp not after the previous one)
 */
public record MatcherStats(long fixes, long onRoad, long offRoad, long breaks, long rejected) {
}
