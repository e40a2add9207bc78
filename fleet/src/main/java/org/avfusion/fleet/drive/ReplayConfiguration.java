package org.avfusion.fleet.drive;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.avfusion.calibration.io.RigYamlReader;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.calibration.rig.RigSensor;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.perceive.detect.DetectionLayout;

/**
 * One runtime configuration a fleet is replayed under: a profile, a rig and a detection model, each by path (null:
 * the default profile, each recording's own calibration, no camera detection). Paths, not loaded objects, travel to
 * the executors; each task loads them there, so every executor must see the same files at the same paths.
 *
 * @param name    {@code baseline} or {@code candidate}: the value of the {@code config} column
 * @param profile YAML profile merged over the built-in default, or null
 * @param rig     rig YAML, or null
 * @param model   ONNX detection model, or null
 * @param layout  the model's output layout ({@code yolox}, {@code nanodet}, {@code yolov8})
 */
public record ReplayConfiguration(String name, String profile, String rig, String model, String layout)
        implements Serializable {
    public ReplayConfiguration {
        Objects.requireNonNull(name, "name");
        layout = layout == null ? "yolox" : layout;
    }

    /** The profile, loaded. @throws RuntimeException naming the file and key on a bad profile */
    public RuntimeConfig loadProfile() {
        ConfigLoader loader = new ConfigLoader();
        return profile == null ? loader.loadDefault() : loader.load(Path.of(profile));
    }

    /** The detector config, or null without a model. */
    public DetectorConfig detection() {
        return model == null ? null : DetectorConfig.forModel(Path.of(model), DetectionLayout.parse(layout));
    }

    /**
     * Loads everything once on the driver, so that a bad profile, rig or model stops the job before any task runs.
     *
     * @throws IllegalArgumentException naming the configuration and the file
     */
    public void check() {
        try {
            loadProfile();
            if (rig != null) {
                RigYamlReader.read(Path.of(rig));
            }
            if (model != null && !Files.isRegularFile(Path.of(model))) {
                throw new IllegalArgumentException("model " + model + " not found");
            }
            DetectionLayout.parse(layout);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " configuration: " + e.getMessage(), e);
        }
    }

    /** The rig's sensors as name to type (empty without a rig): what two compared configurations must share. */
    public Map<String, String> rigSensors() {
        Map<String, String> out = new TreeMap<>();
        if (rig != null) {
            Rig r = RigYamlReader.read(Path.of(rig));
            for (RigSensor s : r.sensors().values()) {
                out.put(s.name(), s.type().name());
            }
        }
        return out;
    }

    /**
     * Checks that {@code baseline} and {@code candidate} replay the recordings under the same rig layout: both
     * without a rig, or rigs with the same sensors (names and types; their calibration values may differ, which is
     * what a rig candidate changes).
     *
     * @throws IllegalArgumentException naming both rigs and their sensors
     */
    public static void requireSameRig(ReplayConfiguration baseline, ReplayConfiguration candidate) {
        Map<String, String> a = baseline.rigSensors();
        Map<String, String> b = candidate.rigSensors();
        if (!a.equals(b)) {
            throw new IllegalArgumentException("baseline and candidate are for different rigs: baseline rig "
                    + (baseline.rig() == null ? "(each recording's own calibration)" : baseline.rig()) + " has sensors "
                    + a + ", candidate rig " + (candidate.rig() == null ? "(each recording's own calibration)"
                    : candidate.rig()) + " has " + b + "; compare configurations for one rig (same sensor names and "
                    + "types; calibration values may differ)");
        }
    }
}
