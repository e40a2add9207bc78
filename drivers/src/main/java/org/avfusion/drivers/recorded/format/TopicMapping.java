package org.avfusion.drivers.recorded.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;

/**
 * Topic-to-sensor mapping shared by the message-log formats (ROS 1 bags, ROS 2 MCAP files): the request's explicit
 * map ({@code --topic /fix=gps}) where given, else each sensor kind with exactly one topic of a replayable type maps
 * to the request's sensor of that kind. Topics left out are named in the notes; a log where nothing maps is refused
 * with the list of the topics it has and their types.
 *
 * @param topics topic to sensor, in the log's topic order
 * @param notes  what was left out and why, one line each
 */
record TopicMapping(Map<String, SensorId> topics, List<String> notes) {

    /** The ROS types a format replays, for messages: e.g. "NavSatFix, Imu, PointCloud2". */
    static final String REPLAYED_TYPES = "NavSatFix, Imu, PointCloud2, Image, CompressedImage, Odometry, "
            + "TwistStamped";

    /**
     * @param path   the recording (named in every message)
     * @param types  topic to type name, in the order to report them
     * @param kindOf the sensor kind a type name feeds, or null when the format does not replay it
     * @throws RecordingFormatException when a requested topic is absent or not replayable, or nothing maps
     */
    static TopicMapping of(Path path, Map<String, String> types, RecordingRequest request,
            Function<String, SensorKind> kindOf) throws RecordingFormatException {
        List<String> notes = new ArrayList<>();
        Map<String, SensorId> mapped = new LinkedHashMap<>();
        if (!request.topics().isEmpty()) {
            for (Map.Entry<String, String> e : request.topics().entrySet()) {
                String type = types.get(e.getKey());
                if (type == null) {
                    throw new RecordingFormatException(path + ": topic " + e.getKey() + " (sensor " + e.getValue()
                            + ") is not in the recording; its topics are " + describe(types));
                }
                SensorKind kind = kindOf.apply(type);
                if (kind == null) {
                    throw new RecordingFormatException(path + ": topic " + e.getKey() + " carries " + type
                            + ", which is not replayed (" + REPLAYED_TYPES + " are)");
                }
                mapped.put(e.getKey(), new SensorId(e.getValue(), kind));
            }
        } else {
            Map<SensorKind, List<String>> byKind = new EnumMap<>(SensorKind.class);
            types.forEach((topic, type) -> {
                SensorKind kind = kindOf.apply(type);
                if (kind != null) {
                    byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(topic);
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
            throw new RecordingFormatException(path + ": no topic of the recording maps to a sensor; its topics are "
                    + describe(types) + " (replayed types: " + REPLAYED_TYPES + "; map them with --topic "
                    + "TOPIC=SENSOR)");
        }
        types.keySet().stream().filter(t -> !mapped.containsKey(t)).forEach(t -> notes.add(path + ": topic " + t
                + " (" + types.get(t) + ") not replayed"));
        if (mapped.values().stream().noneMatch(s -> s.kind() == SensorKind.GNSS || s.kind() == SensorKind.IMU
                || s.kind() == SensorKind.ODOMETRY)) {
            notes.add(path + ": no GNSS/IMU/odometry topic replayed: the recording has no ego motion");
        }
        // in the recording's topic order (Map.copyOf would iterate in an order that changes from JVM to JVM, and with it
        // the pipeline's sensor order and the order of each decision's sensors)
        return new TopicMapping(java.util.Collections.unmodifiableMap(mapped), List.copyOf(notes));
    }

    /** The distinct sensors the topics feed, in topic order. */
    List<SensorId> sensors() {
        return topics.values().stream().distinct().toList();
    }

    static String describe(Map<String, String> types) {
        StringBuilder b = new StringBuilder("[");
        types.forEach((t, type) -> b.append(b.length() > 1 ? ", " : "").append(t).append(" (").append(type)
                .append(')'));
        return b.append(']').toString();
    }
}
