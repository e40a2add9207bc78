package org.avfusion.scenarios.sim.render;

import org.avfusion.scenarios.sim.world.Road;

/**
 * Paint of the ground: road surface between the edges, a solid edge line on each side, grass outside.
 * Shared by the lidar (intensity) and the camera (colour) so both sensors see the same markings.
 */
public final class RoadSurface {
    /** Width of an edge line, metres. */
    public static final double LINE_WIDTH_METERS = 0.15;
    /** Distance from the road edge to the centre of its edge line, metres. */
    public static final double LINE_INSET_METERS = 0.3;

    private RoadSurface() {
    }

    /** The material at a world point on the ground. */
    public static Material materialAt(Road road, double xMeters, double yMeters) {
        double lateral = Math.abs(road.lateralOffsetMeters(xMeters, yMeters));
        double half = road.widthMeters() / 2;
        if (!(lateral <= half)) {
            return Material.GROUND;
        }
        return Math.abs(lateral - (half - LINE_INSET_METERS)) <= LINE_WIDTH_METERS / 2 ? Material.LANE_MARKING
                : Material.ROAD;
    }
}
