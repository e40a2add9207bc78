package org.avfusion.scenarios.sim;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Loads scenario files strictly: YAML into the typed records of {@link ScenarioSpec}. Unknown keys, wrong types,
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
    private static final List<String> BUILT_IN = List.of("car-ahead-braking", "clear-road", "pedestrian-crossing");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

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
        ScenarioFile f;
        try {
            JsonNode tree = YAML.readTree(in);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new ScenarioException(fileName + ": the file is empty; write at least description, seed, "
                        + "durationSeconds, road and ego");
            }
            // Jackson reports unknown keys of a record only after calling its constructor, whose checks would
            // then hide a misspelt key behind a 'missing' message: check the keys first.
            checkKeys(fileName, tree, ScenarioFile.class, "");
            f = YAML.treeToValue(tree, ScenarioFile.class);
        } catch (JsonMappingException e) {
            throw new ScenarioException(describe(fileName, e), e);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(fileName + ": " + where(e.getLocation()) + "not valid YAML: "
                    + e.getOriginalMessage(), e);
        }
        try {
            ScenarioValueException.required("seed", f.seed(), "42");
            ScenarioValueException.required("durationSeconds", f.durationSeconds(), "20");
            return new ScenarioSpec(name, f.description(), f.seed(), f.durationSeconds(), f.origin(),
                    ScenarioSpec.parseStartUtc(f.startUtc()), f.road(), f.ego(), f.actors(), f.sensors());
        } catch (ScenarioValueException e) {
            throw new ScenarioException(fileName + ": " + e.key() + ": " + e.problem(), e);
        }
    }

    private static String describe(String fileName, JsonMappingException e) {
        String path = path(e.getPath());
        String at = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).toString();
            return fileName + ": " + at + "unknown key '" + u.getPropertyName() + "'; known keys: "
                    + known.substring(1, known.length() - 1);
        }
        if (e instanceof InvalidTypeIdException t) {
            String parent = path(e.getPath());
            return fileName + ": " + (parent.isEmpty() ? "" : parent + ".") + "type: "
                    + (t.getTypeId() == null ? "missing" : "unknown type '" + t.getTypeId() + "'")
                    + "; write " + typeHint(t.getBaseType().getRawClass());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof ScenarioValueException v) {
            return fileName + ": " + (path.isEmpty() ? "" : path + ".") + v.key() + ": " + v.problem();
        }
        if (e instanceof InvalidFormatException f) {
            return fileName + ": " + at + "bad value '" + f.getValue() + "'; write a "
                    + f.getTargetType().getSimpleName().toLowerCase(java.util.Locale.ROOT).replace("double", "number")
                    .replace("long", "whole number").replace("integer", "whole number");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return fileName + ": " + at + "bad value (" + where(e.getLocation()) + "expected "
                    + m.getTargetType().getSimpleName() + "): " + e.getOriginalMessage();
        }
        return fileName + ": " + at + where(e.getLocation()) + e.getOriginalMessage();
    }

    /** Rejects any key that is not a component of the record the node binds to, recursively. */
    private static void checkKeys(String fileName, JsonNode node, Type type, String path) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkKeys(fileName, node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]");
                }
            }
            return;
        }
        if (!(type instanceof Class<?> c) || !node.isObject()) {
            return;
        }
        Set<String> known = new TreeSet<>();
        Class<?> target = c;
        JsonSubTypes subTypes = c.getAnnotation(JsonSubTypes.class);
        if (subTypes != null) {
            JsonNode typeName = node.get("type");
            target = null;
            for (JsonSubTypes.Type t : subTypes.value()) {
                if (typeName != null && t.name().equals(typeName.asText())) {
                    target = t.value();
                }
            }
            if (target == null) {
                return; // Jackson names the missing or unknown type
            }
            known.add("type");
        }
        if (!target.isRecord()) {
            return;
        }
        for (RecordComponent component : target.getRecordComponents()) {
            known.add(component.getName());
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (!known.contains(key)) {
                throw new ScenarioException(fileName + ": " + keyPath + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", known));
            }
        }
        for (RecordComponent component : target.getRecordComponents()) {
            JsonNode child = node.get(component.getName());
            if (child != null) {
                checkKeys(fileName, child, component.getGenericType(),
                        path.isEmpty() ? component.getName() : path + "." + component.getName());
            }
        }
    }

    private static String typeHint(Class<?> base) {
        if (base == ScenarioSpec.Actor.class) {
            return "type: pedestrian, car or static";
        }
        if (base == ScenarioSpec.Segment.class) {
            return "type: straight or arc";
        }
        return "a known type";
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : "line " + location.getLineNr() + ": ";
    }

    /** Jackson's reference chain as {@code actors[0].speedMetersPerSecond}. */
    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            }
        }
        return b.toString();
    }
}
