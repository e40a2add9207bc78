package org.avfusion.runtime.plan;

/** Why a decision was made. Expected per-frame outcomes are values here, not exceptions. */
public enum DecisionReason {
    /** Nothing occupied in the corridor within the look-ahead. */
    PATH_CLEAR,
    /** Occupied cells in the corridor beyond stopping distance but within the slow-down distance. */
    OBSTACLE_AHEAD,
    /** Occupied cells in the corridor within stopping distance. */
    OBSTACLE_IN_PATH,
    /** The corridor cleared, but not for long enough yet to release a STOP. */
    HOLDING_AFTER_OBSTACLE,
    /** The reference lidar sweep is missing from the set or the lidar is silent: fail-safe STOP. */
    LIDAR_MISSING,
    /** No speed / yaw rate (GNSS, IMU) fresh enough to predict the path: fail-safe STOP. */
    EGO_MOTION_STALE,
    /** A sensor configured as critical is silent: fail-safe STOP. */
    CRITICAL_SENSOR_SILENT,
    /** The decision was older than the latency budget when it was to be published: fail-safe STOP. */
    DEADLINE_MISSED
}
