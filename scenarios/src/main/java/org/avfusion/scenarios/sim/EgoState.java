package org.avfusion.scenarios.sim;

/**
 * The ego's true base_link state.
 *
 * @param xMeters                 world east
 * @param yMeters                 world north
 * @param yawRad                  heading, counter-clockwise from east
 * @param speedMetersPerSecond    forward speed, >= 0
 * @param yawRateRadPerSec        counter-clockwise turn rate
 * @param accelMetersPerSec2      longitudinal acceleration (negative when braking)
 */
public record EgoState(double xMeters, double yMeters, double yawRad, double speedMetersPerSecond,
        double yawRateRadPerSec, double accelMetersPerSec2) {
}
