package org.avfusion.scenarios.sim;

/**
 * Where a runtime's decisions reach the simulated ego: the vehicle interface of a closed-loop scenario. The runtime
 * (its replay job) calls {@link #command} once per published decision, in the decisions' order, from any one thread.
 * The ego acts on each at {@code referenceStampNanos + ego.reactionDelaySeconds} of vehicle time.
 */
public interface EgoCommands {
    /** For a scripted ego: commands change nothing. */
    EgoCommands IGNORED = (stamp, speed, decel) -> { };

    /**
     * @param referenceStampNanos      the decision's reference stamp (vehicle time)
     * @param speedLimitMetersPerSec   the speed not to exceed: 0 to stop, {@code +Infinity} for no limit (the driver's
     *                                 own speed profile rules)
     * @param decelMetersPerSec2       the deceleration asked for when above the limit (the ego brakes at most at its
     *                                 {@code maxDecelMetersPerSec2})
     */
    void command(long referenceStampNanos, double speedLimitMetersPerSec, double decelMetersPerSec2);
}
