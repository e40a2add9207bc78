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
 * (NavSatFix: GNSS, Imu: IMU, PointCloud2: LIDAR, Image / CompressedImage: CAMERA) maps to the request's sensor
 * of that kind. Topics of other types (Odometry, TwistStamped, tf) are left out with a note naming them. A bag
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
        List<String> notes = new ArrayList<>();
        Map<String, SensorId> mapped = new LinkedHashMap<>();
        if (!request.topics().isEmpty()) {
            for (Map.Entry<String, String> e : request.topics().entrySet()) {
                String type = types.get(e.getKey());
                if (type == null) {
                    throw new RecordingFormatException(path + ": topic " + e.getKey() + " (sensor " + e.getValue()
                            + ") is not in the bag; its topics are " + describe(types));
                }
                RosMessageKind kind = RosMessageKind.ofRosType(type);
                if (kind == null) {
                    throw new RecordingFormatException(path + ": topic " + e.getKey() + " carries " + type
                            + ", which is not replayed (NavSatFix, Imu, PointCloud2, Image, CompressedImage are)");
                }
                mapped.put(e.getKey(), new SensorId(e.getValue(), kind.sensorKind()));
            }
        } else {
            Map<SensorKind, List<String>> byKind = new EnumMap<>(SensorKind.class);
            types.forEach((topic, type) -> {
                RosMessageKind kind = RosMessageKind.ofRosType(type);
                if (kind != null) {
                    byKind.computeIfAbsent(kind.sensorKind(), k -> new ArrayList<>()).add(topic);
                }
            });
            byKind.forEach((kind, topics) -> {
                if (topics.size() == 1) {
                    mapped.put(topics.get(0), request.sensor(kind));
                } else {
                    notes.add(path + ": " + topics.size() + " " + kind + " topics " + topics + ": none replayed; map "
                            + "one with --topic TOPIC=SENSOR");
                }
            });
        }
        if (mapped.isEmpty()) {
            throw new RecordingFormatException(path + ": no topic of the bag maps to a sensor; its topics are "
                    + describe(types) + " (map them with --topic TOPIC=SENSOR)");
        }
        types.keySet().stream().filter(t -> !mapped.containsKey(t)).forEach(t -> notes.add(path + ": topic " + t
                + " (" + types.get(t) + ") not replayed"));
        RecordedHealth health = new RecordedHealth(path.toString());
        RosbagConfig config = new RosbagConfig(mapped, RecordedTimeBase.firstStampAt(0), 1920, 1080,
                Math.max(2, request.poolBuffers()), 131_072, Math.max(2, request.poolBuffers()),
                RosbagConfig.DEFAULT_MAX_CHUNK_BYTES);
        RosbagSource source;
        try {
            source = RosbagSource.open(path, config, health);
        } catch (RecordedDriveException e) {
            throw new RecordingFormatException(e.getMessage(), e);
        }
        List<SensorId> sensors = mapped.values().stream().distinct().toList();
        if (sensors.stream().noneMatch(s -> s.kind() == SensorKind.GNSS || s.kind() == SensorKind.IMU)) {
            notes.add(path + ": no GNSS/IMU topic replayed: the recording has no ego motion");
        }
        return new OpenedRecording(name(), source, sensors, null, RecordingSource.END,
                List.of(source.imagePool(), source.cloudPool()), notes, List.of(health));
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

    private static String describe(Map<String, String> types) {
        StringBuilder b = new StringBuilder("[");
        types.forEach((t, type) -> b.append(b.length() > 1 ? ", " : "").append(t).append(" (").append(type)
                .append(')'));
        return b.append(']').toString();
    }
}
