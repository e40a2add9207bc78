package org.avfusion.runtime.align;

/**
 * A copy of {@link TimeAligner}'s counters taken on its thread ({@link TimeAligner#counters()}), immutable, so that
 * another thread (the health report) can read it once it has been published safely (e.g. through a volatile field).
 * The arrays are private copies; the accessors index them.
 */
public record AlignerCounters(long sets, long partialSets, long silentReferenceSets, long[] received,
        long[] outOfOrder, long[] late, boolean[] silent) {

    /** No counts for {@code sensors} sensors: what a report shows before the aligner's first snapshot. */
    public static AlignerCounters empty(int sensors) {
        return new AlignerCounters(0, 0, 0, new long[sensors], new long[sensors], new long[sensors],
                new boolean[sensors]);
    }

    public AlignerCounters {
        int n = received.length;
        if (outOfOrder.length != n || late.length != n || silent.length != n) {
            throw new IllegalArgumentException("AlignerCounters: per-sensor arrays differ in length");
        }
    }

    public long receivedCount(int sensor) {
        return received[sensor];
    }

    public long outOfOrderCount(int sensor) {
        return outOfOrder[sensor];
    }

    public long lateCount(int sensor) {
        return late[sensor];
    }

    public boolean isSilent(int sensor) {
        return silent[sensor];
    }
}
