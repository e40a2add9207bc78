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
    /**
     * The reference lidar sweep is missing from the set or the lidar is silent: fail-safe STOP (at once, or once a
     * lidar dropout has outlasted {@code traffic.lidarDropoutMaxMillis}, or when the camera is missing too).
     */
    LIDAR_MISSING,
    /**
     * Lidar dropout, camera there: for at most {@code traffic.lidarDropoutMaxMillis} after the last sweep the decision
     * comes from the tracks the camera keeps (detections placed by the depth model or the flat-ground range of their
     * box): SLOW to at most {@code traffic.lidarDropoutSpeedFactor} times the speed at the last sweep, behind a lead
     * vehicle with the time gap grown by {@code traffic.lidarDropoutTimeGapFactor}. A track that asks for STOP (the
     * lead too close) still gets it, with its own reason.
     */
    LIDAR_MISSING_CAMERA_DEPTH,
    /**
     * Fallback path only ({@code ego.filterEnabled: false}): no interpolated speed / yaw rate (GNSS, IMU) younger than
     * {@code decision.egoMotionMaxAgeMillis} to predict the path: fail-safe STOP.
     */
    EGO_MOTION_STALE,
    /**
     * No trustworthy ego motion: with the ego-motion filter, its estimate is {@code UNKNOWN} (no source fused for
     * {@code ego.filter.unknownAfterSeconds}, or none yet, e.g. a recording with lidar only and
     * {@code ego.lidarOdometry: false}); on the fallback path, no source of ego motion is configured at all.
     * Fail-safe STOP; a replay still runs and reports it.
     */
    EGO_MOTION_UNKNOWN,
    /**
     * GNSS lost: the estimate has been dead-reckoned for longer than {@code ego.deadReckonedMaxMillis} since the last
     * GNSS position (or there has been none yet although a GNSS sensor is configured): STOP.
     */
    EGO_DEAD_RECKONED_TOO_LONG,
    /** A sensor configured as critical is silent: fail-safe STOP. */
    CRITICAL_SENSOR_SILENT,
    /** A destination is set but no car route reaches it (off the map, unreachable, blocked): STOP (map issue #12). */
    NO_ROUTE,
    /** The corridor stayed blocked longer than the reroute threshold: REROUTE on a new route (map issue #12). */
    ROUTE_BLOCKED,
    /** Map in the loop: the destination is near; SLOW so as to stop there (comfortable braking, reaction included). */
    APPROACHING_DESTINATION,
    /** Map in the loop: within the arrival radius of the destination: STOP, the drive is done. */
    DESTINATION_REACHED,
    /** The decision was older than the latency budget when it was to be published: fail-safe STOP. */
    DEADLINE_MISSED
}
