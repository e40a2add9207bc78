package org.avfusion.drivers.recorded;

/** Why a recorded source skipped input; each is counted in {@link RecordedHealth}. */
public enum RejectReason {
    /** A file the layout promises (a data file, a timestamps file) is not there. */
    MISSING_FILE,
    /** A folder the layout promises (e.g. {@code velodyne_points/data}) is not there: its stream is skipped. */
    MISSING_FOLDER,
    /** A file exists but cannot be read or decoded as a whole (unreadable bag, corrupt chunk, undecodable image). */
    UNREADABLE_FILE,
    /** A record, line or message does not have the structure its format requires (too short, bad length). */
    MALFORMED,
    /** A well-formed value outside its physical range (latitude 91, nanoseconds >= 1e9, NaN acceleration). */
    IMPOSSIBLE_VALUE,
    /** Well-formed input this driver does not decode (an image encoding other than bgr8/rgb8/mono8/jpeg/png). */
    UNSUPPORTED,
    /** The frame does not fit a pooled buffer (more points or pixels than the pool was sized for). */
    TOO_LARGE,
    /** Every pooled buffer was in use: the frame was lost. */
    POOL_EXHAUSTED,
    /**
     * The file ends before its format says it should (a recording cut short by a crash or power loss): what comes
     * before the cut replays, the message names the byte where the file ends and what the cut lost. What the
     * recorder wrote after the cut is lost and how much is not known, so a cut counts once.
     */
    TRUNCATED_FILE,
    /** A frame stamped out of its stream's order (time going backwards): skipped so that time only moves forward. */
    OUT_OF_ORDER
}
