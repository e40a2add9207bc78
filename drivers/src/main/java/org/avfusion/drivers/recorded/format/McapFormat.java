package org.avfusion.drivers.recorded.format;

import java.nio.file.Path;
import java.util.List;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.foxglove.McapRecordingSource;

/**
 * An MCAP file that {@code avfusion replay --record} or {@code run --record} wrote (inputs on {@code /sensors/NAME}
 * in Foxglove's JSON schemas), replayed by {@link McapRecordingSource}: each frame arrives at its log time with the
 * recorded sensor, stamp and sequence. The rig the recording was made on travels as its {@code avfusion.rig}
 * metadata ({@link #metadata}). rosbag2 MCAPs (ROS 2 CDR) are read by {@code drivers.recorded.ros2} instead.
 */
public final class McapFormat implements RecordingFormat {
    @Override
    public String name() {
        return "avfusion-mcap";
    }

    @Override
    public String expects() {
        return "an MCAP file recorded by avfusion (--record): sensor channels /sensors/NAME";
    }

    @Override
    public boolean recognizes(Path path) {
        return McapRecordingSource.recognizes(path);
    }

    @Override
    public RecordingSource open(Path path, RecordingRequest request) throws RecordingFormatException {
        RecordingPaths.requireFileIfExists(path, "an MCAP file", expects());
        RecordedHealth health = new RecordedHealth(path.getFileName().toString());
        McapRecordingSource s;
        try {
            s = McapRecordingSource.open(path, McapRecordingSource.Config.defaults(), health);
        } catch (RecordedDriveException e) {
            throw new RecordingFormatException(e.getMessage());
        }
        return new OpenedRecording(name(), s, s.sensors(), null, s.lastArrivalNanos(), s.pools(), List.of(),
                List.of(health)).withMetadata(s::metadata);
    }
}
