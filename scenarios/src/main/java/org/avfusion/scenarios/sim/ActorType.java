package org.avfusion.scenarios.sim;

/** What a ground-truth actor is. */
public enum ActorType {
    PEDESTRIAN,
    CAR,
    /** A static obstacle: a parked car or a wall. */
    STATIC
}
