package org.avfusion.runtime.output.record;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.avfusion.drivers.recorded.foxglove.InputEncoder;
import org.avfusion.calibration.geometry.MountPose;

/**
 * Turns the runtime's output payloads (the MQTT JSON of {@code PayloadEncoder}, docs/MQTT.md) into Foxglove messages:
 * the obstacle list into a foxglove.SceneUpdate (one entity {@code obstacles} of cubes in base_link, plus
 * {@code tracks} with id labels and velocity arrows when the payload lists tracks), its camera detections into
 * foxglove.ImageAnnotations, the occupancy grid into a foxglove.Grid (one INT8 field {@code logodds_x10}), and the
 * lidar mount into a foxglove.FrameTransform. Decisions and health reports are recorded as they are (avfusion.Decision,
 * avfusion.Health).
 *
 * <p>Not thread-safe: the writer thread owns one. Each call returns a new array.
 */
public final class OutputMessages {
    /** The frame obstacles and grids are given in. */
    public static final String BASE_LINK = "base_link";
    static final int INT8 = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = new JsonFactory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);

    /** Our payload as a tree; throws {@link IOException} when it is not JSON. */
    public static JsonNode parse(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** The payload's {@code referenceStampNanos}, or {@code fallback}. */
    public static long referenceStamp(JsonNode payload, long fallback) {
        JsonNode n = payload.get("referenceStampNanos");
        return n != null && n.canConvertToLong() ? n.asLong() : fallback;
    }

    /** A foxglove.SceneUpdate of the obstacle list (and tracks, when listed). */
    public byte[] sceneUpdate(JsonNode objects, long stampNanos) {
        try (JsonGenerator g = begin()) {
            g.writeArrayFieldStart("deletions");
            g.writeEndArray();
            g.writeArrayFieldStart("entities");
            g.writeStartObject();
            InputEncoder.timestamp(g, "timestamp", stampNanos);
            g.writeStringField("frame_id", objects.path("frame").asText(BASE_LINK));
            g.writeStringField("id", "obstacles");
            lifetime(g);
            g.writeBooleanField("frame_locked", true);
            g.writeArrayFieldStart("metadata");
            g.writeEndArray();
            g.writeArrayFieldStart("cubes");
            for (JsonNode o : objects.path("objects")) {
                g.writeStartObject();
                pose(g, o.path("xMeters").asDouble(), o.path("yMeters").asDouble(), 0.75, 0);
                g.writeObjectFieldStart("size");
                g.writeNumberField("x", Math.max(0.1, o.path("lengthMeters").asDouble()));
                g.writeNumberField("y", Math.max(0.1, o.path("widthMeters").asDouble()));
                g.writeNumberField("z", 1.5);
                g.writeEndObject();
                color(g, 1.0, 0.55, 0.0, 0.6);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("arrows");
            for (JsonNode t : objects.path("tracks")) {
                double vx = t.path("vxMetersPerSecond").asDouble();
                double vy = t.path("vyMetersPerSecond").asDouble();
                double speed = Math.hypot(vx, vy);
                if (speed < 0.05) {
                    continue;
                }
                g.writeStartObject();
                pose(g, t.path("xMeters").asDouble(), t.path("yMeters").asDouble(), 1.6, Math.atan2(vy, vx));
                g.writeNumberField("shaft_length", speed);
                g.writeNumberField("shaft_diameter", 0.1);
                g.writeNumberField("head_length", 0.4);
                g.writeNumberField("head_diameter", 0.3);
                color(g, 0.2, 0.6, 1.0, 1.0);
                g.writeEndObject();
            }
            g.writeEndArray();
            for (String empty : new String[] {"spheres", "cylinders", "lines", "triangles", "models"}) {
                g.writeArrayFieldStart(empty);
                g.writeEndArray();
            }
            g.writeArrayFieldStart("texts");
            for (JsonNode t : objects.path("tracks")) {
                g.writeStartObject();
                pose(g, t.path("xMeters").asDouble(), t.path("yMeters").asDouble(), 2.0, 0);
                g.writeBooleanField("billboard", true);
                g.writeNumberField("font_size", 14);
                g.writeBooleanField("scale_invariant", true);
                color(g, 1, 1, 1, 1);
                g.writeStringField("text", "#" + t.path("id").asText());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A foxglove.ImageAnnotations of the camera detections (boxes as closed polygons, labels as texts). */
    public byte[] imageAnnotations(JsonNode objects, long stampNanos) {
        try (JsonGenerator g = begin()) {
            InputEncoder.timestamp(g, "timestamp", stampNanos);
            g.writeArrayFieldStart("circles");
            g.writeEndArray();
            g.writeArrayFieldStart("points");
            for (JsonNode d : objects.path("camera")) {
                double x1 = d.path("x1Pixels").asDouble();
                double y1 = d.path("y1Pixels").asDouble();
                double x2 = d.path("x2Pixels").asDouble();
                double y2 = d.path("y2Pixels").asDouble();
                g.writeStartObject();
                InputEncoder.timestamp(g, "timestamp", stampNanos);
                g.writeNumberField("type", 2); // LINE_LOOP
                g.writeArrayFieldStart("points");
                for (double[] p : new double[][] {{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}}) {
                    g.writeStartObject();
                    g.writeNumberField("x", p[0]);
                    g.writeNumberField("y", p[1]);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeObjectFieldStart("outline_color");
                rgba(g, 0.0, 1.0, 0.3, 1.0);
                g.writeEndObject();
                g.writeArrayFieldStart("outline_colors");
                g.writeEndArray();
                g.writeObjectFieldStart("fill_color");
                rgba(g, 0, 0, 0, 0);
                g.writeEndObject();
                g.writeNumberField("thickness", 2);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("texts");
            for (JsonNode d : objects.path("camera")) {
                g.writeStartObject();
                InputEncoder.timestamp(g, "timestamp", stampNanos);
                g.writeObjectFieldStart("position");
                g.writeNumberField("x", d.path("x1Pixels").asDouble());
                g.writeNumberField("y", d.path("y1Pixels").asDouble());
                g.writeEndObject();
                g.writeStringField("text", d.path("label").asText() + " " + d.path("score").asText());
                g.writeNumberField("font_size", 12);
                g.writeObjectFieldStart("text_color");
                rgba(g, 1, 1, 1, 1);
                g.writeEndObject();
                g.writeObjectFieldStart("background_color");
                rgba(g, 0, 0, 0, 0.6);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A foxglove.Grid of our occupancy payload (its base64 cells are already Foxglove's row-major INT8 data). */
    public byte[] grid(JsonNode occupancy, long stampNanos) {
        int cols = occupancy.path("cols").asInt();
        double cell = occupancy.path("cellSizeMeters").asDouble();
        try (JsonGenerator g = begin()) {
            InputEncoder.timestamp(g, "timestamp", stampNanos);
            g.writeStringField("frame_id", occupancy.path("frame").asText(BASE_LINK));
            g.writeObjectFieldStart("pose");
            g.writeObjectFieldStart("position");
            g.writeNumberField("x", occupancy.path("minXMeters").asDouble());
            g.writeNumberField("y", occupancy.path("minYMeters").asDouble());
            g.writeNumberField("z", 0);
            g.writeEndObject();
            g.writeObjectFieldStart("orientation");
            g.writeNumberField("x", 0);
            g.writeNumberField("y", 0);
            g.writeNumberField("z", 0);
            g.writeNumberField("w", 1);
            g.writeEndObject();
            g.writeEndObject();
            g.writeNumberField("column_count", cols);
            g.writeObjectFieldStart("cell_size");
            g.writeNumberField("x", cell);
            g.writeNumberField("y", cell);
            g.writeEndObject();
            g.writeNumberField("row_stride", cols);
            g.writeNumberField("cell_stride", 1);
            g.writeArrayFieldStart("fields");
            g.writeStartObject();
            g.writeStringField("name", "logodds_x10");
            g.writeNumberField("offset", 0);
            g.writeNumberField("type", INT8);
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("data", occupancy.path("cells").asText());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A foxglove.FrameTransform from base_link to the reference lidar, from its configured mount. */
    public byte[] lidarMount(MountPose mount, String lidarFrame, long stampNanos) {
        double[] q = quaternion(mount.rollRad(), mount.pitchRad(), mount.yawRad());
        try (JsonGenerator g = begin()) {
            InputEncoder.timestamp(g, "timestamp", stampNanos);
            g.writeStringField("parent_frame_id", BASE_LINK);
            g.writeStringField("child_frame_id", lidarFrame);
            g.writeObjectFieldStart("translation");
            g.writeNumberField("x", mount.xMeters());
            g.writeNumberField("y", mount.yMeters());
            g.writeNumberField("z", mount.zMeters());
            g.writeEndObject();
            g.writeObjectFieldStart("rotation");
            g.writeNumberField("x", q[0]);
            g.writeNumberField("y", q[1]);
            g.writeNumberField("z", q[2]);
            g.writeNumberField("w", q[3]);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** (x, y, z, w) of intrinsic Z-Y-X (yaw, pitch, roll) angles, radians. */
    static double[] quaternion(double roll, double pitch, double yaw) {
        double cr = Math.cos(roll / 2), sr = Math.sin(roll / 2);
        double cp = Math.cos(pitch / 2), sp = Math.sin(pitch / 2);
        double cy = Math.cos(yaw / 2), sy = Math.sin(yaw / 2);
        return new double[] {sr * cp * cy - cr * sp * sy, cr * sp * cy + sr * cp * sy, cr * cp * sy - sr * sp * cy,
                cr * cp * cy + sr * sp * sy};
    }

    private JsonGenerator begin() throws IOException {
        out.reset();
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
        g.writeStartObject();
        return g;
    }

    private static void lifetime(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("lifetime");
        g.writeNumberField("sec", 0);
        g.writeNumberField("nsec", 0);
        g.writeEndObject();
    }

    private static void pose(JsonGenerator g, double x, double y, double z, double yaw) throws IOException {
        g.writeObjectFieldStart("pose");
        g.writeObjectFieldStart("position");
        g.writeNumberField("x", x);
        g.writeNumberField("y", y);
        g.writeNumberField("z", z);
        g.writeEndObject();
        g.writeObjectFieldStart("orientation");
        g.writeNumberField("x", 0);
        g.writeNumberField("y", 0);
        g.writeNumberField("z", Math.sin(yaw / 2));
        g.writeNumberField("w", Math.cos(yaw / 2));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void color(JsonGenerator g, double r, double gr, double b, double a) throws IOException {
        g.writeObjectFieldStart("color");
        rgba(g, r, gr, b, a);
        g.writeEndObject();
    }

    private static void rgba(JsonGenerator g, double r, double gr, double b, double a) throws IOException {
        g.writeNumberField("r", r);
        g.writeNumberField("g", gr);
        g.writeNumberField("b", b);
        g.writeNumberField("a", a);
    }
}
