package org.avfusion.drivers.map;

/**
 * What {@link RoadNetwork#snap(GeoPoint)} found for a position: a {@link RoadSnap} on the nearest road, or
 * {@link OffRoad} when no road is within the network's snap distance. Both are expected per-fix outcomes, so
 * they are values rather than exceptions.
 */
public sealed interface SnapResult permits RoadSnap, OffRoad {

    /** The position that was snapped. */
    GeoPoint query();
}
