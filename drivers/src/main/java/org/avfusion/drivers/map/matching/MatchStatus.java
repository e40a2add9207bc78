package org.avfusion.drivers.map.matching;

/** Whether a fix was placed on a road. */
public enum MatchStatus {
    /** On a road edge: road, direction and offsets are set. */
    ON_ROAD,
    /** No road a car may use within the search radius: the vehicle is off the road network (or off the map). */
    OFF_ROAD
}
