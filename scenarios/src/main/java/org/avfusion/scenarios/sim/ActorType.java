package org.avfusion.scenarios.sim;

/** What a ground-truth actor is. */
public enum ActorType {
    PEDESTRIAN,
    CAR,
    /** A bicycle and its rider, following the road like a car. */
    CYCLIST,
    /** A static obstacle: a parked car or a wall. */
    STATIC
}
