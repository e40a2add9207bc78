package org.avfusion.drivers.recorded.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * The sensors a bag's topics feed come out in a fixed order: the order of the {@code --topic} mappings, else the
 * recording's. They set the pipeline's sensor order and the order of each decision's {@code sensors}; an immutable
 * {@code Map.copyOf} iterated in an order that can change from one JVM to the next.
 */
class TopicMappingOrderTest {
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        for (String[] t : new String[][] {{"/zeta/fix", "sensor_msgs/NavSatFix"}, {"/imu/data", "sensor_msgs/Imu"},
                {"/a/odom", "nav_msgs/Odometry"}, {"/m/points", "sensor_msgs/PointCloud2"},
                {"/b/fix2", "sensor_msgs/NavSatFix"}, {"/c/imu2", "sensor_msgs/Imu"},
                {"/k/odom2", "nav_msgs/Odometry"}}) {
            TYPES.put(t[0], t[1]);
        }
    }

    private static SensorKind kind(String type) {
        return switch (type) {
            case "sensor_msgs/NavSatFix" -> SensorKind.GNSS;
            case "sensor_msgs/Imu" -> SensorKind.IMU;
            case "nav_msgs/Odometry" -> SensorKind.ODOMETRY;
            case "sensor_msgs/PointCloud2" -> SensorKind.LIDAR;
            default -> null;
        };
    }

    @Test
    void mappedTopicsKeepTheOrderTheyWereGivenIn() throws RecordingFormatException {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> topics = List.of("/k/odom2", "/zeta/fix", "/c/imu2", "/m/points", "/a/odom", "/imu/data",
                "/b/fix2");
        for (String t : topics) {
            given.put(t, t.substring(t.lastIndexOf('/') + 1) + "_sensor");
        }
        RecordingRequest request = new RecordingRequest(RecordingRequest.defaults().sensorNames(), 10, given, 4);
        assertEquals(List.copyOf(given.keySet()), List.copyOf(request.topics().keySet()));
        TopicMapping m = TopicMapping.of(Path.of("x.bag"), TYPES, request, TopicMappingOrderTest::kind);
        assertEquals(topics.stream().map(t -> t.substring(t.lastIndexOf('/') + 1) + "_sensor").toList(),
                m.sensors().stream().map(SensorId::name).toList());
    }

    @Test
    void unmappedTopicsComeOutByKindOneSensorPerKind() throws RecordingFormatException {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("/zeta/fix", "sensor_msgs/NavSatFix");
        one.put("/imu/data", "sensor_msgs/Imu");
        one.put("/a/odom", "nav_msgs/Odometry");
        one.put("/m/points", "sensor_msgs/PointCloud2");
        TopicMapping m = TopicMapping.of(Path.of("x.bag"), one, RecordingRequest.defaults(),
                TopicMappingOrderTest::kind);
        assertEquals(List.of(SensorKind.LIDAR, SensorKind.GNSS, SensorKind.IMU, SensorKind.ODOMETRY),
                m.sensors().stream().map(SensorId::kind).toList());
    }
}
