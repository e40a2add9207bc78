package org.avfusion.drivers.recorded.format;

import com.github.swrirobotics.bags.reader.BagFile;
import com.github.swrirobotics.bags.reader.BagReader;
import com.github.swrirobotics.bags.reader.exceptions.BagReaderException;
import com.github.swrirobotics.bags.reader.records.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.rosbag.RosMessageKind;
import org.avfusion.drivers.recorded.rosbag.RosbagConfig;
import org.avfusion.drivers.recorded.rosbag.RosbagSource;

/**
 * A ROS 1 bag (v2.0), replayed by {@link RosbagSource}. Topics map to sensors by the request's topic map
 * ({@code --topic /fix=gps}); without one, each sensor kind with exactly one topic of a replayable type in the bag
 * (NavSatFix: GNSS, Imu: IMU, PointCloud2: LIDAR, Image / CompressedImage: CAMERA, Odometry / TwistStamped:
 * ODOMETRY) maps to the request's sensor of that kind ({@link TopicMapping}). Topics of other types (tf, strings)
 * are left out with a note naming them. A bag
 * where nothing maps is refused with the list of the topics it has and their types.
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
        Map<String, String> types = topicTypes(path);
        TopicMapping mapping = TopicMapping.of(path, types, request, type -> {
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
            source = RosbagSource.open(path, config, health);
        } catch (RecordedDriveException e) {
            throw new RecordingFormatException(e.getMessage(), e);
        }
        return new OpenedRecording(name(), source, mapping.sensors(), null, RecordingSource.END,
                List.of(source.imagePool(), source.cloudPool()), mapping.notes(), List.of(health));
    }

    /** Topic to ROS type, sorted by topic. */
    static Map<String, String> topicTypes(Path bag) throws RecordingFormatException {
        if (!Files.isRegularFile(bag)) {
            throw new RecordingFormatException(bag + ": ROS bag not found");
        }
        BagFile index;
        try {
            index = BagReader.readFile(bag.toFile());
        } catch (BagReaderException | RuntimeException e) {
            throw new RecordingFormatException(bag + ": not a readable ROS 1 bag: " + e.getMessage(), e);
        }
        Map<String, String> types = new TreeMap<>();
        for (Connection c : index.getConnections()) {
            types.put(c.getTopic(), c.getType());
        }
        return types;
    }
}
