package org.avfusion.calibration.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.geometry.TransformTree;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.calibration.rig.RigSensor;
import org.avfusion.calibration.rig.SensorType;
import org.avfusion.calibration.time.ClockOffset;
import org.avfusion.calibration.yaml.BindException;
import org.avfusion.calibration.yaml.Bounds;
import org.avfusion.calibration.yaml.BoundsException;
import org.avfusion.calibration.yaml.YamlBinder;

/**
 * Reads a rig file ({@code config/rigs/*.yaml}) strictly, through the shared {@link YamlBinder} into the file's
 * records ({@link RigFile}) and then into a {@link Rig}: unknown keys, missing fields, wrong matrix sizes,
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
    /** Largest offset of a sensor from its parent frame: 1 km (rig frames are mounts on one vehicle). */
    public static final double MAX_TRANSLATION_METERS = 1_000;
    /** Largest clock offset: one hour, in nanoseconds (calibrated skews between synchronised clocks). */
    public static final long MAX_CLOCK_OFFSET_NANOS = 3_600_000_000_000L;
    /** Largest image side: 65,535 pixels. */
    public static final int MAX_IMAGE_SIDE_PIXELS = 65_535;

    /** The YAML schema of a rig file, as the binder reads it; validated into a {@link Rig} by the reader. */
    record RigFile(String rig, Units units, Map<String, Frame> frames, Map<String, Sensor> sensors) {
    }

    /** The units block: exactly {@link #UNITS}. */
    record Units(String length, String angle, String time, String image) {
    }

    /** A frame that is not a sensor: its pose in its parent (parent-from-frame). */
    record Frame(String parent, List<Double> translationMeters, List<List<Double>> rotation,
            List<Double> rollPitchYawDeg) {
    }

    /** A sensor: its type, pose in its parent, clock offset and (cameras) intrinsics. */
    record Sensor(String type, String parent, List<Double> translationMeters, List<List<Double>> rotation,
            List<Double> rollPitchYawDeg, Long clockOffsetNanos, Intrinsics intrinsics) {
    }

    /** A camera's intrinsics: image size, 3x3 camera matrix, OpenCV distortion (0, 4, 5 or 8 values). */
    record Intrinsics(List<Double> imageSizePixels, List<List<Double>> cameraMatrix, List<Double> distortion) {
    }

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
        RigFile file;
        try {
            JsonNode root = YamlBinder.readTree(yaml, fileName);
            if (!root.isObject()) {
                throw new CalibrationFileException(fileName, "", "a rig file is a YAML mapping with keys "
                        + YamlBinder.keysOf(RigFile.class));
            }
            file = YamlBinder.bind(root, RigFile.class, fileName, "", true);
        } catch (BindException e) {
            throw new CalibrationFileException(fileName, e.path(), e.problem(), e);
        }
        return new Parser(fileName).rig(file);
    }

    private static final class Parser {
        private final String file;

        Parser(String file) {
            this.file = file;
        }

        private CalibrationFileException error(String field, String problem) {
            return new CalibrationFileException(file, field, problem);
        }

        Rig rig(RigFile root) {
            String name = text(root.rig(), "rig");
            units(required(root.units(), "units"));
            TransformTree.Builder tree = TransformTree.builder(TransformTree.BASE_LINK);
            if (root.frames() != null) {
                for (Map.Entry<String, Frame> e : root.frames().entrySet()) {
                    String field = "frames." + e.getKey();
                    Frame f = required(e.getValue(), field);
                    addTransform(tree, e.getKey(), f.parent(), f.translationMeters(), f.rotation(), f.rollPitchYawDeg(),
                            field);
                }
            }
            Map<String, Sensor> sensorsNode = required(root.sensors(), "sensors");
            if (sensorsNode.isEmpty()) {
                throw error("sensors", "a rig needs at least one sensor");
            }
            List<RigSensor> sensors = new ArrayList<>();
            for (Map.Entry<String, Sensor> e : sensorsNode.entrySet()) {
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

        private void units(Units units) {
            Map<String, String> given = new java.util.HashMap<>();
            given.put("length", units.length());
            given.put("angle", units.angle());
            given.put("time", units.time());
            given.put("image", units.image());
            for (Map.Entry<String, String> u : UNITS.entrySet()) {
                String v = given.get(u.getKey());
                if (!u.getValue().equals(v)) {
                    throw error("units." + u.getKey(), "must be stated as '" + u.getValue() + "' (the only unit this file"
                            + " format uses), was " + (v == null ? "missing" : "'" + v + "'"));
                }
            }
        }

        private RigSensor sensor(TransformTree.Builder tree, String name, Sensor node, String field) {
            required(node, field);
            frameName(name, field);
            String typeText = text(node.type(), field + ".type");
            SensorType type;
            try {
                type = SensorType.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(field + ".type", "must be one of lidar, camera, gnss, imu; was '" + typeText + "'");
            }
            if (node.parent() == null && node.translationMeters() == null && node.rotation() == null
                    && node.rollPitchYawDeg() == null) {
                throw error(field + ".parent", "sensor '" + name + "' has no transform: give parent, translationMeters and"
                        + " rotation (or rollPitchYawDeg) for its pose in the parent frame");
            }
            addTransform(tree, name, node.parent(), node.translationMeters(), node.rotation(), node.rollPitchYawDeg(),
                    field);
            CameraIntrinsics intrinsics = null;
            if (type == SensorType.CAMERA) {
                if (node.intrinsics() == null) {
                    throw error(field + ".intrinsics", "camera '" + name + "' has no intrinsics (imageSizePixels,"
                            + " cameraMatrix, distortion)");
                }
                intrinsics = intrinsics(node.intrinsics(), field + ".intrinsics");
            } else if (node.intrinsics() != null) {
                throw error(field + ".intrinsics", "only cameras have intrinsics; '" + name + "' is a " + typeText);
            }
            ClockOffset offset = ClockOffset.ZERO;
            if (node.clockOffsetNanos() != null) {
                offset = new ClockOffset(bounded(field, () -> Bounds.requireInRange("clockOffsetNanos",
                        node.clockOffsetNanos(), -MAX_CLOCK_OFFSET_NANOS, MAX_CLOCK_OFFSET_NANOS, "ns")));
            }
            return new RigSensor(name, type, intrinsics, offset);
        }

        private void addTransform(TransformTree.Builder tree, String name, String parentText, List<Double> translation,
                List<List<Double>> rotation, List<Double> rollPitchYaw, String field) {
            frameName(name, field);
            String parent = text(parentText, field + ".parent");
            frameName(parent, field + ".parent");
            double[] t = numbers(required(translation, field + ".translationMeters"), field + ".translationMeters", 3);
            for (double v : t) {
                bounded(field, () -> Bounds.requireInRange("translationMeters", v, -MAX_TRANSLATION_METERS,
                        MAX_TRANSLATION_METERS, "m"));
            }
            boolean hasMatrix = rotation != null, hasRpy = rollPitchYaw != null;
            if (hasMatrix == hasRpy) {
                throw error(field + ".rotation", "give exactly one of rotation (3x3 rows) and rollPitchYawDeg ([roll, pitch,"
                        + " yaw] degrees)");
            }
            RigidTransform transform;
            if (hasMatrix) {
                double[] r = matrix(rotation, field + ".rotation", 3, 3);
                try {
                    transform = RigidTransform.of(r, t[0], t[1], t[2]);
                } catch (IllegalArgumentException e) {
                    throw error(field + ".rotation", e.getMessage());
                }
            } else {
                double[] rpy = numbers(rollPitchYaw, field + ".rollPitchYawDeg", 3);
                for (double v : rpy) {
                    bounded(field, () -> Bounds.requireInRange("rollPitchYawDeg", v, -360, 360, "degrees"));
                }
                transform = RigidTransform.fromRollPitchYaw(t[0], t[1], t[2], Math.toRadians(rpy[0]),
                        Math.toRadians(rpy[1]), Math.toRadians(rpy[2]));
            }
            try {
                tree.add(parent, name, transform);
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }

        private CameraIntrinsics intrinsics(Intrinsics k, String field) {
            double[] size = numbers(required(k.imageSizePixels(), field + ".imageSizePixels"), field + ".imageSizePixels",
                    2);
            for (double s : size) {
                if (!(s >= 1 && s <= MAX_IMAGE_SIDE_PIXELS) || s != Math.rint(s)) {
                    throw error(field + ".imageSizePixels", "must be [width, height] in whole pixels in [1, "
                            + MAX_IMAGE_SIDE_PIXELS + "], was " + k.imageSizePixels());
                }
            }
            double[] m = matrix(required(k.cameraMatrix(), field + ".cameraMatrix"), field + ".cameraMatrix", 3, 3);
            cameraMatrix(m, (int) size[0], (int) size[1], field + ".cameraMatrix");
            List<Double> d = required(k.distortion(), field + ".distortion");
            double[] dist = numbers(d, field + ".distortion", d.size());
            try {
                return CameraIntrinsics.fromCameraMatrix(m, (int) size[0], (int) size[1], DistortionCoefficients.ofOpenCv(dist));
            } catch (IllegalArgumentException e) {
                throw error(field + (e.getMessage().contains("distortion") ? ".distortion" : ".cameraMatrix"), e.getMessage());
            }
        }

        /**
         * The focal lengths and principal point of {@code K = [fx 0 cx; 0 fy cy; 0 0 1]} (OpenCV): {@code fx, fy > 0}
         * pixels and the principal point on the image, {@code cx} in {@code [0, width]}, {@code cy} in
         * {@code [0, height]}. A negative focal length mirrors the image (its message spoke of skew); a principal
         * point off the image is a matrix written for another image size, or in other units.
         */
        private void cameraMatrix(double[] k, int width, int height, String field) {
            String[] names = {"fx (row 0, column 0)", "fy (row 1, column 1)"};
            double[] focal = {k[0], k[4]};
            for (int i = 0; i < 2; i++) {
                if (!(focal[i] > 0)) {
                    throw error(field, names[i] + " must be > 0 pixels, was " + focal[i]);
                }
            }
            if (!(k[2] >= 0 && k[2] <= width)) {
                throw error(field, "cx (row 0, column 2) must be in [0, " + width + "] pixels (on the " + width + "x"
                        + height + " image), was " + k[2]);
            }
            if (!(k[5] >= 0 && k[5] <= height)) {
                throw error(field, "cy (row 1, column 2) must be in [0, " + height + "] pixels (on the " + width + "x"
                        + height + " image), was " + k[5]);
            }
        }

        /** Runs a {@link Bounds} check, naming {@code field} plus its key in the error. */
        private <T> T bounded(String field, java.util.function.Supplier<T> check) {
            try {
                return check.get();
            } catch (BoundsException e) {
                throw error(field + "." + e.key(), e.problem());
            }
        }

        private void frameName(String name, String field) {
            try {
                TransformTree.requireFrameName(field, name);
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }

        private double[] matrix(List<List<Double>> rows, String field, int rowCount, int cols) {
            if (rows == null || rows.size() != rowCount) {
                throw error(field, "must be a " + rowCount + "x" + cols + " matrix given as " + rowCount + " rows, had "
                        + (rows == null ? "no rows" : rows.size() + " rows"));
            }
            double[] out = new double[rowCount * cols];
            for (int i = 0; i < rowCount; i++) {
                List<Double> row = rows.get(i);
                if (row == null || row.size() != cols) {
                    throw error(field, "must be a " + rowCount + "x" + cols + " matrix: row " + i + " has "
                            + (row != null ? row.size() : "no") + " values, needs " + cols);
                }
                System.arraycopy(numbers(row, field + "[" + i + "]", cols), 0, out, i * cols, cols);
            }
            return out;
        }

        private double[] numbers(List<Double> values, String field, int count) {
            if (values == null || values.size() != count) {
                throw error(field, "must be a list of " + count + " numbers, was "
                        + (values == null ? "missing" : values.size() + " values"));
            }
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                Double v = values.get(i);
                if (v == null || !Double.isFinite(v)) {
                    throw error(field, "value " + i + " is not a finite number: '" + v + "'");
                }
                out[i] = v;
            }
            return out;
        }

        private <T> T required(T value, String field) {
            if (value == null) {
                throw error(field, "missing");
            }
            return value;
        }

        private String text(String value, String field) {
            if (value == null) {
                throw error(field, "missing");
            }
            if (value.isBlank()) {
                throw error(field, "must be a non-empty text");
            }
            return value;
        }
    }
}
