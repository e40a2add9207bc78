package org.avfusion.runtime.ego;

/** How far an {@link EgoEstimate} can be trusted. */
public enum EgoQuality {
    /** An absolute fix (GNSS) is recent and relative sources are live. */
    FUSED,
    /**
     * Speed and yaw rate are known, but no absolute fix for longer than the configured limit (or none yet): position
     * is integrated from motion.
     */
    DEAD_RECKONED,
    /**
     * Nothing recent at all, the filter has never been initialised, or the speed has never been observed (its
     * standard deviation never under {@link EgoFilterConfig#unknownSpeedStdMetersPerSec()}: e.g. an IMU alone, before
     * any speed source or GNSS has been fused; an IMU measures acceleration, not speed).
     */
    UNKNOWN
}
