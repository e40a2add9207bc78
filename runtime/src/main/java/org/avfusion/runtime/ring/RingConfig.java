package org.avfusion.runtime.ring;


/**
 * Ring settings.
 *
 * @param size          slots, a power of two
 * @param waitStrategy  how stages wait for events
 * @param tickPeriodMillis vehicle time between clock ticks published onto the ring (time-outs fire on ticks)
 */
public record RingConfig(int size, WaitStrategyKind waitStrategy, double tickPeriodMillis) {
    public RingConfig {
        if (size < 16 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("ring.size must be a power of 2 and >= 16, was " + size);
        }
        if (waitStrategy == null) {
            throw new IllegalArgumentException("ring.waitStrategy is missing: one of BLOCKING, SLEEPING, YIELDING, BUSY_SPIN");
        }
        if (!(tickPeriodMillis >= 1 && tickPeriodMillis <= 1000)) {
            throw new IllegalArgumentException("ring.tickPeriodMillis must be in [1, 1000], was " + tickPeriodMillis);
        }
    }

    public long tickPeriodNanos() {
        return Math.round(tickPeriodMillis * 1e6);
    }
}
