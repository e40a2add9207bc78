package org.avfusion.drivers.camera;

/**
 * Recorded time: the first frame's PTS maps to {@code baseNanos} and every later frame to
 * {@code baseNanos + (pts - firstPts)}, so a 25 fps file yields stamps exactly 40 ms apart. A frame without a PTS,
 * or whose PTS does not increase, is stamped one nominal frame period after the previous frame (and counted).
 * See {@link StampMapping} for the contract; not thread-safe.
 */
public final class FirstPtsStampMapping implements StampMapping {
    private final long baseNanos;
    private final long framePeriodNanos;
    private boolean started;
    private long firstPtsMicros;
    private long lastStampNanos;
    private long repaired;

    /**
     * @param baseNanos        vehicle-clock stamp of the first frame
     * @param framePeriodNanos nominal time between frames (from the stream's frame rate), > 0; used only to repair
     *                         a missing or non-increasing PTS
     */
    public FirstPtsStampMapping(long baseNanos, long framePeriodNanos) {
        if (framePeriodNanos <= 0) {
            throw new IllegalArgumentException("framePeriodNanos must be > 0, was " + framePeriodNanos);
        }
        this.baseNanos = baseNanos;
        this.framePeriodNanos = framePeriodNanos;
    }

    @Override
    public long toVehicleNanos(long ptsMicros, long arrivalNanos) {
        if (!started) {
            started = true;
            firstPtsMicros = ptsMicros == UNKNOWN_PTS ? 0 : ptsMicros;
            if (ptsMicros == UNKNOWN_PTS) {
                repaired++;
            }
            lastStampNanos = baseNanos;
            return baseNanos;
        }
        long stamp = ptsMicros == UNKNOWN_PTS ? Long.MIN_VALUE : baseNanos + (ptsMicros - firstPtsMicros) * 1_000L;
        if (stamp <= lastStampNanos) {
            repaired++;
            stamp = lastStampNanos + framePeriodNanos;
        }
        lastStampNanos = stamp;
        return stamp;
    }

    @Override
    public long resyncCount() {
        return 0;
    }

    @Override
    public long repairedCount() {
        return repaired;
    }
}
