package org.avfusion.drivers.recorded.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.mcap.McapChannel;
import org.avfusion.drivers.recorded.mcap.McapFormatException;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.drivers.recorded.mcap.McapSchema;
import org.avfusion.drivers.recorded.ros2.McapRos2Config;
import org.avfusion.drivers.recorded.ros2.McapRos2Source;
import org.avfusion.drivers.recorded.ros2.Ros2MessageType;
import org.avfusion.drivers.recorded.rosbag.RosbagConfig;

/**
 * An MCAP file of ROS 2 messages (what {@code ros2 bag record} writes by default since Iron), replayed by
 * {@link McapRos2Source}. Topics map to sensors exactly as for a ROS 1 bag ({@link TopicMapping}): the
 * request's {@code --topic TOPIC=SENSOR} map, else one topic per replayable type. Recognised as any MCAP file
 * ({@code .mcap}) that is not an avfusion recording ({@link McapFormat} is tried first); a file with no
 * replayable topic is refused with the list of its topics and their schemas.
 */
public final class Ros2McapFormat implements RecordingFormat {
    @Override
    public String name() {
        return "ros2-mcap";
    }

    @Override
    public String expects() {
        return "an MCAP file of ROS 2 messages (*.mcap, CDR: NavSatFix, Imu, PointCloud2, Image, CompressedImage, "
                + "Odometry)";
    }

    @Override
    public boolean recognizes(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mcap");
    }

    @Override
    public RecordingSource open(Path path, RecordingRequest request) throws RecordingFormatException {
        RecordingPaths.requireFileIfExists(path, "an MCAP file", expects());
        Map<String, String> types = topicTypes(path);
        TopicMapping mapping = TopicMapping.of(path, types, request, type -> {
            Ros2MessageType t = Ros2MessageType.ofSchemaName(type);
            return t == null ? null : t.sensorKind();
        });
        RecordedHealth health = new RecordedHealth(path.toString());
        McapRos2Config config = new McapRos2Config(mapping.topics(), RecordedTimeBase.firstStampAt(0), 1920, 1080,
                Math.max(2, request.imageBuffers()), 131_072, Math.max(2, request.cloudBuffers()),
                RosbagConfig.DEFAULT_MAX_CHUNK_BYTES);
        McapRos2Source source;
        try {
            source = McapRos2Source.open(path, config, health);
        } catch (RecordedDriveException e) {
            throw new RecordingFormatException(e.getMessage(), e);
        }
        return new OpenedRecording(name(), source, mapping.sensors(), null, RecordingSource.END,
                List.of(source.imagePool(), source.cloudPool()), mapping.notes(), List.of(health));
    }

    /**
     * Topic to schema name (type), sorted by topic; channels without a schema read as "(no schema)". A file without
     * a summary (a recording cut short) is walked as far as it is intact for its channels
     * ({@link McapReader#recoverSummary()}): the cut is counted by the source when the replay reaches it, not
     * refused here.
     */
    static Map<String, String> topicTypes(Path file) throws RecordingFormatException {
        try (McapReader reader = McapReader.open(file)) {
            reader.recoverSummary();
            Map<Integer, McapChannel> channels = reader.channels();
            Map<String, String> types = new TreeMap<>();
            for (McapChannel c : channels.values()) {
                McapSchema schema = c.schemaId() == 0 ? null : reader.schema(c.schemaId());
                types.put(c.topic(), schema == null ? "(no schema)" : schema.name());
            }
            return types;
        } catch (McapFormatException e) {
            throw new RecordingFormatException(file + ": not a readable MCAP file at byte " + e.offset() + ": "
                    + e.problem(), e);
        } catch (IOException | RuntimeException e) {
            throw new RecordingFormatException(file + ": not a readable MCAP file: " + e.getMessage(), e);
        }
    }
}
