package org.avfusion.drivers.recorded.format;

import java.util.List;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.RecordedSource;

/**
 * An opened recording: its frames in arrival order (a {@link RecordedSource}), plus what a replay needs to know
 * before the first frame: the sensors, the calibration the recording ships with, the time span, the pools its
 * frames come from (so a replay at full speed can wait for buffers instead of dropping), and what was noticed at
 * open (no timestamps, topics left out). Not thread-safe: one replay thread.
 */
public interface RecordingSource extends RecordedSource {
    /** The format's name (see {@link RecordingFormat#name()}). */
    /**
     * A metadata record the recording carries under {@code name} (MCAP metadata: the rig an avfusion recording was
     * made on), or an empty map.
     */
    default java.util.Map<String, String> metadata(String name) {
        return java.util.Map.of();
    }

    String formatName();

    /** The sensors whose frames this recording yields, in a stable order. */
    List<SensorId> sensors();

    /** The calibration shipped with the recording (KITTI's calib files), or null when it has none. */
    Rig rig();

    /** Arrival of the first frame (vehicle clock), or {@link #END} when empty. */
    long firstArrivalNanos();

    /** Arrival of the last frame, or {@link #END} when not known before the end (bags, pcaps). */
    long lastArrivalNanos();

    /** The pools frames are taken from. */
    List<BufferPool<?>> pools();

    /** What was noticed at open: warnings a user should read (nominal rate assumed, streams skipped). */
    List<String> notes();

    /** Frames skipped so far (unreadable, cut short, malformed), over all streams. */
    long skippedFrames();

    /** The last messages about skipped frames (file, offset, reason), oldest first. */
    List<String> skipMessages();
}
