package org.avfusion.drivers.camera;

/**
 * Live time: the arrival clock at the first frame, plus the PTS elapsed since that frame.
 *
 * <p>A frame cannot be captured after it arrived, so the mapping keeps the smallest transport latency it has seen:
 * when a frame arrives earlier than its mapped stamp (the first frame was delayed more than this one) by at most
 * {@code driftToleranceNanos}, the anchor moves back so that this frame is stamped at its arrival. When the lag
 * between arrival and mapped stamp leaves {@code [-driftToleranceNanos, +driftToleranceNanos]} (the camera's clock
 * runs at another rate than the vehicle's, the stream restarted its PTS, frames stalled in a buffer) the mapping
 * re-anchors on this frame and counts a resync. A missing PTS stamps the frame at its arrival; a non-increasing
 * one, one frame period after the previous frame (both counted as repaired). This is the usual one-way clock
 * association of ROS camera drivers and RTP receivers; see {@link StampMapping} for the contract. Not thread-safe.
 */
public final class ArrivalStampMapping implements StampMapping {
    private final long framePeriodNanos;
    private final long driftToleranceNanos;
    private boolean started;
    private long anchorArrivalNanos;
    private long anchorPtsMicros;
    private boolean stamped;
    private long lastStampNanos;
    private long resyncs;
    private long repaired;

    /**
     * @param framePeriodNanos    nominal time between frames, > 0
     * @param driftToleranceNanos largest lag between arrival and mapped stamp accepted before re-anchoring, > 0
     */
    public ArrivalStampMapping(long framePeriodNanos, long driftToleranceNanos) {
        if (framePeriodNanos <= 0) {
            throw new IllegalArgumentException("framePeriodNanos must be > 0, was " + framePeriodNanos);
        }
        if (driftToleranceNanos <= 0) {
            throw new IllegalArgumentException("driftToleranceNanos must be > 0, was " + driftToleranceNanos);
        }
        this.framePeriodNanos = framePeriodNanos;
        this.driftToleranceNanos = driftToleranceNanos;
    }

    @Override
    public long toVehicleNanos(long ptsMicros, long arrivalNanos) {
        long stamp;
        if (ptsMicros == UNKNOWN_PTS) {
            repaired++;
            stamp = arrivalNanos;
        } else if (!started) {
            anchor(ptsMicros, arrivalNanos);
            stamp = arrivalNanos;
        } else {
            stamp = anchorArrivalNanos + (ptsMicros - anchorPtsMicros) * 1_000L;
            long lagNanos = arrivalNanos - stamp;
            if (lagNanos > driftToleranceNanos || lagNanos < -driftToleranceNanos) {
                resyncs++;
                anchor(ptsMicros, arrivalNanos);
                stamp = arrivalNanos;
            } else if (lagNanos < 0) {
                anchorArrivalNanos += lagNanos;
                stamp = arrivalNanos;
            }
        }
        if (stamped && stamp <= lastStampNanos) {
            repaired++;
            stamp = lastStampNanos + framePeriodNanos;
        }
        stamped = true;
        lastStampNanos = stamp;
        return stamp;
    }

    private void anchor(long ptsMicros, long arrivalNanos) {
        started = true;
        anchorPtsMicros = ptsMicros;
        anchorArrivalNanos = arrivalNanos;
    }

    @Override
    public long resyncCount() {
        return resyncs;
    }

    @Override
    public long repairedCount() {
        return repaired;
    }
}
