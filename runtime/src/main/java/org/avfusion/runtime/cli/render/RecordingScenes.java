package org.avfusion.runtime.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.avfusion.drivers.recorded.foxglove.FoxgloveSchemas;
import org.avfusion.drivers.recorded.mcap.McapMessage;
import org.avfusion.drivers.recorded.mcap.McapReadOrder;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.drivers.recorded.mcap.McapReaderConfig;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.pipeline.RecordedProfile;
import org.avfusion.runtime.output.record.Recorder;
import org.avfusion.runtime.render.BevScene;

/**
 * Reads an avfusion recording in file order and yields one {@link BevScene} per decision: the decision, the obstacles,
 * tracks and camera detections published with it (same reference stamp; they follow the decision in the file), the
 * latest occupancy grid and camera image, and the corridor from the recorded rig and the default decision config.
 * Not thread-safe.
 */
public final class RecordingScenes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingScenes() {
    }

    /** What a scene is built from, gathered while reading. */
    private static final class Pending {
        JsonNode decision;
        long stamp;
        List<BevScene.Box> boxes = List.of();
        List<BevScene.Track> tracks = List.of();
        List<BevScene.Detection> detections = List.of();
    }

    /**
     * Reads {@code file} and calls {@code out} with each scene, in order.
     *
     * @return the number of scenes
     * @throws IOException when the file cannot be read as MCAP (naming it)
     */
    public static long read(Path file, Consumer<BevScene> out) throws IOException {
        try (McapReader reader = McapReader.open(file, McapReaderConfig.defaults().withOrder(McapReadOrder.FILE))) {
            McapMessage m = new McapMessage();
            RuntimeConfig config = null;
            Pending pending = null;
            BevScene.Grid grid = null;
            BufferedImage camera = null;
            long scenes = 0;
            while (reader.next(m)) {
                if (config == null) {
                    Map<String, String> rig = reader.metadata().stream()
                            .filter(md -> md.name().equals(RecordedProfile.NAME)).findFirst()
                            .map(md -> md.metadata()).orElse(Map.of());
                    config = RecordedProfile.apply(RuntimeConfig.defaults(), rig);
                }
                String topic = m.channel().topic();
                var schema = reader.schema(m.channel().schemaId());
                String schemaName = schema == null ? "" : schema.name();
                if (schemaName.equals(FoxgloveSchemas.COMPRESSED_IMAGE)) {
                    JsonNode n = JSON.readTree(m.copyData());
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(n.path("data").binaryValue()));
                    if (img != null) {
                        camera = img;
                    }
                } else if (topic.equals(Recorder.Output.DECISION.topic())) {
                    if (pending != null) {
                        out.accept(scene(pending, grid, camera, config));
                        scenes++;
                    }
                    pending = new Pending();
                    pending.decision = JSON.readTree(m.copyData());
                    pending.stamp = pending.decision.path("referenceStampNanos").asLong();
                } else if (topic.equals(Recorder.Output.OBJECTS.topic()) && pending != null) {
                    JsonNode n = JSON.readTree(m.copyData());
                    if (stamp(n) == pending.stamp) {
                        pending.boxes = boxes(n);
                        pending.tracks = tracks(n);
                    }
                } else if (topic.equals(Recorder.Output.CAMERA_DETECTIONS.topic()) && pending != null) {
                    JsonNode n = JSON.readTree(m.copyData());
                    if (stamp(n) == pending.stamp) {
                        pending.detections = detections(n);
                    }
                } else if (topic.equals(Recorder.Output.OCCUPANCY.topic())) {
                    grid = grid(JSON.readTree(m.copyData()));
                }
            }
            if (pending != null) {
                out.accept(scene(pending, grid, camera, config));
                scenes++;
            }
            return scenes;
        }
    }

    private static long stamp(JsonNode n) {
        JsonNode t = n.has("timestamp") ? n.get("timestamp") : n.path("entities").path(0).path("timestamp");
        return t.path("sec").asLong() * 1_000_000_000L + t.path("nsec").asLong();
    }

    private static BevScene scene(Pending p, BevScene.Grid grid, BufferedImage camera, RuntimeConfig config) {
        JsonNode d = p.decision;
        var dc = config.decision();
        BevScene.Corridor corridor = new BevScene.Corridor(config.vehicle().frontOverhangMeters(),
                dc.vehicleWidthMeters() / 2 + dc.corridorMarginMeters(), dc.lookaheadMeters(),
                number(d, "curvaturePerMeter", 0));
        return new BevScene(d.path("kind").asText(), d.path("reason").asText(), p.stamp,
                number(d, "obstacleDistanceMeters", Double.NaN), number(d, "speedMetersPerSecond", Double.NaN), grid,
                p.boxes, p.tracks, corridor, camera, p.detections);
    }

    private static double number(JsonNode n, String field, double fallback) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? fallback : v.asDouble();
    }

    private static List<BevScene.Box> boxes(JsonNode sceneUpdate) {
        List<BevScene.Box> boxes = new ArrayList<>();
        for (JsonNode e : sceneUpdate.path("entities")) {
            for (JsonNode c : e.path("cubes")) {
                JsonNode pos = c.path("pose").path("position");
                boxes.add(new BevScene.Box(pos.path("x").asDouble(), pos.path("y").asDouble(),
                        c.path("size").path("x").asDouble(), c.path("size").path("y").asDouble()));
            }
        }
        return boxes;
    }

    /** Tracks: each id label, with the velocity of the arrow drawn at the same place (zero when it has none). */
    private static List<BevScene.Track> tracks(JsonNode sceneUpdate) {
        List<BevScene.Track> tracks = new ArrayList<>();
        for (JsonNode e : sceneUpdate.path("entities")) {
            for (JsonNode t : e.path("texts")) {
                JsonNode pos = t.path("pose").path("position");
                double x = pos.path("x").asDouble();
                double y = pos.path("y").asDouble();
                double vx = 0;
                double vy = 0;
                for (JsonNode a : e.path("arrows")) {
                    JsonNode ap = a.path("pose").path("position");
                    if (Math.abs(ap.path("x").asDouble() - x) < 1e-6 && Math.abs(ap.path("y").asDouble() - y) < 1e-6) {
                        JsonNode q = a.path("pose").path("orientation");
                        double yaw = 2 * Math.atan2(q.path("z").asDouble(), q.path("w").asDouble());
                        double speed = a.path("shaft_length").asDouble();
                        vx = speed * Math.cos(yaw);
                        vy = speed * Math.sin(yaw);
                    }
                }
                tracks.add(new BevScene.Track(t.path("text").asText().replace("#", ""), x, y, vx, vy));
            }
        }
        return tracks;
    }

    private static List<BevScene.Detection> detections(JsonNode annotations) {
        List<BevScene.Detection> list = new ArrayList<>();
        JsonNode texts = annotations.path("texts");
        int i = 0;
        for (JsonNode p : annotations.path("points")) {
            JsonNode pts = p.path("points");
            if (pts.size() == 4) {
                list.add(new BevScene.Detection(texts.path(i).path("text").asText(""),
                        pts.get(0).path("x").asDouble(), pts.get(0).path("y").asDouble(),
                        pts.get(2).path("x").asDouble(), pts.get(2).path("y").asDouble()));
            }
            i++;
        }
        return list;
    }

    private static BevScene.Grid grid(JsonNode g) throws IOException {
        int cols = g.path("column_count").asInt();
        byte[] data = g.path("data").binaryValue();
        if (cols < 1 || data.length % cols != 0) {
            return null;
        }
        JsonNode pos = g.path("pose").path("position");
        return new BevScene.Grid(cols, data.length / cols, g.path("cell_size").path("x").asDouble(),
                pos.path("x").asDouble(), pos.path("y").asDouble(), data);
    }
}
