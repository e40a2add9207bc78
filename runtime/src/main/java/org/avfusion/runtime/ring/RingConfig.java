package org.avfusion.runtime.ring;

import static org.avfusion.calibration.yaml.Bounds.*;


/**
 * Ring settings.
 *
 * @param size          slots, a power of two
 * @param waitStrategy  how stages wait for events
 * @param tickPeriodMillis vehicle time between clock ticks published onto the ring (time-outs fire on ticks)
 */
public record RingConfig(int size, WaitStrategyKind waitStrategy, double tickPeriodMillis) {
    /**
     * Largest ring: 2^20 slots. Slots are preallocated; 2^26 took 6.5 GB (about 100 bytes a slot with its
     * references) and ended in an OutOfMemoryError, so 2^20 is about 100 MB, and at 1,000 frames a second it still
     * holds 17 minutes of backlog, far past every sensor time-out.
     */
    public static final int MAX_SIZE = 1 << 20;

    public RingConfig {
        requirePowerOfTwo("ring.size", size, 16, MAX_SIZE, "slots");
        requireEnum("ring.waitStrategy", waitStrategy, WaitStrategyKind.class);
        requireInRange("ring.tickPeriodMillis", tickPeriodMillis, 1, 1000, "ms");
    }

    public long tickPeriodNanos() {
        return Math.round(tickPeriodMillis * 1e6);
    }
}
