package org.avfusion.drivers.camera;

/**
 * Maps a video stream's presentation timestamps (PTS) onto the vehicle clock.
 *
 * <p>Two implementations: {@link FirstPtsStampMapping} for recorded files (the first PTS becomes a given base
 * time, later frames keep their PTS spacing exactly) and {@link ArrivalStampMapping} for live sources (the arrival
 * clock at the first frame plus PTS deltas, with drift checks). Both guarantee strictly increasing stamps: a
 * missing or non-increasing PTS is repaired and counted. Pure algorithms: no I/O, no threads, no clock reads; not
 * thread-safe (one per source, used by its decoding thread).
 */
public interface StampMapping {
    /** Passed as {@code ptsMicros} when the decoder gave the frame no timestamp. */
    long UNKNOWN_PTS = Long.MIN_VALUE;

    /**
     * The vehicle-clock stamp of the next frame.
     *
     * @param ptsMicros    the frame's PTS in microseconds (FFmpeg's {@code best_effort_timestamp} as JavaCV reports
     *                     it), or {@link #UNKNOWN_PTS}
     * @param arrivalNanos vehicle-clock time the decoded frame was in hand; ignored by mappings of recorded time
     * @return the frame's capture stamp, nanoseconds, greater than every stamp returned before
     */
    long toVehicleNanos(long ptsMicros, long arrivalNanos);

    /** Times the mapping was re-anchored because the arrival clock and the PTS drifted apart. */
    long resyncCount();

    /** Frames whose PTS was missing or not increasing. */
    long repairedCount();
}
