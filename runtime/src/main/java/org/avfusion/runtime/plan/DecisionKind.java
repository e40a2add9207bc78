package org.avfusion.runtime.plan;

/** What the vehicle should do. */
public enum DecisionKind {
    /** Path clear at the current speed. */
    PROCEED,
    /** Something ahead in the path: reduce speed to {@link Decision#targetSpeedMetersPerSecond()}. */
    SLOW,
    /** Stop: an obstacle within stopping distance, or input the decision cannot do without is missing. */
    STOP,
    /** The route is blocked: a new route avoiding the blocked street was planned ({@code runtime.route.RouteDecisions}). */
    REROUTE
}
