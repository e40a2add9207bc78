package org.avfusion.scenarios.sim.render;

import org.avfusion.scenarios.sim.world.Road;

/**
 * What a renderer may ask of the simulated world at a given vehicle time. Implementations must not allocate
 * in {@link #egoPose} and {@link #updateBoxes}: they are called once per lidar column.
 */
public interface SceneView {
    /** The road (surface, lane markings). */
    Road road();

    /** Writes the ego's {@code base_link} pose at {@code vehicleNanos}: {@code out[0]} x, {@code out[1]} y (world ENU metres), {@code out[2]} yaw (rad). */
    void egoPose(long vehicleNanos, double[] out);

    /** Rewrites {@code boxes} with every obstacle and actor at {@code vehicleNanos}. */
    void updateBoxes(long vehicleNanos, OrientedBoxes boxes);
}
