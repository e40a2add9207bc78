package org.avfusion.runtime.ring;

/**
 * What a sensor's frames get when the ring is full. Every drop is counted per sensor and reported in health.
 */
public enum RingFullPolicy {
    /** Wait for a free slot: nothing is lost (lidar sweeps, GNSS fixes). The driver's thread stalls; counted. */
    BLOCK,
    /** Keep the newest frame waiting and drop the older one it replaces (cameras: only the latest image matters). */
    DROP_OLDEST,
    /** Drop the frame that does not fit (high-rate samples whose neighbours carry the same information). */
    DROP_NEWEST
}
