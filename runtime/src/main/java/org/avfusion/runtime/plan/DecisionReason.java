package org.avfusion.runtime.plan;

/** Why a decision was made. Expected per-frame outcomes are values here, not exceptions. */
public enum DecisionReason {
    /** Nothing occupied in the corridor within the look-ahead. */
    PATH_CLEAR,
    /** Occupied cells (or a tracked object) in the corridor beyond stopping distance but within the slow-down
     * distance. */
    OBSTACLE_AHEAD,
    /** Occupied cells (or a tracked object) in the corridor within stopping distance. */
    OBSTACLE_IN_PATH,
    /** The corridor cleared, but not for long enough yet to release a STOP. */
    HOLDING_AFTER_OBSTACLE,
    /** A lead vehicle moves along the corridor: SLOW to the speed that holds the time gap behind it. */
    FOLLOWING,
    /** Behind a lead vehicle, the gap fell under the stop margin or keeping it needs more than the comfort
     * deceleration: STOP. */
    LEAD_TOO_CLOSE,
    /** A tracked object is predicted to enter the corridor ahead: SLOW so that the ego can stop before it. */
    ENTERING_PATH,
    /** An object seen by the camera alone (no lidar support) is in the corridor at speed: SLOW, never an emergency
     * STOP on one modality's word. */
    CAMERA_ONLY_UNCORROBORATED,
    /** The reference lidar sweep is missing from the set or the lidar is silent: fail-safe STOP. */
    LIDAR_MISSING,
    /** No speed / yaw rate (GNSS, IMU) fresh enough to predict the path: fail-safe STOP. */
    EGO_MOTION_STALE,
    /** A sensor configured as critical is silent: fail-safe STOP. */
    CRITICAL_SENSOR_SILENT
}
