package org.avfusion.calibration.rig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.geometry.TransformTree;
import org.avfusion.calibration.projection.PointProjector;

/**
 * A vehicle's calibration: the tree of coordinate frames (rooted at {@code base_link}), its sensors with their
 * clock offsets and camera intrinsics. Validated at construction: every sensor has a frame in the tree (a
 * transform to {@code base_link}) and every camera has intrinsics. Units: metres, radians inside the model,
 * nanoseconds for clock offsets, pixels for intrinsics.
 *
 * <p>Immutable and thread-safe. Loaded once at start-up ({@code calibration.io.RigYamlReader}); a runtime that
 * uses sensors the rig lacks must refuse to start: call {@link #requireSensors}.
 */
public final class Rig {

    private final String name;
    private final TransformTree frames;
    private final Map<String, RigSensor> sensors;

    /**
     * @throws IllegalArgumentException when a sensor has no frame in the tree, or names repeat; the message
     *                                  names the sensor
     */
    public Rig(String name, TransformTree frames, Collection<RigSensor> sensors) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("rig name must be given");
        }
        if (frames == null) {
            throw new IllegalArgumentException("rig '" + name + "' has no frames");
        }
        Map<String, RigSensor> byName = new LinkedHashMap<>();
        for (RigSensor s : sensors) {
            if (!frames.contains(s.name())) {
                throw new IllegalArgumentException("sensor '" + s.name() + "' has no transform to " + frames.root()
                        + " (frames: " + frames.frames() + ")");
            }
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("sensor '" + s.name() + "' is given twice");
            }
        }
        this.name = name;
        this.frames = frames;
        this.sensors = Collections.unmodifiableMap(byName);
    }

    public String name() {
        return name;
    }

    public TransformTree frames() {
        return frames;
    }

    /** Sensors by name, in file order. */
    public Map<String, RigSensor> sensors() {
        return sensors;
    }

    /** @throws IllegalArgumentException naming the sensor and the ones the rig has */
    public RigSensor sensor(String sensorName) {
        RigSensor s = sensors.get(sensorName);
        if (s == null) {
            throw new IllegalArgumentException("rig '" + name + "' has no sensor '" + sensorName + "'; it has "
                    + sensors.keySet());
        }
        return s;
    }

    /** Sensors of one type, in file order. */
    public List<RigSensor> sensorsOfType(SensorType type) {
        List<RigSensor> out = new ArrayList<>();
        for (RigSensor s : sensors.values()) {
            if (s.type() == type) {
                out.add(s);
            }
        }
        return out;
    }

    /** {@code targetFromSource} between any two frames of the rig (sensor names are frame names). */
    public RigidTransform transform(String targetFrame, String sourceFrame) {
        return frames.lookup(targetFrame, sourceFrame);
    }

    /** A sensor's pose on the vehicle: {@code base_link-from-sensor}. */
    public RigidTransform baseFromSensor(String sensorName) {
        return frames.lookup(frames.root(), sensor(sensorName).name());
    }

    /** The intrinsics of a camera. */
    public CameraIntrinsics intrinsics(String cameraName) {
        RigSensor s = sensor(cameraName);
        if (s.type() != SensorType.CAMERA) {
            throw new IllegalArgumentException("sensor '" + cameraName + "' is a " + s.type() + ", not a camera");
        }
        return s.intrinsics();
    }

    /** A projector of points in {@code sourceFrame} (e.g. a lidar) into the image of {@code cameraName}. */
    public PointProjector projector(String cameraName, String sourceFrame) {
        return new PointProjector(transform(cameraName, sourceFrame), intrinsics(cameraName));
    }

    /**
     * Fails when any sensor the caller uses is missing or of another type; {@code usedBy} names the caller's
     * configuration (e.g. the vehicle config file) for the message.
     *
     * @throws IllegalArgumentException listing every missing or mistyped sensor
     */
    public void requireSensors(Map<String, SensorType> used, String usedBy) {
        List<String> problems = new ArrayList<>();
        used.forEach((sensorName, type) -> {
            RigSensor s = sensors.get(sensorName);
            if (s == null) {
                problems.add("no sensor '" + sensorName + "' (" + type + ")");
            } else if (s.type() != type) {
                problems.add("sensor '" + sensorName + "' is a " + s.type() + ", " + usedBy + " uses it as a " + type);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("rig '" + name + "' does not fit " + usedBy + ": " + String.join("; ", problems)
                    + "; the rig has " + sensors.keySet());
        }
    }

    @Override
    public String toString() {
        return "Rig[" + name + ", sensors=" + sensors.keySet() + ", frames=" + frames.frames() + "]";
    }
}
