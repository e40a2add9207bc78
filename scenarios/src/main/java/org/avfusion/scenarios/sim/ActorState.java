package org.avfusion.scenarios.sim;

import java.util.Objects;

/**
 * The true state of one actor: an upright box in world ENU metres.
 *
 * @param id      the scenario's id for it
 * @param centreZMeters height of the box centre (half its height: boxes stand on the ground)
 * @param yawRad  heading of the box's length axis, counter-clockwise from east
 * @param vxMetersPerSecond world east velocity
 * @param vyMetersPerSecond world north velocity
 */
public record ActorState(String id, ActorType type, double centreXMeters, double centreYMeters, double centreZMeters,
        double yawRad, double lengthMeters, double widthMeters, double heightMeters, double vxMetersPerSecond,
        double vyMetersPerSecond) {
    public ActorState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }
}
