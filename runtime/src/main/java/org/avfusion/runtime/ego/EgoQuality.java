package org.avfusion.runtime.ego;

/** How far an {@link EgoEstimate} can be trusted. */
public enum EgoQuality {
    /** An absolute fix (GNSS) is recent and relative sources are live. */
    FUSED,
    /** No absolute fix for longer than the configured limit (or none yet): position is integrated from motion. */
    DEAD_RECKONED,
    /** Nothing recent at all, or the filter has never been initialised. */
    UNKNOWN
}
