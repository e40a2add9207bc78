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
     * Largest ring: 2^13 slots. Slots are preallocated with their frame buffers: in the launcher's smallest heap (96
     * MB, a simulated drive's replay) 2^14 slots still ran and 2^15 (about 1.5 KB a slot on top of the 50 MB live
     * set) ended in an OutOfMemoryError (2026-12 probe), so 2^13 keeps half of that as margin; at 1,000 frames a
     * second it still holds 8 s of backlog, past every default sensor time-out.
     */
    public static final int MAX_SIZE = 1 << 13;

    public RingConfig {
        requirePowerOfTwo("ring.size", size, 16, MAX_SIZE, "slots");
        requireEnum("ring.waitStrategy", waitStrategy, WaitStrategyKind.class);
        requireInRange("ring.tickPeriodMillis", tickPeriodMillis, 1, 1000, "ms");
    }

    public long tickPeriodNanos() {
        return Math.round(tickPeriodMillis * 1e6);
    }
}
