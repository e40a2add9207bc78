package org.avfusion.scenarios.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.avfusion.calibration.yaml.BindException;
import org.avfusion.calibration.yaml.YamlBinder;
import org.avfusion.scenarios.expect.HilExpectation;
import org.avfusion.scenarios.hil.fault.WireFault;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.ScenarioException;
import org.avfusion.scenarios.sim.ScenarioSpec;

/**
 * A scenario as a HIL rig plays it: the simulated world ({@link ScenarioSpec}), the faults to inject on the wire and
 * the expectations to check on the runtime's MQTT topics.
 *
 * <p><b>File</b>: a scenario YAML ({@code scenarios/catalog/*.yaml} schema) with two more keys, {@code faults:} and
 * {@code expectations:}, and optionally {@code extends: <built-in scenario>}, whose keys the file's own keys
 * override (mappings key by key, lists whole). Everything is bound strictly by {@link YamlBinder}: an unknown key or
 * an impossible value fails naming the file and the key path. A built-in name (e.g. {@code pedestrian-crossing})
 * loads that scenario with no faults and no expectations.
 *
 * @param spec         the simulated world
 * @param faults       wire faults in file order
 * @param expectations what the runtime must publish
 */
public record HilScenario(ScenarioSpec spec, List<WireFault> faults, List<HilExpectation> expectations) {
    private static final String FAULTS = "faults";
    private static final String EXPECTATIONS = "expectations";
    private static final String EXTENDS = "extends";

    public HilScenario {
        Objects.requireNonNull(spec, "spec");
        faults = List.copyOf(faults);
        expectations = List.copyOf(expectations);
    }

    /** A path to a file if one exists there, else a built-in scenario name. */
    public static HilScenario resolve(String fileOrName) {
        Path path = Path.of(fileOrName);
        if (Files.isRegularFile(path)) {
            return load(path);
        }
        if (fileOrName.endsWith(".yaml") || fileOrName.endsWith(".yml") || fileOrName.contains("/")) {
            throw new HilInputException("--scenario: file " + path.toAbsolutePath() + " not found; give a scenario"
                    + " file or a built-in name (" + String.join(", ", ScenarioCatalog.builtInNames()) + ")");
        }
        try {
            return new HilScenario(ScenarioCatalog.loadBuiltIn(fileOrName), List.of(), List.of());
        } catch (ScenarioException e) {
            throw new HilInputException("--scenario: " + e.getMessage(), e);
        }
    }

    /** Loads a HIL scenario file. */
    public static HilScenario load(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("\\.ya?ml$", "");
        try {
            JsonNode tree = YamlBinder.readTree(Files.readString(file), fileName);
            if (!(tree instanceof ObjectNode root)) {
                throw new HilInputException(fileName + ": not a YAML mapping; write a scenario with faults: and"
                        + " expectations:");
            }
            JsonNode faultsNode = root.remove(FAULTS);
            JsonNode expectationsNode = root.remove(EXPECTATIONS);
            JsonNode base = root.remove(EXTENDS);
            ObjectNode scenario = root;
            if (base != null) {
                if (!base.isTextual()) {
                    throw new HilInputException(fileName + ": extends: write the name of a built-in scenario ("
                            + String.join(", ", ScenarioCatalog.builtInNames()) + ")");
                }
                try {
                    scenario = YamlBinder.copy(ScenarioCatalog.builtInTree(base.asText()));
                } catch (ScenarioException e) {
                    throw new HilInputException(fileName + ": extends: " + e.getMessage(), e);
                }
                YamlBinder.merge(scenario, root);
            }
            ScenarioSpec spec = ScenarioCatalog.bind(scenario, fileName, name);
            return new HilScenario(spec, list(faultsNode, WireFault.class, fileName, FAULTS),
                    list(expectationsNode, HilExpectation.class, fileName, EXPECTATIONS));
        } catch (IOException e) {
            throw new HilInputException(fileName + ": cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (BindException | ScenarioException e) {
            throw new HilInputException(e.getMessage(), e);
        }
    }

    private static <T> List<T> list(JsonNode node, Class<T> type, String fileName, String key) {
        List<T> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new HilInputException(fileName + ": " + key + ": write a list (- {type: ...})");
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(YamlBinder.bind(node.get(i), type, fileName, key + "[" + i + "]", true));
        }
        return out;
    }
}
