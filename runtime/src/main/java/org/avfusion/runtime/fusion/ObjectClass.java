package org.avfusion.runtime.fusion;

import org.avfusion.runtime.perceive.detect.DrivingClass;

/**
 * The class of a fused or tracked object. {@link #UNKNOWN} is what lidar alone gives: an obstacle of no known kind,
 * never guessed. The others come from a camera detection ({@link DrivingClass}); traffic lights and stop signs are
 * not objects on the road and have no entry.
 */
public enum ObjectClass {
    UNKNOWN("unknown"),
    VEHICLE("vehicle"),
    PEDESTRIAN("pedestrian"),
    CYCLIST("cyclist"),
    OTHER("other");

    private final String label;

    ObjectClass(String label) {
        this.label = label;
    }

    /** The lower-case name printed in JSON. */
    public String label() {
        return label;
    }

    /** The object class of a detection's driving class, or null for traffic lights and stop signs. */
    public static ObjectClass of(DrivingClass c) {
        return switch (c) {
            case VEHICLE -> VEHICLE;
            case PEDESTRIAN -> PEDESTRIAN;
            case CYCLIST -> CYCLIST;
            case OTHER -> OTHER;
            case TRAFFIC_LIGHT, STOP_SIGN -> null;
        };
    }
}
