package org.avfusion.drivers.map;

/**
 * A route was asked for between positions one of which is too far from every road. Carries the
 * {@link OffRoad} outcome (coordinate and distance) and which end of the route it was.
 */
public final class OffMapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient OffRoad offRoad;
    private final int pointIndex;

    public OffMapException(OffRoad offRoad, int pointIndex) {
        super((pointIndex == 0 ? "route start " : "route destination ") + offRoad.message());
        this.offRoad = offRoad;
        this.pointIndex = pointIndex;
    }

    /** The coordinate and the distance to the nearest road. */
    public OffRoad offRoad() {
        return offRoad;
    }

    /** 0 for the route's start, 1 for its destination. */
    public int pointIndex() {
        return pointIndex;
    }
}
