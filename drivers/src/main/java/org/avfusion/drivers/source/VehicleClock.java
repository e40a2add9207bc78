package org.avfusion.drivers.source;

/**
 * The vehicle's monotonic clock, nanoseconds. Live: {@link #SYSTEM}. Replay: the replay clock, which runs at the
 * replay speed over the recorded time axis.
 */
@FunctionalInterface
public interface VehicleClock {
    /** Monotonic time, nanoseconds, from {@link System#nanoTime()}. */
    VehicleClock SYSTEM = System::nanoTime;

    long nowNanos();
}
