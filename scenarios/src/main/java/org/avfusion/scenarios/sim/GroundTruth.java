package org.avfusion.scenarios.sim;

import java.util.List;

/**
 * The true state of a simulated world, for checking what the runtime perceives and decides. Vehicle time in
 * nanoseconds from 0 at the scenario start; world ENU metres.
 *
 * <p>Immutable and thread-safe: any thread may ask at any time, independently of the frames emitted.
 */
public interface GroundTruth {
    /** The ego's base_link state at {@code vehicleNanos}. */
    EgoState egoAt(long vehicleNanos);

    /** Every actor and static obstacle at {@code vehicleNanos}, in scenario-file order. */
    List<ActorState> actorsAt(long vehicleNanos);

    /** Length of the scenario. */
    long durationNanos();
}
