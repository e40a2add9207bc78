package org.avfusion.drivers.recorded.format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.rosbag.BagIndex;
import org.avfusion.drivers.recorded.rosbag.RosMessageKind;
import org.avfusion.drivers.recorded.rosbag.RosbagConfig;
import org.avfusion.drivers.recorded.rosbag.RosbagSource;

/**
 * A ROS 1 bag (v2.0), replayed by {@link RosbagSource}. Topics map to sensors by the request's topic map
 * ({@code --topic /fix=gps}); without one, each sensor kind with exactly one topic of a replayable type in the bag
 * (NavSatFix: GNSS, Imu: IMU, PointCloud2: LIDAR, Image / CompressedImage: CAMERA, Odometry / TwistStamped:
 * ODOMETRY) maps to the request's sensor of that kind ({@link TopicMapping}). Topics of other types (tf, strings)
 * are left out with a note naming them. A bag
 * where nothing maps is refused with the list of the topics it has and their types. A bag without its index section
 * (a recording interrupted) is replayed from an index rebuilt by scanning, up to where it was cut, with a note
 * saying so.
 */
public final class RosbagFormat implements RecordingFormat {
    @Override
    public String name() {
        return "rosbag";
    }

    @Override
    public String expects() {
        return "a ROS 1 bag file (*.bag, format 2.0)";
    }

    @Override
    public boolean recognizes(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bag");
    }

    @Override
    public RecordingSource open(Path path, RecordingRequest request) throws RecordingFormatException {
        BagIndex index = index(path);
        TopicMapping mapping = TopicMapping.of(path, index.topicTypes(), request, type -> {
            RosMessageKind kind = RosMessageKind.ofRosType(type);
            return kind == null ? null : kind.sensorKind();
        });
        Map<String, SensorId> mapped = mapping.topics();
        RecordedHealth health = new RecordedHealth(path.toString());
        RosbagConfig config = new RosbagConfig(mapped, RecordedTimeBase.firstStampAt(0), 1920, 1080,
                Math.max(2, request.imageBuffers()), 131_072, Math.max(2, request.cloudBuffers()),
                RosbagConfig.DEFAULT_MAX_CHUNK_BYTES);
        RosbagSource source;
        try {
            source = RosbagSource.open(index, config, health);
        } catch (RecordedDriveException e) {
            throw new RecordingFormatException(e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>();
        if (index.rebuilt()) {
            notes.add(path + ": " + index.rebuiltNote());
        }
        notes.addAll(mapping.notes());
        return new OpenedRecording(name(), source, mapping.sensors(), null, RecordingSource.END,
                List.of(source.imagePool(), source.cloudPool()), notes, List.of(health));
    }

    /** The bag's index: its own, or rebuilt by scanning where it has none ({@link BagIndex}). */
    static BagIndex index(Path bag) throws RecordingFormatException {
        RecordingPaths.requireFileIfExists(bag, "a ROS bag file", new RosbagFormat().expects());
        if (!Files.isRegularFile(bag)) {
            throw new RecordingFormatException(bag + ": ROS bag not found");
        }
        try {
            return BagIndex.read(bag);
        } catch (RecordedDriveException e) {
            throw new RecordingFormatException(e.getMessage().startsWith(bag.toString()) ? e.getMessage()
                    : bag + ": " + e.getMessage(), e);
        }
    }
}
