package org.avfusion.runtime.perceive.depth;

/** Where a detection's depth came from. */
public enum DepthSource {
    /** Lidar points projected into the box. */
    LIDAR,
    /** The scaled monocular depth model (no usable lidar points in the box). */
    MODEL,
    /** Neither: the depth and spread are NaN. */
    NONE
}
