package org.avfusion.drivers.gnss.source;

/**
 * Which time axis an {@link NmeaFileSource} gives its fixes. Speed (real time, faster, as fast as possible) is the
 * {@link org.avfusion.drivers.source.ReplayPacer}'s business; this only says where the arrival times come from.
 */
public enum NmeaReplayTiming {
    /** {@link #LINE_STAMPS} when the log's first sentence carries an arrival stamp, else {@link #FIX_TIMES}. */
    AUTO,
    /**
     * The arrival stamps written before each line ({@code gpspipe -t/-u} style, see {@link NmeaFileSource}): the
     * fix arrives when the line that completed its epoch arrived. Lines without a stamp inherit the last one.
     */
    LINE_STAMPS,
    /**
     * The receiver's UTC fix times: the fix arrives at its own time. Fixes with no known time (no date received
     * yet) and fixes that go back in time arrive with the previous fix.
     */
    FIX_TIMES,
    /** Every fix at the start time, in file order: no timing at all, for decoding and tests. */
    NONE
}
