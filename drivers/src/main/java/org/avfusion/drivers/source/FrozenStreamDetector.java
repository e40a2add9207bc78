package org.avfusion.drivers.source;

/**
 * Tells a live stream that still flows from one that is frozen: a sensor (or a broken gateway) repeating the same
 * packet, or sending packets whose own time stamps no longer advance. Fed one observation per packet (or fix) by
 * the source's thread, it says whether to use it:
 * <ul>
 * <li>identical to the previous one: {@link Verdict#DUPLICATE}, never used (a duplicate on the wire adds nothing);</li>
 * <li>its stamp not later than the previous one's: {@link Verdict#STALE}, used (a reordered or late packet, a
 *     clock step) until {@code repeatsToFreeze} such packets come in a row;</li>
 * <li>{@code repeatsToFreeze} duplicates or stale packets in a row: the stream is {@link Verdict#FROZEN} and nothing
 *     of it is used until a packet with an advancing stamp comes ({@link Verdict#FRESH}).</li>
 * </ul>
 * A frozen source therefore publishes no frames, so the time aligner sees it fall silent past its timeout and the
 * decision policy treats it as a dead sensor (fail-safe STOP for a critical one); the source's health says
 * {@code FROZEN}. Motivation: 2,742 copies of one valid Velodyne packet used to become ~1,300 sweeps with the lidar
 * reported OK.
 *
 * <p>Threading: written by one thread; the counters and {@link #frozen()} may be read from any thread.
 * Allocation: none.
 */
public final class FrozenStreamDetector {
    /** What to do with one packet. */
    public enum Verdict {
        /** Its stamp advances: use it. */
        FRESH,
        /** Stamp not advancing (late, reordered, clock step): use it, but it counts towards a freeze. */
        STALE,
        /** Byte for byte the previous packet: drop it. */
        DUPLICATE,
        /** The stream is frozen: drop it. */
        FROZEN;

        /** Whether the packet should be decoded and published. */
        public boolean use() {
            return this == FRESH || this == STALE;
        }
    }

    private final int repeatsToFreeze;
    private int streak;
    private volatile boolean frozen;
    private volatile long duplicates;
    private volatile long stale;
    private volatile long frozenEpisodes;
    private volatile long droppedWhileFrozen;

    /** @param repeatsToFreeze duplicates or stale packets in a row that make a stream frozen, 2..1,000,000 */
    public FrozenStreamDetector(int repeatsToFreeze) {
        if (repeatsToFreeze < 2 || repeatsToFreeze > 1_000_000) {
            throw new IllegalArgumentException("repeatsToFreeze must be in [2, 1000000]: " + repeatsToFreeze);
        }
        this.repeatsToFreeze = repeatsToFreeze;
    }

    /**
     * @param identical     the packet is byte for byte the previous one
     * @param stampAdvanced its own stamp is later than the previous packet's (true when the format has none)
     */
    public Verdict observe(boolean identical, boolean stampAdvanced) {
        if (!identical && stampAdvanced) {
            streak = 0;
            frozen = false;
            return Verdict.FRESH;
        }
        if (identical) {
            duplicates = duplicates + 1;
        } else {
            stale = stale + 1;
        }
        if (streak < repeatsToFreeze) {
            streak++;
        }
        if (streak >= repeatsToFreeze) {
            if (!frozen) {
                frozen = true;
                frozenEpisodes = frozenEpisodes + 1;
            }
            droppedWhileFrozen = droppedWhileFrozen + 1;
            return Verdict.FROZEN;
        }
        return identical ? Verdict.DUPLICATE : Verdict.STALE;
    }

    /** Whether the stream is frozen now. */
    public boolean frozen() {
        return frozen;
    }

    /** {@code FROZEN} or {@code OK}, for health reports. */
    public String status() {
        return frozen ? "FROZEN" : "OK";
    }

    public long duplicates() {
        return duplicates;
    }

    public long stale() {
        return stale;
    }

    /** Times the stream froze. */
    public long frozenEpisodes() {
        return frozenEpisodes;
    }

    /** Packets dropped because the stream was frozen. */
    public long droppedWhileFrozen() {
        return droppedWhileFrozen;
    }
}
