package org.avfusion.runtime.align;

/** What one sensor contributed to an aligned set. */
public enum SensorStatus {
    /** Contributed a frame (or samples) matched to the reference stamp. */
    OK,
    /** Alive, but nothing within tolerance of the reference stamp (a dropped or late frame). */
    MISSING,
    /** Silent for longer than its timeout (dead or disconnected). */
    SILENT
}
