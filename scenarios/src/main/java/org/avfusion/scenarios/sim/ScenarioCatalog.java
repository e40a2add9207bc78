package org.avfusion.scenarios.sim;

import static org.avfusion.calibration.yaml.Bounds.required;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.avfusion.calibration.yaml.BindException;
import org.avfusion.calibration.yaml.BoundsException;
import org.avfusion.calibration.yaml.YamlBinder;

/**
 * Loads scenario files strictly: YAML into the typed records of {@link ScenarioSpec}, through the shared
 * {@link YamlBinder}. Unknown keys, wrong types,
 * missing required keys and impossible values fail with a {@link ScenarioException} naming the file, the key path
 * and the value, and saying what to write instead. The built-in scenarios ship in the drivers jar under
 * {@code org/avfusion/scenarios/catalog/} (copied from {@code scenarios/catalog/*.yaml}). A scenario's name is its
 * file name without {@code .yaml}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScenarioCatalog {
    private static final String RESOURCE_DIR = "/org/avfusion/scenarios/catalog/";
    /** The built-in scenarios, in alphabetical order (a jar directory cannot be listed portably). */
    private static final List<String> BUILT_IN = List.of("car-ahead-braking", "clear-road", "cyclist-overtaking",
            "following-braking-lead", "ghost-detection", "lidar-dropout-following", "pedestrian-between-parked-cars",
            "pedestrian-crossing");

    private ScenarioCatalog() {
    }

    /** The YAML schema of a scenario file: {@link ScenarioSpec} without the name, which comes from the file. */
    private record ScenarioFile(String description, Long seed, Double durationSeconds, ScenarioSpec.Origin origin,
            String startUtc, ScenarioSpec.RoadLayout road, ScenarioSpec.Ego ego, List<ScenarioSpec.Actor> actors,
            ScenarioSpec.Sensors sensors) {
    }

    /** Names of the scenarios shipped with the drivers jar, e.g. {@code [car-ahead-braking, clear-road, pedestrian-crossing]}. */
    public static List<String> builtInNames() {
        return BUILT_IN;
    }

    /**
     * Loads a built-in scenario by name.
     *
     * @throws ScenarioException for an unknown name (listing the known ones) or a broken file
     */
    public static ScenarioSpec loadBuiltIn(String name) {
        Objects.requireNonNull(name, "name");
        if (!BUILT_IN.contains(name)) {
            throw new ScenarioException("unknown scenario '" + name + "'; built-in scenarios: "
                    + String.join(", ", BUILT_IN) + " (or give the path of a .yaml file)");
        }
        String file = name + ".yaml";
        try (InputStream in = ScenarioCatalog.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new ScenarioException(file + ": built-in scenario missing from the classpath under "
                        + RESOURCE_DIR + "; rebuild the drivers jar");
            }
            return parse(file, name, in);
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read the built-in scenario: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a scenario file.
     *
     * @throws ScenarioException for a missing or unreadable file, bad YAML, an unknown key or a bad value
     */
    public static ScenarioSpec load(Path file) {
        Objects.requireNonNull(file, "file");
        String fileName = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(fileName + ": scenario file not found at " + file.toAbsolutePath()
                    + "; give an existing .yaml file or a built-in name (" + String.join(", ", BUILT_IN) + ")");
        }
        String name = fileName.endsWith(".yaml") ? fileName.substring(0, fileName.length() - 5)
                : fileName.endsWith(".yml") ? fileName.substring(0, fileName.length() - 4) : fileName;
        try (InputStream in = Files.newInputStream(file)) {
            return parse(fileName, name, in);
        } catch (IOException e) {
            throw new ScenarioException(fileName + ": cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** A path if that file exists, else a built-in name. */
    public static ScenarioSpec resolve(String fileOrName) {
        Objects.requireNonNull(fileOrName, "fileOrName");
        Path path = Path.of(fileOrName);
        if (Files.isRegularFile(path)) {
            return load(path);
        }
        if (fileOrName.endsWith(".yaml") || fileOrName.endsWith(".yml") || fileOrName.contains("/")) {
            return load(path);
        }
        return loadBuiltIn(fileOrName);
    }

    private static ScenarioSpec parse(String fileName, String name, InputStream in) throws IOException {
        JsonNode tree;
        try {
            tree = YamlBinder.readTree(in, fileName);
        } catch (BindException e) {
            throw new ScenarioException(e.getMessage(), e);
        }
        return bind(tree, fileName, name);
    }

    /** The YAML tree of a built-in scenario (for files that extend one, e.g. HIL fault scenarios). */
    public static JsonNode builtInTree(String name) {
        Objects.requireNonNull(name, "name");
        if (!BUILT_IN.contains(name)) {
            throw new ScenarioException("unknown scenario '" + name + "'; built-in scenarios: "
                    + String.join(", ", BUILT_IN));
        }
        try (InputStream in = ScenarioCatalog.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
            if (in == null) {
                throw new ScenarioException(name + ".yaml: built-in scenario missing from the classpath");
            }
            return YamlBinder.readTree(in, name + ".yaml");
        } catch (IOException | BindException e) {
            throw new ScenarioException(name + ".yaml: cannot read the built-in scenario: " + e.getMessage(), e);
        }
    }

    /** Binds a scenario's YAML tree strictly (the keys of {@link ScenarioSpec}), naming {@code fileName} in errors. */
    public static ScenarioSpec bind(JsonNode tree, String fileName, String name) {
        ScenarioFile f;
        try {
            if (tree.isNull()) {
                throw new ScenarioException(fileName + ": the file is empty; write at least description, seed, "
                        + "durationSeconds, road and ego");
            }
            f = YamlBinder.bind(tree, ScenarioFile.class, fileName, "", true);
        } catch (BindException e) {
            throw new ScenarioException(e.getMessage(), e);
        }
        try {
            required("seed", f.seed(), "42");
            required("durationSeconds", f.durationSeconds(), "20");
            return new ScenarioSpec(name, f.description(), f.seed(), f.durationSeconds(), f.origin(),
                    ScenarioSpec.parseStartUtc(f.startUtc()), f.road(), f.ego(), f.actors(), f.sensors());
        } catch (BoundsException e) {
            throw new ScenarioException(fileName + ": " + e.key() + ": " + e.problem(), e);
        }
    }
}
