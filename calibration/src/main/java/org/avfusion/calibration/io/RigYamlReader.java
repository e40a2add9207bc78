package org.avfusion.calibration.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.geometry.TransformTree;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.calibration.rig.RigSensor;
import org.avfusion.calibration.rig.SensorType;
import org.avfusion.calibration.time.ClockOffset;

/**
 * Reads a rig file ({@code config/rigs/*.yaml}) strictly: unknown keys, missing fields, wrong matrix sizes,
 * non-orthonormal rotations, cameras without intrinsics and sensors without a transform fail with a
 * {@link CalibrationFileException} naming the file and the field path. The layout:
 * <pre>
 * rig: sim                           # name
 * units: {length: metres, angle: degrees, time: nanoseconds, image: pixels}   # required, exactly these
 * frames:                            # optional frames that are not sensors, same transform keys as a sensor
 *   rect0: {parent: cam0, translationMeters: [0, 0, 0], rotation: [[..], [..], [..]]}
 * sensors:
 *   lidar_top:
 *     type: lidar                    # lidar | camera | gnss | imu
 *     parent: base_link              # the transform: this sensor's pose in its parent (parent-from-sensor)
 *     translationMeters: [1.2, 0, 1.8]
 *     rollPitchYawDeg: [0, 0, 0]     # or rotation: 3x3 rows (row-major parent-from-sensor); not both
 *     clockOffsetNanos: 0            # optional, default 0: sensor stamp = vehicle time + offset
 *   camera_front:                    # a camera's frame is its optical frame: x right, y down, z forward
 *     type: camera
 *     ...
 *     intrinsics:
 *       imageSizePixels: [640, 360]
 *       cameraMatrix: [[320, 0, 320], [0, 320, 180], [0, 0, 1]]
 *       distortion: [k1, k2, p1, p2, k3]   # OpenCV order, 0/4/5/8 values
 * </pre>
 * The root frame is always {@code base_link}. Stateless; safe from any thread.
 */
public final class RigYamlReader {

    /** The units a rig file must state. */
    public static final Map<String, String> UNITS = Map.of(
            "length", "metres", "angle", "degrees", "time", "nanoseconds", "image", "pixels");

    private static final Set<String> TOP_KEYS = Set.of("rig", "units", "frames", "sensors");
    private static final Set<String> FRAME_KEYS = Set.of("parent", "translationMeters", "rotation", "rollPitchYawDeg");
    private static final Set<String> SENSOR_KEYS = Set.of("type", "parent", "translationMeters", "rotation",
            "rollPitchYawDeg", "clockOffsetNanos", "intrinsics");
    private static final Set<String> INTRINSICS_KEYS = Set.of("imageSizePixels", "cameraMatrix", "distortion");

    private RigYamlReader() {
    }

    /** Reads and validates a rig file. */
    public static Rig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CalibrationFileException(file, "", "rig file not found");
        } catch (IOException e) {
            throw new CalibrationFileException(String.valueOf(file), "", "cannot read: " + e.getMessage(), e);
        }
        return parse(text, String.valueOf(file));
    }

    /** Parses rig YAML; {@code fileName} names the source in messages. */
    public static Rig parse(String yaml, String fileName) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new CalibrationFileException(fileName, "", "not valid YAML: " + e.getMessage(), e);
        }
        return new RigYamlReader.Parser(fileName).rig(root);
    }

    private static final class Parser {
        private final String file;

        Parser(String file) {
            this.file = file;
        }

        private CalibrationFileException error(String field, String problem) {
            return new CalibrationFileException(file, field, problem);
        }

        Rig rig(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw error("", "a rig file is a YAML mapping with keys " + TOP_KEYS);
            }
            onlyKeys(root, "", TOP_KEYS);
            String name = text(root, "rig");
            units(required(root, "units"));
            TransformTree.Builder tree = TransformTree.builder(TransformTree.BASE_LINK);
            JsonNode frames = root.get("frames");
            if (frames != null && !frames.isNull()) {
                mapping(frames, "frames");
                for (Iterator<Map.Entry<String, JsonNode>> it = frames.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String field = "frames." + e.getKey();
                    mapping(e.getValue(), field);
                    onlyKeys(e.getValue(), field, FRAME_KEYS);
                    addTransform(tree, e.getKey(), e.getValue(), field);
                }
            }
            JsonNode sensorsNode = required(root, "sensors");
            mapping(sensorsNode, "sensors");
            if (sensorsNode.isEmpty()) {
                throw error("sensors", "a rig needs at least one sensor");
            }
            List<RigSensor> sensors = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = sensorsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sensors.add(sensor(tree, e.getKey(), e.getValue(), "sensors." + e.getKey()));
            }
            TransformTree built;
            try {
                built = tree.build();
            } catch (IllegalArgumentException ex) {
                throw error("frames", ex.getMessage());
            }
            try {
                return new Rig(name, built, sensors);
            } catch (IllegalArgumentException ex) {
                throw error("sensors", ex.getMessage());
            }
        }

        private void units(JsonNode units) {
            mapping(units, "units");
            onlyKeys(units, "units", UNITS.keySet());
            for (Map.Entry<String, String> u : UNITS.entrySet()) {
                JsonNode v = units.get(u.getKey());
                if (v == null || !u.getValue().equals(v.asText())) {
                    throw error("units." + u.getKey(), "must be stated as '" + u.getValue() + "' (the only unit this file"
                            + " format uses), was " + (v == null ? "missing" : "'" + v.asText() + "'"));
                }
            }
        }

        private RigSensor sensor(TransformTree.Builder tree, String name, JsonNode node, String field) {
            mapping(node, field);
            onlyKeys(node, field, SENSOR_KEYS);
            frameName(name, field);
            String typeText = text(node, "type", field);
            SensorType type;
            try {
                type = SensorType.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(field + ".type", "must be one of lidar, camera, gnss, imu; was '" + typeText + "'");
            }
            if (!node.has("parent") && !node.has("translationMeters") && !node.has("rotation")
                    && !node.has("rollPitchYawDeg")) {
                throw error(field + ".parent", "sensor '" + name + "' has no transform: give parent, translationMeters and"
                        + " rotation (or rollPitchYawDeg) for its pose in the parent frame");
            }
            addTransform(tree, name, node, field);
            CameraIntrinsics intrinsics = null;
            JsonNode k = node.get("intrinsics");
            if (type == SensorType.CAMERA) {
                if (k == null || k.isNull()) {
                    throw error(field + ".intrinsics", "camera '" + name + "' has no intrinsics (imageSizePixels,"
                            + " cameraMatrix, distortion)");
                }
                intrinsics = intrinsics(k, field + ".intrinsics");
            } else if (k != null) {
                throw error(field + ".intrinsics", "only cameras have intrinsics; '" + name + "' is a " + typeText);
            }
            ClockOffset offset = ClockOffset.ZERO;
            JsonNode c = node.get("clockOffsetNanos");
            if (c != null) {
                if (!c.isIntegralNumber()) {
                    throw error(field + ".clockOffsetNanos", "must be a whole number of nanoseconds, was '" + c.asText() + "'");
                }
                offset = new ClockOffset(c.longValue());
            }
            return new RigSensor(name, type, intrinsics, offset);
        }

        private void addTransform(TransformTree.Builder tree, String name, JsonNode node, String field) {
            frameName(name, field);
            String parent = text(node, "parent", field);
            frameName(parent, field + ".parent");
            double[] t = numbers(required(node, "translationMeters", field), field + ".translationMeters", 3);
            boolean hasMatrix = node.has("rotation"), hasRpy = node.has("rollPitchYawDeg");
            if (hasMatrix == hasRpy) {
                throw error(field + ".rotation", "give exactly one of rotation (3x3 rows) and rollPitchYawDeg ([roll, pitch,"
                        + " yaw] degrees)");
            }
            RigidTransform transform;
            if (hasMatrix) {
                double[] r = matrix(node.get("rotation"), field + ".rotation", 3, 3);
                try {
                    transform = RigidTransform.of(r, t[0], t[1], t[2]);
                } catch (IllegalArgumentException e) {
                    throw error(field + ".rotation", e.getMessage());
                }
            } else {
                double[] rpy = numbers(node.get("rollPitchYawDeg"), field + ".rollPitchYawDeg", 3);
                transform = RigidTransform.fromRollPitchYaw(t[0], t[1], t[2], Math.toRadians(rpy[0]),
                        Math.toRadians(rpy[1]), Math.toRadians(rpy[2]));
            }
            try {
                tree.add(parent, name, transform);
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }

        private CameraIntrinsics intrinsics(JsonNode k, String field) {
            mapping(k, field);
            onlyKeys(k, field, INTRINSICS_KEYS);
            double[] size = numbers(required(k, "imageSizePixels", field), field + ".imageSizePixels", 2);
            for (double s : size) {
                if (!(s >= 1) || s != Math.rint(s)) {
                    throw error(field + ".imageSizePixels", "must be [width, height] in whole pixels >= 1, was "
                            + k.get("imageSizePixels"));
                }
            }
            double[] m = matrix(required(k, "cameraMatrix", field), field + ".cameraMatrix", 3, 3);
            JsonNode d = required(k, "distortion", field);
            if (!d.isArray()) {
                throw error(field + ".distortion", "must be a list of 0, 4, 5 or 8 coefficients (OpenCV order)");
            }
            double[] dist = numbers(d, field + ".distortion", d.size());
            try {
                return CameraIntrinsics.fromCameraMatrix(m, (int) size[0], (int) size[1], DistortionCoefficients.ofOpenCv(dist));
            } catch (IllegalArgumentException e) {
                throw error(field + (e.getMessage().contains("distortion") ? ".distortion" : ".cameraMatrix"), e.getMessage());
            }
        }

        private void frameName(String name, String field) {
            try {
                TransformTree.requireFrameName(field, name);
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }

        private double[] matrix(JsonNode node, String field, int rows, int cols) {
            if (node == null || !node.isArray() || node.size() != rows) {
                throw error(field, "must be a " + rows + "x" + cols + " matrix given as " + rows + " rows, had "
                        + (node == null || !node.isArray() ? "no rows" : node.size() + " rows"));
            }
            double[] out = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                JsonNode row = node.get(i);
                if (!row.isArray() || row.size() != cols) {
                    throw error(field, "must be a " + rows + "x" + cols + " matrix: row " + i + " has "
                            + (row.isArray() ? row.size() : "no") + " values, needs " + cols);
                }
                System.arraycopy(numbers(row, field + "[" + i + "]", cols), 0, out, i * cols, cols);
            }
            return out;
        }

        private double[] numbers(JsonNode node, String field, int count) {
            if (node == null || !node.isArray() || node.size() != count) {
                throw error(field, "must be a list of " + count + " numbers, was "
                        + (node == null ? "missing" : node.isArray() ? node.size() + " values" : "'" + node.asText() + "'"));
            }
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                JsonNode v = node.get(i);
                if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                    throw error(field, "value " + i + " is not a finite number: '" + v.asText() + "'");
                }
                out[i] = v.doubleValue();
            }
            return out;
        }

        private void mapping(JsonNode node, String field) {
            if (node == null || !node.isObject()) {
                throw error(field, "must be a mapping");
            }
        }

        private JsonNode required(JsonNode node, String key) {
            return required(node, key, "");
        }

        private JsonNode required(JsonNode node, String key, String parentField) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw error(parentField.isEmpty() ? key : parentField + "." + key, "missing");
            }
            return v;
        }

        private String text(JsonNode node, String key) {
            return text(node, key, "");
        }

        private String text(JsonNode node, String key, String parentField) {
            JsonNode v = required(node, key, parentField);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(parentField.isEmpty() ? key : parentField + "." + key, "must be a non-empty text");
            }
            return v.asText();
        }

        private void onlyKeys(JsonNode node, String field, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw error(field.isEmpty() ? k : field + "." + k, "unknown key; allowed here: "
                            + new java.util.TreeSet<>(allowed));
                }
            }
        }
    }

}
